"""Synonyms for issue 18: newly built models (measure "mới"), percentages (measure "%"), criminal gangs, cases
solved and people arrested from tips, and more ways to say a unit is certified safe. Measures: "mới" applies to
a number introduced as newly built ("xây dựng mới 125 …"), "%" to a percentage; a word such as "vụ" or "đối
tượng" to a number counted with it. Editable in the admin."""

from django.db import migrations

NOUN, PREDICATE, PREFIX = "noun", "predicate", "prefix"

SELF_MANAGEMENT = [
    "mô hình tự quản", "mô hình, tổ chức tự quản", "tổ chức tự quản", "tổ tự quản", "tổ an ninh tự quản",
    "mô hình tự phòng, tự quản", "mô hình tự phòng", "mô hình tự bảo vệ", "mô hình quần chúng tự quản",
]
TIPS = ("tips_provided", "valuable_tips")
CERTIFIED = [
    "đạt tiêu chí", "được công nhận đạt", "đạt danh hiệu", "được công nhận danh hiệu", "được công nhận là",
    "được công nhận an toàn", "công nhận đạt chuẩn",
]

# (indicator, position, phrases, only after a figure (or, for a prefix, a mention) of, only with the measure)
INDICATORS = [
    ("new_self_management_models", NOUN, SELF_MANAGEMENT, "", "mới"),
    ("new_movement_models", NOUN, [
        "mô hình", "mô hình phong trào", "mô hình, điển hình", "mô hình điểm", "mô hình, điển hình tiên tiến",
    ], "", "mới"),
    ("self_management_models", NOUN, ["mô hình", "mô hình tự quản"], "new_self_management_models", ""),
    ("movement_models", NOUN, ["mô hình"], "new_movement_models", ""),
    ("safety_certified", PREDICATE, CERTIFIED, "", ""),
    ("safety_certifications_granted", PREDICATE, CERTIFIED, "", "lượt"),
    ("households_pledged_rate", NOUN, ["hộ gia đình ký cam kết", "hộ ký cam kết", "hộ dân ký cam kết"], "", "%"),
    ("households_pledged_rate", PREDICATE, [
        "ký cam kết", "đã ký cam kết", "ký bản cam kết", "ký cam kết thực hiện",
    ], "", "%"),
    ("households_pledged_rate", PREFIX, [
        "tỷ lệ hộ gia đình ký cam kết", "tỷ lệ hộ ký cam kết", "hộ gia đình ký cam kết",
    ], "", "%"),
    ("criminal_gangs_dismantled", NOUN, [
        "băng, nhóm tội phạm", "băng nhóm tội phạm", "băng, ổ nhóm tội phạm", "ổ nhóm tội phạm",
        "ổ, nhóm tội phạm", "băng, nhóm, ổ nhóm tội phạm", "đường dây tội phạm", "băng, nhóm",
    ], "", ""),
    *[
        (indicator, PREFIX, phrases, after, measure)
        for after in TIPS
        for indicator, phrases, measures in (
            ("cases_solved_from_tips", [
                "khám phá", "điều tra, khám phá", "làm rõ", "điều tra, làm rõ", "điều tra làm rõ", "phá",
                "phát hiện, làm rõ", "giải quyết",
            ], ["vụ", "vụ án", "vụ việc"]),
            ("people_arrested_from_tips", [
                "bắt giữ", "bắt", "bắt, xử lý", "bắt giữ, xử lý", "truy bắt", "bắt, vận động đầu thú",
            ], ["đối tượng", "người"]),
        )
        for measure in measures
    ],
]


def indicator_rows():
    """(phrase, indicator, position, after_indicator, measure) for every phrase this migration adds."""
    for indicator, position, phrases, after, measure in INDICATORS:
        for phrase in phrases:
            yield phrase, indicator, position, after, measure


def seed(apps, schema_editor):
    IndicatorSynonym = apps.get_model("extraction", "IndicatorSynonym")
    for phrase, indicator, position, after, measure in indicator_rows():
        IndicatorSynonym.objects.get_or_create(
            indicator_code=indicator, phrase=phrase, position=position, after_indicator_code=after, measure=measure
        )


def unseed(apps, schema_editor):
    IndicatorSynonym = apps.get_model("extraction", "IndicatorSynonym")
    for phrase, indicator, position, after, measure in indicator_rows():
        IndicatorSynonym.objects.filter(
            indicator_code=indicator, phrase=phrase, position=position, after_indicator_code=after, measure=measure
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("extraction", "0002_seed_synonyms"), ("reports", "0006_seed_crime_and_rate_indicators")]
    operations = [migrations.RunPython(seed, unseed)]
