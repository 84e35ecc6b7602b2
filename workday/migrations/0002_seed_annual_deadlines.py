"""The annual TDBVANTQ report of each year is due from every commune by 31 January of the next year (data:
national administrators change it in the admin)."""

import datetime

from django.db import migrations

YEARS = (2023, 2024, 2025, 2026)


def seed(apps, schema_editor):
    Programme = apps.get_model("reports", "Programme")
    ReportingDeadline = apps.get_model("workday", "ReportingDeadline")
    programme = Programme.objects.filter(code="TDBVANTQ-annual").first()
    if programme is None:
        return
    for year in YEARS:
        ReportingDeadline.objects.get_or_create(
            programme=programme,
            period_label=str(year),
            defaults={"due_on": datetime.date(year + 1, 1, 31), "level": "commune"},
        )


def unseed(apps, schema_editor):
    apps.get_model("workday", "ReportingDeadline").objects.filter(
        programme__code="TDBVANTQ-annual", period_label__in=[str(y) for y in YEARS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workday", "0001_deadlines_snapshots_corrections")]
    operations = [migrations.RunPython(seed, unseed)]
