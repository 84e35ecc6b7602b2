"""Summary selectors: modes, periods, qualifier sums, re-aggregated ratios, no double counting, record
counts beside reported ones, provenance, published only, and a query count that does not grow."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from movement.models import Role
from reports import record_sources, services
from reports.models import Conference, Programme
from reports.qualifiers import Qualifier
from reports.record_sources import RecordCount
from reports.summaries import (
    Mode,
    annual_summary,
    area_options,
    format_percent,
    parse_period,
    programme_review_summary,
    qualified,
    sum_qualifier,
)
from tests.reports.summary_data import YEAR_2020, current, figure, legacy, publish, tally

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def no_providers(monkeypatch):
    """Only reported figures: record providers (awards) switched off."""
    monkeypatch.setattr(record_sources, "_PROVIDERS", {})


@pytest.fixture
def demo(hierarchy):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def ct07():
    return Programme.objects.get(code="CT07-2014")


def _figure(summary, key):
    found = summary.figure(key)
    assert found is not None, f"{key} missing from {[f.key for f in summary.figures]}"
    return found


# The qualifier rule ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"exact": 2}, "exact"),
        ({"exact": 1, "more_than": 1}, "more_than"),
        ({"more_than": 2}, "more_than"),
        ({"more_than": 1, "nearly": 1}, "about"),
        ({"exact": 3, "about": 1}, "about"),
        ({"nearly": 2}, "about"),
        ({"nearly": 1}, "nearly"),  # a single figure keeps its own word
        ({"more_than": 1}, "more_than"),
        ({"about": 1}, "about"),
        ({}, "exact"),
    ],
)
def test_sum_qualifier_follows_the_design_rule_and_a_single_part_keeps_its_word(parts, expected):
    assert sum_qualifier(Counter(parts)) == expected


def test_numbers_are_printed_the_vietnamese_way():
    assert qualified(Decimal("23000.000"), Qualifier.MORE_THAN) == "hơn 23.000"
    assert qualified(Decimal("30"), Qualifier.ABOUT) == "khoảng 30"
    assert qualified(Decimal("12.500"), Qualifier.EXACT) == "12,5"
    assert format_percent(Decimal("93.4")) == "93,4 %"


def test_periods_are_years_or_ranges_of_years():
    period = parse_period("2014-2019")
    assert (period.start, period.end, period.label) == (
        datetime.date(2014, 1, 1),
        datetime.date(2019, 12, 31),
        "2014-2019",
    )
    assert parse_period("năm học 2019-2020").label == "2019-2020"
    for bad in ("", "abc", "2019-2014"):
        with pytest.raises(ValueError):
            parse_period(bad)


# The seed reports (the "done when") ----------------------------------------------------------------


def test_review_in_current_mode_rolls_figures_into_todays_provinces(demo, ct07):
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=Mode.CURRENT)
    rows = {row.area.name: row for row in summary.areas}
    assert set(rows) == {"Tỉnh Phú Thọ", "Tỉnh Vĩnh Long", "Tỉnh Thanh Hóa"}
    assert rows["Tỉnh Phú Thọ"].area.holds == ["Tỉnh Vĩnh Phúc"]
    assert rows["Tỉnh Vĩnh Long"].area.holds == ["Huyện Thạnh Phú (Tỉnh Bến Tre)"]
    assert rows["Tỉnh Phú Thọ"].figure("tips_provided").amount.display == "hơn 13.000"
    assert rows["Tỉnh Vĩnh Long"].figure("units_with_security_force").amount.ratio_display == "48/48 (100,0 %)"


def test_review_as_recorded_keeps_figures_with_the_unit_that_reported_them(demo, ct07):
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=Mode.AS_RECORDED)
    labels = {row.area.label for row in summary.areas}
    assert labels == {"Tỉnh Vĩnh Phúc", "Huyện Thạnh Phú (Tỉnh Bến Tre)", "Tỉnh Thanh Hóa"}
    assert "Tỉnh Phú Thọ" not in {row.area.name for row in summary.areas}
    vinh_phuc = next(row for row in summary.areas if row.area.name == "Tỉnh Vĩnh Phúc")
    assert vinh_phuc.area.now_in == "Tỉnh Phú Thọ"


@pytest.mark.parametrize("mode", [Mode.CURRENT, Mode.AS_RECORDED])
def test_national_tips_read_more_than_23000_in_both_modes(demo, ct07, mode):
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=mode)
    tips = _figure(summary, "tips_provided").amount
    assert (tips.value, tips.qualifier, tips.display) == (Decimal(23000), "more_than", "hơn 23.000")
    assert tips.parts == 2
    assert {s.excerpt for s in tips.sources} == {"hơn 10.000 tin", "trên 13.000 tin về ANTT"}
    assert all(s.url.startswith("/conferences/") for s in tips.sources)
    assert _figure(summary, "valuable_tips").amount.display == "hơn 15.000"


def test_review_award_totals_by_form_and_recipient_kind(demo, ct07):
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=Mode.CURRENT)
    forms = {row.form_code: row for row in summary.award_forms}
    merit = forms["certificate_of_merit"]
    assert (merit.collective.value, merit.individual.value, merit.mixed) == (37, 40, None)  # 26+11, 28+12
    assert merit.total.display == "77"
    letters = forms["letter_of_commendation"]
    assert letters.mixed.value == 12 and letters.total.value == 83  # 31 + 40 + 12 (Thạnh Phú, not split)
    issuers = {(line.issuer_code, line.form_code, line.recipient_kind) for line in summary.awards}
    assert ("district_people_committee", "letter_of_commendation", "mixed") in issuers


def test_annual_2020_for_quang_tri_today_shows_the_quang_binh_certification_rates(demo):
    summary = annual_summary(actor=None, year=2020, area=current("44"), mode=Mode.CURRENT)
    residential = _figure(summary, "safety_certified:residential_area").amount
    school = _figure(summary, "safety_certified:school").amount
    assert residential.ratio_display == "1.069/1.144 (93,4 %)"
    assert school.ratio_display == "561/577 (97,2 %)"
    assert school.sources[0].period_label == "năm học 2019-2020"  # a school-year figure counts for 2020
    assert [row.area.name for row in summary.areas] == ["Tỉnh Quảng Bình"]
    assert _figure(summary, "explosives_surrendered_kg").amount.display == "gần 30"  # one figure keeps "gần"


def test_as_recorded_on_a_2025_province_points_to_the_provinces_it_was_formed_from(demo):
    summary = annual_summary(actor=None, year=2020, area=current("44"), mode=Mode.AS_RECORDED)
    assert summary.figures == [] and summary.conference_count == 0
    assert "Tỉnh Quảng Bình" in [p.name for p in summary.predecessors]
    legacy_summary = annual_summary(actor=None, year=2020, area=legacy("44"), mode=Mode.AS_RECORDED)
    assert _figure(legacy_summary, "safety_certified:school").amount.ratio_display == "561/577 (97,2 %)"


def test_current_mode_replaces_a_legacy_area_by_todays_province(demo, ct07):
    thanh_phu = legacy("837", level="district")
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", area=thanh_phu)
    assert summary.area.name == "Tỉnh Vĩnh Long"
    assert summary.requested_area.name == "Huyện Thạnh Phú"
    assert _figure(summary, "units_registered_for_safety_certification").amount.ratio_display == "17/48 (35,4 %)"


def test_area_options_list_programme_periods_and_years(demo):
    options = area_options(actor=None, area=None)
    assert options.years == [2020, 2017]
    ct07 = next(o for o in options.programmes if o.code == "CT07-2014")
    assert [p.label for p in ct07.periods] == ["2014-2019"]
    assert options.conference_count == 5


# Rules, on data built for them -----------------------------------------------------------------------------


def test_ratios_are_reaggregated_from_values_and_out_of_never_averaged(hierarchy, no_providers, ct07):
    publish(legacy("38"), figures=[figure("safety_certified", 1, out_of=2, breakdown="school")])
    publish(legacy("26"), figures=[figure("safety_certified", 90, out_of=100, breakdown="school")])
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019")
    amount = _figure(summary, "safety_certified:school").amount
    assert (amount.ratio_value, amount.out_of) == (91, 102)
    assert amount.ratio_display == "91/102 (89,2 %)"  # the average of 50 % and 90 % would be 70 %


def test_a_sum_with_a_nearly_part_reads_about(hierarchy, no_providers):
    publish(legacy("44"), figures=[figure("explosives_surrendered_kg", 30, qualifier="nearly")], period=YEAR_2020)
    publish(legacy("45"), figures=[figure("explosives_surrendered_kg", 20)], period=YEAR_2020)
    publish(legacy("46"), figures=[figure("tips_provided", 100, qualifier="more_than")], period=YEAR_2020)
    publish(legacy("48"), figures=[figure("tips_provided", 50, qualifier="nearly")], period=YEAR_2020)
    summary = annual_summary(actor=None, year=2020)
    assert _figure(summary, "explosives_surrendered_kg").amount.display == "khoảng 50"
    assert _figure(summary, "tips_provided").amount.display == "khoảng 150"


def test_a_province_figure_covers_its_districts_figure_for_the_same_period(hierarchy, no_providers, ct07):
    ben_tre, thanh_phu = legacy("83"), legacy("837", level="district")
    publish(ben_tre, figures=[figure("tips_provided", 1000)])
    publish(thanh_phu, figures=[figure("tips_provided", 300), figure("valuable_tips", 40)])
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=Mode.AS_RECORDED)
    assert _figure(summary, "tips_provided").amount.value == 1000  # not 1.300
    assert _figure(summary, "valuable_tips").amount.value == 40  # the province did not report this one
    by_area = {row.area.name: row for row in summary.areas}
    assert by_area["Huyện Thạnh Phú"].figure("tips_provided") is None
    province_page = programme_review_summary(
        actor=None, programme=ct07, period="2014-2019", area=ben_tre, mode=Mode.AS_RECORDED
    )
    whole = next(row for row in province_page.areas if row.area.is_whole)
    assert whole.area.name == "Tỉnh Bến Tre" and whole.figure("tips_provided").amount.value == 1000


def test_a_later_report_of_the_same_area_and_period_supersedes_the_earlier(hierarchy, no_providers, ct07):
    publish(legacy("38"), figures=[figure("tips_provided", 9000)], title="Sơ kết")
    publish(legacy("38"), figures=[figure("tips_provided", 10000, qualifier="more_than")], title="Tổng kết")
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019")
    assert _figure(summary, "tips_provided").amount.display == "hơn 10.000"


def test_a_review_only_counts_its_programme_and_a_year_only_reports_within_it(hierarchy, no_providers, ct07):
    publish(legacy("38"), figures=[figure("tips_provided", 100)])  # CT07, 2014-2019
    publish(
        legacy("38"),
        figures=[figure("tips_provided", 7)],
        programme="TDBVANTQ-annual",
        period=(datetime.date(2019, 1, 1), datetime.date(2019, 12, 31), "2019"),
        kind="annual_summary",
    )
    review = programme_review_summary(actor=None, programme=ct07, period="2014-2019")
    assert _figure(review, "tips_provided").amount.value == 100
    year = annual_summary(actor=None, year=2019)
    assert _figure(year, "tips_provided").amount.value == 7  # the 2014-2019 review does not lie within 2019


def test_only_published_conferences_count_whoever_asks(hierarchy, no_providers, ct07, make_user):
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    admin = make_user(Role.NATIONAL_ADMIN, None)
    draft = services.conference_create(
        actor=admin,
        programme="CT07-2014",
        kind="interim_review",
        title="Bản nháp",
        area=legacy("26"),
        period_start=datetime.date(2014, 8, 15),
        period_end=datetime.date(2019, 8, 15),
        period_label="2014-2019",
        figures=[figure("tips_provided", 5000)],
    )
    assert draft.status == Conference.Status.DRAFT
    for actor in (None, admin):
        summary = programme_review_summary(actor=actor, programme=ct07, period="2014-2019")
        assert _figure(summary, "tips_provided").amount.value == 100
        assert summary.conference_count == 1


def test_record_counts_are_shown_beside_reported_figures_and_labelled(hierarchy, monkeypatch):
    publish(legacy("44"), figures=[figure("safety_certified", 561, out_of=577, breakdown="school")], period=YEAR_2020)

    def provider(*, year_from, year_to, path_prefix=""):
        rows = [
            RecordCount("safety_certified", "school", "L44/", 2020, 500, out_of=550, label="Nhà trường"),
            RecordCount("safety_certified", "school", "L01/", 2020, 7, out_of=9, label="Nhà trường"),
            RecordCount("safety_eligible_units", "school", "L44/", 2019, 600, label="Nhà trường"),
            RecordCount("safety_eligible_units", "school", "L44/", 2020, 610, label="Nhà trường"),
        ]
        return [r for r in rows if year_from <= r.year <= year_to and r.province_path.startswith(path_prefix)]

    monkeypatch.setattr(record_sources, "_PROVIDERS", {"test": provider})
    summary = annual_summary(actor=None, year=2020, area=current("44"), mode=Mode.CURRENT)
    lines = {(line.metric, line.breakdown): line for line in summary.records}
    certified = lines[("safety_certified", "school")].amount
    assert certified.basis == "computed" and certified.ratio_display == "500/550 (90,9 %)"  # Hà Nội left out
    assert lines[("safety_eligible_units", "school")].amount.value == 610
    assert _figure(summary, "safety_certified:school").amount.value == 561  # never added to the reported one
    national = annual_summary(actor=None, year=2020, mode=Mode.CURRENT)
    assert {line.metric: line.amount.value for line in national.records}["safety_certified"] == 507
    rows = {row.area.name for row in national.record_areas}
    assert rows == {"Tỉnh Quảng Trị", "Thành phố Hà Nội"}


def test_a_stock_metric_over_several_years_takes_the_latest_year(hierarchy, monkeypatch, ct07):
    def provider(*, year_from, year_to, path_prefix=""):
        return [RecordCount("safety_eligible_units", "school", "L38/", y, 100 + y - 2014) for y in range(2014, 2020)]

    monkeypatch.setattr(record_sources, "_PROVIDERS", {"test": provider})
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019")
    assert summary.records[0].amount.value == 105  # 2019's register, not the sum of six years


# Queries ---------------------------------------------------------------------------------------------------


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def _spread(count: int, start: int = 0):
    """Published reports in `count` legacy provinces (figures with qualifiers, x/y, tallies)."""
    codes = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26"]
    for code in codes[start : start + count]:
        publish(
            legacy(code),
            figures=[
                figure("tips_provided", 100, qualifier="more_than"),
                figure("valuable_tips", 40),
                figure("safety_certified", 8, out_of=10, breakdown="school"),
                figure("safety_certified", 9, out_of=12, breakdown="residential_area"),
            ],
            tallies=[
                tally(3),
                tally(4, kind="individual"),
                tally(2, form="letter_of_commendation", issuer="provincial_police_director"),
            ],
        )


@pytest.mark.parametrize("mode", [Mode.CURRENT, Mode.AS_RECORDED])
def test_summary_query_count_does_not_grow_with_the_data(hierarchy, no_providers, ct07, mode):
    _spread(2)
    run = lambda: programme_review_summary(actor=None, programme=ct07, period="2014-2019", mode=mode)  # noqa: E731
    small = _queries(run)
    _spread(12, start=2)
    large = _queries(run)
    assert large == small
    assert large <= 10
    summary = run()
    assert summary.conference_count == 14
    assert _figure(summary, "tips_provided").amount.display == "hơn 1.400"


def test_summary_query_count_with_the_record_providers_does_not_grow(hierarchy, ct07):
    _spread(2)
    run = lambda: annual_summary(actor=None, year=2019, area=current("38"))  # noqa: E731
    small = _queries(run)
    _spread(12, start=2)
    assert _queries(run) == small
    assert small <= 10 + 2 * len(record_sources.providers())
