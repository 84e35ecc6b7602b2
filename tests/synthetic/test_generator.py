"""generate_national_dataset: deterministic, realistic shapes, marked rows, --reuse and --reset."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from awards.models import AwardDecision, AwardRecipient, RecognitionDecision, SafetyCertification
from movement.models import AdministrativeUnit, Role, Unit
from reports import rollups
from reports.models import Conference, IndicatorValue
from synthetic.cleanup import delete_generated
from synthetic.generator import NationalDatasetGenerator
from synthetic.marks import GENERATOR_USERNAME, UNIT_ADDRESS_MARK, generator_user
from synthetic.models import GeneratedDataset
from tests.reports.summary_data import figure, legacy, publish
from tests.synthetic.conftest import generate

pytestmark = pytest.mark.django_db


def fingerprint() -> str:
    """The generated content, without ids or creation times."""
    parts = [
        Unit.objects.filter(address__startswith=UNIT_ADDRESS_MARK)
        .order_by("area__path", "kind", "name", "id")
        .values_list("kind", "name", "area__path", "school_level", "enterprise_size", "is_active"),
        SafetyCertification.objects.order_by("area__path", "subject_kind", "unit__name", "year", "id").values_list(
            "subject_kind", "area__path", "unit__name", "period_label", "status", "recognition_decision__number"
        ),
        Conference.objects.order_by("area__path", "period_end", "title").values_list(
            "title", "area__path", "status", "period_label", "held_on"
        ),
        IndicatorValue.objects.order_by(
            "conference__title", "conference__area__path", "indicator__code", "breakdown"
        ).values_list("conference__title", "indicator__code", "breakdown", "value", "out_of", "qualifier"),
        AwardDecision.objects.order_by("area__path", "signed_on", "number").values_list(
            "number", "area__path", "signed_on", "status", "form__code"
        ),
        AwardRecipient.objects.order_by(
            "decision__area__path", "decision__signed_on", "decision__number", "order"
        ).values_list("decision__number", "order", "kind", "name_as_printed"),
    ]
    digest = hashlib.sha256()
    for rows in parts:
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(hierarchy):
    first = generate(scale=0.003, seed=5)
    one = fingerprint()
    assert first.is_complete and sum(first.counts.values()) > 3_000
    delete_generated()
    generate(scale=0.003, seed=5)
    assert fingerprint() == one
    delete_generated()
    generate(scale=0.003, seed=6)
    assert fingerprint() != one


def test_rows_follow_the_real_workflow_and_validate(hierarchy):
    dataset = generate()
    counts = dataset.counts
    assert counts["movement.Unit"] == pytest.approx(3_000, abs=10)
    assert counts["awards.SafetyCertification"] > 10_000
    assert counts["reports.Conference"] == pytest.approx(197, abs=30)
    assert counts["reports.IndicatorValue"] > 15 * counts["reports.Conference"]
    assert counts["awards.AwardDecision"] == 200 and counts["awards.AwardRecipient"] > 1_000
    statuses = set(SafetyCertification.objects.values_list("status", flat=True).distinct())
    assert statuses == {"registered", "submitted", "approved", "rejected", "recognised", "revoked"}
    assert not SafetyCertification.objects.filter(
        status__in=["recognised", "revoked"], recognition_decision=None
    ).exists()
    assert set(Conference.objects.values_list("status", flat=True).distinct()) >= {"published", "draft", "submitted"}
    assert set(Conference.objects.values_list("area__level", flat=True).distinct()) == {
        "province",
        "district",
        "commune",
    }
    both = set(Unit.objects.values_list("area__generation", flat=True).distinct())
    assert both == {AdministrativeUnit.Generation.LEGACY, AdministrativeUnit.Generation.Y2025}
    figures = IndicatorValue.objects.select_related("indicator")
    assert not figures.filter(out_of__isnull=False, indicator__takes_out_of=False).exists()
    assert not figures.filter(value__gt=F("out_of")).exists()
    assert figures.filter(out_of__isnull=False).exists() and figures.exclude(qualifier="exact").exists()
    # no district issuer after the 2025 reorganisation
    assert not AwardDecision.objects.filter(issuing_authority__level="district", signed_on__gte="2025-07-01").exists()
    # a sample of every kind of row passes the models' own validation
    for model in (Unit, SafetyCertification, RecognitionDecision, Conference, IndicatorValue, AwardDecision):
        for row in model.objects.order_by("?")[:40]:
            row.full_clean(validate_unique=False)
    # the summary rows were built after the load
    assert rollups.recompute(write=False) == []


def test_reset_removes_only_what_the_generator_wrote(hierarchy, make_user):
    own = publish(legacy("38"), figures=[figure("tips_provided", 12)])
    unit = Unit.objects.create(kind="agency", name="Cơ quan thật", area=legacy("38"), search_name="co quan that")
    dataset = generate(scale=0.003)
    assert Conference.objects.filter(created_by__username=GENERATOR_USERNAME).exists()
    counts = delete_generated()
    assert counts["reports.Conference"] > 0 and counts["movement.Unit"] == dataset.counts["movement.Unit"]
    assert list(Conference.objects.all()) == [own]
    assert list(Unit.objects.all()) == [unit]
    assert not SafetyCertification.objects.exists() and not AwardDecision.objects.exists()
    assert not GeneratedDataset.objects.exists()


def test_command_reports_rows_per_second_and_reuses_or_refuses(hierarchy):
    out = io.StringIO()
    call_command("generate_national_dataset", scale=0.003, seed=2, end_year=2025, no_progress=True, stdout=out)
    assert "rows/s" in out.getvalue() and "movement.Unit" in out.getvalue()
    again = io.StringIO()
    call_command("generate_national_dataset", scale=0.003, seed=2, end_year=2025, reuse=True, stdout=again)
    assert "Reusing" in again.getvalue()
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_national_dataset", scale=0.003, seed=3, end_year=2025, no_progress=True)
    call_command("generate_national_dataset", reset=True, stdout=io.StringIO())
    assert not Unit.objects.exists()


def test_units_spread_over_communes_by_kind(hierarchy):
    generator = NationalDatasetGenerator(scale=0.1, seed=4, end_year=2025, progress=False)
    generator.user = generator_user()
    generator._load_areas()
    generator.generate_units()  # the units alone: 30,000 over both generations' communes
    per_commune = Unit.objects.values("area").annotate(n=Count("id")).values_list("n", flat=True)
    assert max(per_commune) > 3 * (sum(per_commune) / len(per_commune))  # some communes hold many more
    kinds = dict(Unit.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds["residential_area"] > kinds["school"] > kinds["hospital"]
    wards = Unit.objects.filter(area__kind="ward", kind="enterprise").count() / max(
        1, AdministrativeUnit.objects.filter(kind="ward", units__isnull=False).distinct().count()
    )
    rural = Unit.objects.filter(area__kind="commune", kind="enterprise").count() / max(
        1, AdministrativeUnit.objects.filter(kind="commune", units__isnull=False).distinct().count()
    )
    assert wards > rural


def test_role_assignments_are_untouched(hierarchy, make_user, thanh_hoa):
    user = make_user(Role.VIEWER, thanh_hoa)
    generate(scale=0.002)
    delete_generated()
    assert user.role_assignments.count() == 1
