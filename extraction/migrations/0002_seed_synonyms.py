"""Seed the synonym catalogue with general Vietnamese report phrasing (editable in the admin).

The phrases name what reports count, not sentences of particular reports: each indicator has the usual
ways of saying it, each breakdown the usual unit nouns, each issuer the usual titles."""

from django.db import migrations

NOUN, PREDICATE, PREFIX = "noun", "predicate", "prefix"

# (indicator, position, phrases, only after a figure of, only with the measure word)
INDICATORS = [
    ("propaganda_sessions", NOUN, [
        "buổi tuyên truyền", "cuộc tuyên truyền", "đợt tuyên truyền", "buổi sinh hoạt tuyên truyền",
        "lớp tuyên truyền", "buổi phổ biến pháp luật", "buổi phổ biến, giáo dục pháp luật",
        "buổi tuyên truyền, phổ biến", "buổi nói chuyện chuyên đề",
    ], "", ""),
    ("propaganda_participants", NOUN, [
        "người được tuyên truyền", "người nghe tuyên truyền", "người tham gia tuyên truyền",
    ], "", ""),
    ("propaganda_participants", NOUN, [
        "người tham gia", "người tham dự", "người nghe", "người dân tham gia", "người dự",
    ], "propaganda_sessions", ""),
    ("banners_and_slogans", NOUN, [
        "băng zôn", "băng rôn", "băng-rôn", "băng khẩu hiệu", "khẩu hiệu", "pa nô", "panô", "pano", "pa-nô",
        "áp phích", "tranh cổ động", "tranh tuyên truyền",
    ], "", ""),
    ("news_items", NOUN, [
        "tin, bài", "tin bài", "tin, bài viết", "tin, ảnh", "bài viết", "phóng sự", "bản tin", "chuyên mục",
        "tin, bài, phóng sự",
    ], "", ""),
    ("tips_provided", NOUN, [
        "tin", "nguồn tin", "tin báo", "tin tố giác", "thông tin", "tin tức",
    ], "", ""),
    ("valuable_tips", NOUN, [
        "tin có giá trị", "nguồn tin có giá trị", "thông tin có giá trị", "tin báo có giá trị",
        "tin có giá trị nghiệp vụ",
    ], "", ""),
    ("self_management_models", NOUN, [
        "mô hình tự quản", "mô hình, tổ chức tự quản", "tổ chức tự quản", "tổ tự quản", "tổ an ninh tự quản",
        "mô hình tự phòng, tự quản", "mô hình tự phòng", "mô hình tự bảo vệ", "mô hình quần chúng tự quản",
    ], "", ""),
    ("self_management_models", NOUN, ["mô hình"], "self_management_models", ""),
    ("model_host_units", PREFIX, [
        "áp dụng tại", "được áp dụng tại", "áp dụng ở", "triển khai tại", "nhân rộng tại", "nhân rộng ra",
    ], "", ""),
    ("units_with_security_force", PREDICATE, [
        "lực lượng bảo vệ", "bảo vệ chuyên trách", "bảo vệ bán chuyên trách", "tổ bảo vệ", "đội bảo vệ",
        "bộ phận bảo vệ",
    ], "", ""),
    ("units_registered_for_safety_certification", PREDICATE, [
        "đăng ký", "đăng ký xây dựng", "đăng ký đạt tiêu chuẩn", "đăng ký phấn đấu",
    ], "", ""),
    ("safety_certified", PREDICATE, [
        "công nhận", "được công nhận", "đạt tiêu chuẩn", "đạt chuẩn", "đạt danh hiệu an toàn",
    ], "", ""),
    ("safety_certified", PREFIX, ["công nhận", "đã công nhận", "công nhận cho"], "", ""),
    ("safety_certifications_granted", PREDICATE, [
        "công nhận", "được công nhận", "đạt tiêu chuẩn", "đạt chuẩn",
    ], "", "lượt"),
    ("safety_certifications_granted", NOUN, ["công nhận"], "", "lượt"),
    ("movement_models", NOUN, [
        "mô hình", "mô hình phong trào", "mô hình trong phong trào", "mô hình, điển hình", "mô hình điểm",
    ], "", ""),
    ("new_movement_models", NOUN, [
        "mô hình được xây dựng mới", "mô hình xây dựng mới", "mô hình mới", "mô hình được thành lập mới",
        "mô hình thành lập mới", "mô hình mới được xây dựng", "mô hình mới thành lập",
    ], "", ""),
    ("fire_prevention_models", NOUN, [
        "mô hình về pccc", "mô hình pccc", "mô hình phòng cháy", "mô hình về phòng cháy",
        "mô hình phòng cháy, chữa cháy", "mô hình về phòng cháy, chữa cháy", "mô hình an toàn pccc",
        "mô hình an toàn phòng cháy", "mô hình phòng cháy và chữa cháy",
    ], "", ""),
    ("areas_with_safety_models", NOUN, [
        "địa bàn có mô hình", "địa bàn có mô hình an toàn", "địa bàn xây dựng mô hình",
    ], "", ""),
    ("community_conferences", NOUN, [
        "hội nghị", "buổi họp dân", "cuộc họp dân", "buổi họp", "cuộc họp", "hội nghị thông báo",
    ], "", ""),
    ("community_conference_participants", NOUN, [
        "người tham gia", "người tham dự", "người dân tham gia", "người dân tham dự", "người dự",
        "đại biểu tham dự",
    ], "community_conferences", ""),
    ("military_guns_surrendered", NOUN, [
        "súng quân dụng", "súng ngắn quân dụng", "súng quân dụng các loại",
    ], "", ""),
    ("homemade_guns_surrendered", NOUN, [
        "súng tự chế", "súng tự tạo", "súng kíp", "súng hoa cải", "súng tự chế các loại",
    ], "", ""),
    ("military_ammunition_surrendered", NOUN, [
        "viên đạn", "đạn quân dụng", "viên đạn quân dụng", "đạn các loại",
    ], "", ""),
    ("explosives_surrendered_kg", NOUN, [
        "kg thuốc nổ", "kg tnt", "kg vật liệu nổ", "kg chất nổ", "kilôgam thuốc nổ", "ki-lô-gam thuốc nổ",
    ], "", ""),
    ("fireworks_surrendered_boxes", NOUN, ["hộp pháo", "hộp pháo nổ", "hộp pháo các loại"], "", ""),
    ("complex_areas_transformed", NOUN, [
        "địa bàn phức tạp", "địa bàn trọng điểm, phức tạp", "địa bàn trọng điểm phức tạp", "địa bàn trọng điểm",
    ], "", ""),
    ("complex_areas_transformed", PREFIX, ["chuyển hóa"], "", ""),
]

# (phrase, breakdown code or "" for the whole population, also inside a noun phrase)
BREAKDOWNS = [
    ("cơ quan, doanh nghiệp, nhà trường", "", False),
    ("cơ quan, doanh nghiệp, trường học", "", False),
    ("cơ quan, doanh nghiệp, bệnh viện, nhà trường", "", False),
    ("cơ quan, đơn vị, doanh nghiệp, nhà trường", "", False),
    ("cơ quan, doanh nghiệp, cơ sở giáo dục", "", False),
    ("xã, phường, thị trấn", "", False),
    ("xã, thị trấn", "", False),
    ("xã, phường", "", False),
    ("cơ quan, doanh nghiệp", "agency_or_enterprise", False),
    ("cơ quan, đơn vị, doanh nghiệp", "agency_or_enterprise", False),
    ("cơ quan", "agency", False),
    ("cơ quan, đơn vị", "agency", False),
    ("cơ quan nhà nước", "agency", False),
    ("khối cơ quan", "agency", True),
    ("doanh nghiệp", "enterprise", False),
    ("khối doanh nghiệp", "enterprise", True),
    ("nhà trường", "school", False),
    ("trường học", "school", False),
    ("trường", "school", False),
    ("cơ sở giáo dục", "school", False),
    ("khối nhà trường", "school", True),
    ("khối trường học", "school", True),
    ("bệnh viện", "hospital", False),
    ("khối bệnh viện", "hospital", True),
    ("khu dân cư", "residential_area", False),
    ("thôn", "residential_area", False),
    ("tổ dân phố", "residential_area", False),
    ("thôn, tổ dân phố", "residential_area", False),
    ("thôn, bản", "residential_area", False),
    ("thôn, xóm", "residential_area", False),
    ("xóm", "residential_area", False),
    ("bản", "residential_area", False),
    ("ấp", "residential_area", False),
    ("khóm", "residential_area", False),
    ("xã", "commune", False),
    ("phường", "ward", False),
    ("thị trấn", "township", False),
    ("đặc khu", "special_zone", False),
]

# (issuing authority code, or None for a person who hands awards over on someone's behalf; phrases)
ISSUERS = [
    ("minister_of_public_security", ["bộ trưởng bộ công an", "bộ trưởng công an"]),
    ("ministry_of_public_security", ["bộ công an"]),
    ("provincial_chair", [
        "chủ tịch ubnd tỉnh", "chủ tịch ủy ban nhân dân tỉnh", "chủ tịch ubnd thành phố", "chủ tịch ubnd tp",
        "chủ tịch ủy ban nhân dân thành phố",
    ]),
    ("provincial_people_committee", [
        "ubnd tỉnh", "ủy ban nhân dân tỉnh", "ubnd thành phố", "ubnd tp", "ủy ban nhân dân thành phố",
    ]),
    ("provincial_police_director", [
        "giám đốc công an tỉnh", "giám đốc công an thành phố", "giám đốc công an", "giám đốc ca tỉnh",
        "giám đốc ca tp",
    ]),
    ("district_people_committee", [
        "ubnd huyện", "ủy ban nhân dân huyện", "ubnd quận", "ubnd thị xã", "ủy ban nhân dân quận",
        "ủy ban nhân dân thị xã",
    ]),
    ("district_chair", ["chủ tịch ubnd huyện", "chủ tịch ubnd quận", "chủ tịch ubnd thị xã",
                        "chủ tịch ủy ban nhân dân huyện"]),
    ("district_police_chief", ["trưởng công an huyện", "trưởng công an quận", "trưởng công an thị xã"]),
    ("commune_chair", ["chủ tịch ubnd xã", "chủ tịch ubnd phường", "chủ tịch ubnd thị trấn",
                       "chủ tịch ủy ban nhân dân xã"]),
    ("ministry_and_provincial_chair", [
        "bộ công an + ubnd tỉnh", "bộ công an + chủ tịch ubnd tỉnh", "bộ công an + ủy ban nhân dân tỉnh",
    ]),
    ("ministry_city_chair_and_police_director", [
        "bộ công an + ubnd thành phố + giám đốc công an", "bộ công an + ubnd tp + giám đốc công an",
        "bộ công an + ủy ban nhân dân thành phố + giám đốc công an",
    ]),
    (None, [
        "phó chủ tịch ubnd tỉnh", "phó chủ tịch thường trực ubnd tỉnh", "phó chủ tịch ủy ban nhân dân tỉnh",
        "phó chủ tịch thường trực ủy ban nhân dân tỉnh", "phó chủ tịch ubnd huyện", "phó chủ tịch ubnd thành phố",
        "phó giám đốc công an tỉnh", "phó giám đốc công an thành phố", "phó giám đốc công an",
        "thứ trưởng bộ công an", "phó trưởng công an huyện",
    ]),
]

FORMS = [
    ("emulation_flag", ["cờ thi đua"]),
    ("certificate_of_merit", ["bằng khen"]),
    ("letter_of_commendation", ["giấy khen"]),
    ("mixed", ["quyết định khen thưởng", "hình thức khen thưởng"]),
]

# (programme code, priority, phrases)
PROGRAMMES = [
    ("CT07-2014", 10, ["chỉ thị số 07", "chỉ thị 07", "chỉ thị số 07/ct-bca-v28", "chỉ thị 07/ct-bca-v28"]),
    ("CT06-2025", 10, ["chỉ thị số 06", "chỉ thị 06", "chỉ thị số 06/ct-bca-v05", "chỉ thị 06/ct-bca-v05"]),
    ("TDBVANTQ-annual", 1, [
        "phong trào toàn dân bảo vệ an ninh tổ quốc", "phong trào tdbvantq", "phong trào toàn dân bảo vệ antq",
        "phong trào bảo vệ an ninh tổ quốc",
    ]),
]


def indicator_rows():
    """(phrase, indicator, position, after_indicator, measure) for every seeded phrase."""
    for indicator, position, phrases, after, measure in INDICATORS:
        for phrase in phrases:
            yield phrase, indicator, position, after, measure


def seed(apps, schema_editor):
    IndicatorSynonym = apps.get_model("extraction", "IndicatorSynonym")
    BreakdownSynonym = apps.get_model("extraction", "BreakdownSynonym")
    IssuerSynonym = apps.get_model("extraction", "IssuerSynonym")
    AwardFormSynonym = apps.get_model("extraction", "AwardFormSynonym")
    ProgrammeSynonym = apps.get_model("extraction", "ProgrammeSynonym")
    IssuingAuthority = apps.get_model("reports", "IssuingAuthority")
    AwardForm = apps.get_model("reports", "AwardForm")
    Programme = apps.get_model("reports", "Programme")
    for phrase, indicator, position, after, measure in indicator_rows():
        IndicatorSynonym.objects.get_or_create(
            indicator_code=indicator, phrase=phrase, position=position, after_indicator_code=after, measure=measure
        )
    for phrase, code, inside in BREAKDOWNS:
        BreakdownSynonym.objects.update_or_create(
            breakdown_code=code, phrase=phrase, defaults={"matches_inside": inside}
        )
    authorities = {a.code: a for a in IssuingAuthority.objects.all()}
    for code, phrases in ISSUERS:
        if code is not None and code not in authorities:
            continue
        for phrase in phrases:
            IssuerSynonym.objects.get_or_create(issuer=authorities.get(code), phrase=phrase)
    forms = {f.code: f for f in AwardForm.objects.all()}
    for code, phrases in FORMS:
        if code in forms:
            for phrase in phrases:
                AwardFormSynonym.objects.get_or_create(form=forms[code], phrase=phrase)
    programmes = {p.code: p for p in Programme.objects.all()}
    for code, priority, phrases in PROGRAMMES:
        if code in programmes:
            for phrase in phrases:
                ProgrammeSynonym.objects.update_or_create(
                    programme=programmes[code], phrase=phrase, defaults={"priority": priority}
                )


class Migration(migrations.Migration):
    dependencies = [("extraction", "0001_initial"), ("reports", "0002_seed_catalogues")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
