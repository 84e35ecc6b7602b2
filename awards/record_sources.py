"""Record-based counts for the dashboards (reports.record_sources), registered in AwardsConfig.ready().

Each provider runs one aggregate query, grouped by the province as recorded (the first four characters
of the area path, "L44/" or "N44/"), the year and the breakdown:

- "awards.certifications": `safety_registered` (certifications registered for the year, any status) and
  `safety_certified` (recognised, out of registered), breakdown = subject kind (residential_area, commune,
  agency, enterprise, school, hospital); year = the year the assessment period ends in.
- "awards.eligible_units": `safety_eligible_units`, active units the standard applies to (small and micro
  enterprises, primary schools and kindergartens excluded), breakdown = unit kind. Units carry no history,
  so the current register is repeated for every year asked for.
- "awards.decisions": `awards`, recipients of issued (not annulled) award decisions, breakdown
  "<form code>:<recipient kind>" (e.g. "certificate_of_merit:collective"); year = year signed.
"""

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, Substr
from django.utils.functional import lazy
from django.utils.text import format_lazy

from awards.models import AwardDecision, AwardRecipient, RecipientKind, SafetyCertification, SubjectKind
from movement.models import Unit
from reports.models import AwardForm
from reports.record_sources import RecordCount

PROVINCE_PATH_LENGTH = 4  # "L44/", "N44/": every province code has two digits


def _subject_label(kind: str):
    """Lazy (translated when read): reports.rollups asks a provider once and reads the labels in every
    language."""
    try:
        return SubjectKind(kind).label
    except ValueError:
        return kind


def certification_counts(*, year_from: int, year_to: int, path_prefix: str = "") -> list[RecordCount]:
    rows = (
        SafetyCertification.objects.filter(year__gte=year_from, year__lte=year_to, area__path__startswith=path_prefix)
        .values("year", "subject_kind", province=Substr("area__path", 1, PROVINCE_PATH_LENGTH))
        .annotate(
            registered=Count("id"),
            certified=Count("id", filter=Q(status=SafetyCertification.Status.RECOGNISED)),
        )
        .order_by("province", "year", "subject_kind")
    )
    counts = []
    for row in rows:
        label = _subject_label(row["subject_kind"])
        common = {"breakdown": row["subject_kind"], "province_path": row["province"], "year": row["year"]}
        counts.append(RecordCount(metric="safety_registered", value=row["registered"], label=label, **common))
        counts.append(
            RecordCount(
                metric="safety_certified", value=row["certified"], out_of=row["registered"], label=label, **common
            )
        )
    return counts


def eligible_unit_counts(*, year_from: int, year_to: int, path_prefix: str = "") -> list[RecordCount]:
    excluded = Q(kind=Unit.Kind.SCHOOL, school_level__in=list(Unit.EXCLUDED_SCHOOL_LEVELS)) | Q(
        kind=Unit.Kind.ENTERPRISE, enterprise_size__in=list(Unit.EXCLUDED_ENTERPRISE_SIZES)
    )
    rows = (
        Unit.objects.filter(is_active=True, area__path__startswith=path_prefix)
        .exclude(excluded)
        .values("kind", province=Substr("area__path", 1, PROVINCE_PATH_LENGTH))
        .annotate(n=Count("id"))
        .order_by("province", "kind")
    )
    counts = []
    for row in rows:
        label = _subject_label(row["kind"])
        for year in range(year_from, year_to + 1):
            counts.append(
                RecordCount(
                    metric="safety_eligible_units",
                    breakdown=row["kind"],
                    province_path=row["province"],
                    year=year,
                    value=row["n"],
                    label=label,
                )
            )
    return counts


def award_counts(*, year_from: int, year_to: int, path_prefix: str = "") -> list[RecordCount]:
    rows = (
        AwardRecipient.objects.filter(
            decision__status=AwardDecision.Status.ISSUED,
            decision__signed_on__year__gte=year_from,
            decision__signed_on__year__lte=year_to,
            decision__area__path__startswith=path_prefix,
        )
        .values(
            "kind",
            form=F("decision__form__code"),
            year=ExtractYear("decision__signed_on"),
            province=Substr("decision__area__path", 1, PROVINCE_PATH_LENGTH),
        )
        .annotate(n=Count("id"))
        .order_by("province", "year", "form", "kind")
    )
    rows = list(rows)
    forms = {form.code: form for form in AwardForm.objects.all()} if rows else {}
    counts = []
    for row in rows:
        form = forms.get(row["form"])
        name = lazy(lambda form=form, code=row["form"]: form.name if form is not None else code, str)()
        label = format_lazy("{} · {}", name, RecipientKind(row["kind"]).label)  # lazy: read in each language
        counts.append(
            RecordCount(
                metric="awards",
                breakdown=f"{row['form']}:{row['kind']}",
                province_path=row["province"],
                year=row["year"],
                value=row["n"],
                label=label,
            )
        )
    return counts


# The providers whose counts change when units change (movement.hooks.units_changed): only the register.
READS_UNITS = {"awards.eligible_units"}

PROVIDERS = {
    "awards.certifications": certification_counts,
    "awards.eligible_units": eligible_unit_counts,
    "awards.decisions": award_counts,
}
