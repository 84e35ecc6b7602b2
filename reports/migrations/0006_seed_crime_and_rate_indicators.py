"""Indicators the extractor met in provincial reports and the catalogue lacked (issue 18): self-management
models newly built in the period, criminal gangs dismantled, cases solved and people arrested from the
people's tips, and the share of households that signed the security pledge (a percentage). Reference data,
editable in the admin."""

from django.db import migrations

BLOCKS = ["agency", "enterprise", "school", "hospital", "residential_area"]

# code, name_vi, name_en, unit_vi, unit_en, group, takes_out_of, allows_decimals, breakdowns, rank
INDICATORS = [
    ("new_self_management_models", "Mô hình tự quản về an ninh, trật tự được xây dựng mới trong kỳ",
     "Self-management models newly built in the period", "mô hình", "models", "models", False, False, BLOCKS, 95),
    ("households_pledged_rate", "Tỷ lệ hộ gia đình ký cam kết bảo đảm an ninh, trật tự",
     "Share of households that signed the security pledge", "%", "%", "propaganda", False, True, [], 65),
    ("criminal_gangs_dismantled", "Băng, nhóm tội phạm bị triệt phá", "Criminal gangs dismantled",
     "băng, nhóm", "gangs", "tips", False, False, [], 85),
    ("cases_solved_from_tips", "Vụ án, vụ việc được làm rõ từ nguồn tin của quần chúng",
     "Cases solved from the people's tips", "vụ", "cases", "tips", False, False, [], 86),
    ("people_arrested_from_tips", "Đối tượng bị bắt giữ từ nguồn tin của quần chúng",
     "People arrested from the people's tips", "đối tượng", "people", "tips", False, False, [], 87),
]


def seed(apps, schema_editor):
    Breakdown = apps.get_model("reports", "Breakdown")
    Indicator = apps.get_model("reports", "Indicator")
    breakdowns = {b.code: b for b in Breakdown.objects.all()}
    for code, name_vi, name_en, unit_vi, unit_en, group, takes_out_of, allows_decimals, allowed, rank in INDICATORS:
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={"name_vi": name_vi, "name_en": name_en, "unit_vi": unit_vi, "unit_en": unit_en,
                      "group": group, "takes_out_of": takes_out_of, "allows_decimals": allows_decimals,
                      "allows_total": True, "rank": rank},
        )
        indicator.breakdowns.set([breakdowns[c] for c in allowed if c in breakdowns])


def unseed(apps, schema_editor):
    apps.get_model("reports", "Indicator").objects.filter(
        code__in=[row[0] for row in INDICATORS], values__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_summary_rows")]
    operations = [migrations.RunPython(seed, unseed)]
