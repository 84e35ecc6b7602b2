"""Summary rows on a synthetic national dataset (scale 0.01): equal to a recomputation after the load and after
a mixed run of writes (conferences published, reopened, edited and republished; certifications recognised,
revoked and registered; units created and changed; award decisions annulled); the national and provincial
summaries read from them answer exactly what the figures answer; the record counts read from rows equal
the providers' own answers."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import services as award_services
from awards.models import AwardDecision, RecognitionDecision, SafetyCertification
from movement import services as movement_services
from movement.models import AdministrativeUnit, Role, Unit
from reports import record_sources, rollups, services
from reports.models import Conference, Programme
from reports.summaries import Mode
from reports.summary_rows import FigureSummary, RecordSourceState
from tests.reports.summary_data import figure, tally
from tests.reports.test_rollups import assert_rows_equal
from tests.synthetic.conftest import national_dataset  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _scopes():
    provinces = list(
        AdministrativeUnit.objects.filter(level="province", pk__in=_reporting_provinces()).select_related(
            "current_province"
        )
    )
    provinces += list(AdministrativeUnit.objects.filter(pk__in=[p.current_province_id for p in provinces]))
    return [None, *provinces[:2], *[p for p in provinces if p.generation == "2025"][:1]]


def _reporting_provinces():
    paths = {p[:4] for p in Conference.objects.published().values_list("area__path", flat=True)}
    return AdministrativeUnit.objects.filter(path__in=paths).values_list("pk", flat=True)


PERIODS = ["2014-2019", "2016", "2014-2024", "2025"]


def _unit_with_a_free_year(province_path: str):
    """An eligible unit of the province with a year (2016-2024) it is not registered for."""
    for unit in Unit.objects.filter(area__path__startswith=province_path, kind="residential_area").order_by("id"):
        taken = set(SafetyCertification.objects.filter(unit=unit).values_list("year", flat=True))
        free = [y for y in range(2016, 2025) if y not in taken]
        if free:
            return unit, free[0]
    raise AssertionError("every unit is registered for every year")


def _provider_answer(*, year_from, year_to, path_prefix) -> Counter:
    counts = []
    for provider in record_sources.providers().values():
        counts += provider(year_from=year_from, year_to=year_to, path_prefix=path_prefix)
    return Counter(counts)


def test_summary_rows_equal_a_recomputation_after_a_national_load(national_dataset):  # noqa: F811
    assert rollups.recompute(write=False) == []


def test_rows_answer_what_the_figures_answer_nationally_and_per_province(national_dataset):  # noqa: F811
    checked = nonempty = 0
    for programme in [None, *Programme.objects.filter(code__in=["CT07-2014", "TDBVANTQ-annual"])]:
        for label in PERIODS:
            for area in _scopes():
                for mode in (Mode.CURRENT, Mode.AS_RECORDED):
                    live = assert_rows_equal(programme, label, area, mode)
                    checked += 1
                    nonempty += bool(live[0])
    assert checked >= 90 and nonempty > 30


def _conference(area_code: str, level: str = "province", **filters) -> Conference:
    return (
        Conference.objects.published()
        .filter(area__level=level, area__path__startswith=f"L{area_code}/", **filters)
        .select_related("area")
        .order_by("id")
        .first()
    )


def test_a_mixed_run_of_writes_keeps_the_rows_equal_to_a_recomputation(national_dataset, make_user):  # noqa: F811
    target = (
        Conference.objects.published()
        .filter(area__level="province", area__generation="legacy", figures__isnull=False)
        .select_related("area", "programme")
        .order_by("-period_end", "id")
        .distinct()
        .first()
    )
    assert target is not None
    label = target.period_label
    holder = AdministrativeUnit.objects.get(pk=target.area.current_province_id)
    clerk = make_user(Role.DATA_ENTRY, holder)
    approver = make_user(Role.APPROVER, holder)
    district = AdministrativeUnit.objects.filter(parent=target.area).order_by("path").first()

    def check(*, live=True):
        assert rollups.recompute(write=False) == []
        if not live:  # a report being corrected counts in the rows only (issue 15, docs/workday.md)
            return
        for area in (None, target.area, holder):
            for mode in (Mode.CURRENT, Mode.AS_RECORDED):
                assert_rows_equal(target.programme, label, area, mode)
                assert_rows_equal(None, str(target.period_end.year), area, mode)

    def stored():
        return Counter(FigureSummary.objects.values_list("programme_id", "indicator_id", "breakdown", "value_total"))

    # reopen a province's five-year review: it keeps counting as last published (issue 15)
    before = stored()
    services.conference_reopen(actor=approver, conference=target, reason="Kiểm tra lại")
    check(live=False)
    assert stored() == before
    # edit one of its figures and publish it again
    first = target.figures.order_by("id").first()
    services.indicator_value_update(actor=clerk, conference=target, figure=first, value=first.value + 7)
    for step in (services.conference_submit, services.conference_approve, services.conference_publish):
        target = step(actor=clerk if step is services.conference_submit else approver, conference=target)
    check()
    # a new district report covering a yearly figure, and one covered by the province's review
    draft = services.conference_create(
        actor=clerk,
        programme=target.programme.code,
        kind=target.kind,
        title="Báo cáo bổ sung",
        area=district,
        held_on=target.held_on,
        period_start=target.period_start,
        period_end=target.period_end,
        period_label=target.period_label,
        figures=[
            figure(first.indicator.code, 11, breakdown=first.breakdown),
            figure("news_items", 5, qualifier="about"),
        ],
        tallies=[tally(3, issuer="district_chair", form="letter_of_commendation")],
    )
    for step in (services.conference_submit, services.conference_approve, services.conference_publish):
        draft = step(actor=clerk if step is services.conference_submit else approver, conference=draft)
    check()
    # the province's review reopened once more, then the district's
    before = stored()
    services.conference_reopen(actor=approver, conference=target, reason="Kiểm tra lại")
    services.conference_reopen(actor=approver, conference=draft, reason="Kiểm tra lại")
    check(live=False)
    assert stored() == before


def test_record_counts_come_from_rows_and_equal_the_providers(national_dataset):  # noqa: F811
    assert set(RecordSourceState.objects.values_list("source", flat=True)) == set(record_sources.providers())
    province = AdministrativeUnit.objects.filter(level="province", pk__in=_reporting_provinces()).first()
    for prefix in ("", province.path):
        for years in ((2020, 2020), (2016, 2025), (2014, 2019)):
            with CaptureQueriesContext(connection) as queries:
                stored = Counter(record_sources.collect(year_from=years[0], year_to=years[1], path_prefix=prefix))
            assert len(queries.captured_queries) == 2  # which sources are kept, and their rows
            assert stored == _provider_answer(year_from=years[0], year_to=years[1], path_prefix=prefix)


def test_record_writes_keep_the_counts_equal_to_a_recomputation(national_dataset, make_user):  # noqa: F811
    certification = (
        SafetyCertification.objects.filter(status="approved", unit__isnull=False, area__generation="legacy")
        .select_related("area", "unit")
        .first()
    )
    holder = AdministrativeUnit.objects.get(pk=certification.area.current_province_id)
    clerk = make_user(Role.DATA_ENTRY, holder)
    police = make_user(Role.POLICE_REVIEWER, holder)

    def check(source_year=None):
        assert rollups.recompute(write=False) == []
        if source_year:
            prefix = rollups.province_path(certification.area.path)
            stored = Counter(record_sources.collect(year_from=source_year, year_to=source_year, path_prefix=prefix))
            assert stored == _provider_answer(year_from=source_year, year_to=source_year, path_prefix=prefix)

    decision = RecognitionDecision.objects.filter(area__path__startswith=certification.area.path[:4]).first()
    award_services.certification_recognise(actor=police, certification=certification, decision=decision)
    check(certification.year)
    recognised = SafetyCertification.objects.get(pk=certification.pk)
    award_services.certification_revoke(actor=police, certification=recognised, reason="Vi phạm sau công nhận")
    check(certification.year)
    unit, year = _unit_with_a_free_year(certification.area.path[:4])
    award_services.certification_register(actor=clerk, unit=unit, period=str(year))
    check(year)
    movement_services.unit_create(actor=clerk, area=certification.area, kind="school", name="Trường THCS Mới")
    movement_services.unit_update(actor=clerk, unit=unit, is_active=not unit.is_active)
    check(2024)
    issued = AwardDecision.objects.filter(status="issued").select_related("area").order_by("id").first()
    issuer = make_user(Role.APPROVER, AdministrativeUnit.objects.get(pk=issued.area.current_province_id))
    award_services.award_decision_annul(actor=issuer, decision=issued, reason="Trùng quyết định")
    assert rollups.recompute(write=False) == []
