"""Summary rows (reports.rollups): equal to a recomputation after a national load and after a mixed run of
writes; the summaries read from them answer exactly what the figures themselves answer; record counts kept
as rows; query counts that do not grow; the public cache moves on when the data changes."""

import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from movement.models import Role
from reports import rollups, services
from reports.models import Conference, Programme
from reports.summaries import (
    SOURCE_LIMIT,
    Mode,
    _conference_q,
    _Grouping,
    _holds_legacy,
    _live_rows,
    annual_summary,
    parse_period,
    programme_review_summary,
    resolve_area,
)
from tests.reports.summary_data import YEAR_2020, current, figure, legacy, publish, tally

pytestmark = pytest.mark.django_db


# Review windows --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "blockers", "expected"),
    [
        (2016, 2016, [], [(0, 2016, 2016, 9999)]),
        (2016, 2016, [(2016, 2016)], []),  # the same period reported again later (or by the province): never
        (2016, 2016, [(2014, 2019)], [(2015, 2016, 2016, 9999), (0, 2014, 2016, 2018)]),
        (2014, 2019, [(2014, 2024)], [(0, 2014, 2019, 2023)]),
        (2016, 2016, [(2014, 2019), (2016, 2020)], [(2015, 2016, 2016, 2019), (0, 2014, 2016, 2018)]),
        (2016, 2017, [(2015, 2017), (2016, 2018)], [(2016, 2016, 2017, 2017)]),
    ],
)
def test_review_windows_of_a_figure(first, last, blockers, expected):
    assert rollups.windows(first, last, blockers) == expected


def _counts_in(first, last, blockers, y1, y2) -> bool:
    """The rule itself, for one window."""
    inside = y1 <= first and y2 >= last
    return inside and not any(y1 <= b_first and y2 >= b_last for b_first, b_last in blockers)


@pytest.mark.parametrize(
    "blockers",
    [[], [(2014, 2019)], [(2014, 2019), (2016, 2020)], [(2015, 2016), (2013, 2017), (2016, 2021)], [(2016, 2016)]],
)
def test_review_windows_agree_with_the_rule_for_every_window(blockers):
    rectangles = rollups.windows(2016, 2016, blockers)
    for y1 in range(2010, 2023):
        for y2 in range(y1, 2026):
            hits = [r for r in rectangles if r[0] <= y1 <= r[1] and r[2] <= y2 <= r[3]]
            assert len(hits) == (1 if _counts_in(2016, 2016, blockers, y1, y2) else 0), (y1, y2)


# Reads from the rows = reads from the figures --------------------------------------------------------------


def _normal(rows) -> Counter:
    return Counter(
        tuple(sorted((k, v.quantize(Decimal("0.001")) if isinstance(v, Decimal) else v) for k, v in row.items()))
        for row in rows
    )


def assert_rows_equal(programme, period_label, area, mode):
    period = parse_period(period_label)
    subject = resolve_area(area=area, mode=mode)
    assert rollups.covers(area=subject, period=period)
    grouping = _Grouping(area=subject, mode=mode)
    in_scope = _conference_q(p="conference__", period=period, area=subject, mode=mode, programme=programme)
    live = _live_rows(in_scope, grouping)
    stored = rollups.summary_rows(
        programme=programme,
        period=period,
        area=subject,
        holds_legacy=_holds_legacy(subject, mode),
        by_province=grouping.by_province,
        limit=SOURCE_LIMIT,
    )
    for name, one, other in zip(("figures", "figure sources", "tallies", "tally sources"), live, stored, strict=True):
        assert _normal(one) == _normal(other), f"{name}: {programme} {period_label} {area} {mode}"
    return live


def test_rows_answer_what_the_figures_answer_for_covering_and_superseded_reports(hierarchy):
    ct07 = "CT07-2014"
    province, district = legacy("38"), legacy("38").children.order_by("path").first()
    commune = district.children.order_by("path").first()
    publish(province, figures=[figure("tips_provided", 100, qualifier="more_than"), figure("valuable_tips", 9)])
    publish(district, figures=[figure("tips_provided", 30), figure("news_items", 3, qualifier="nearly")])
    for year in (2015, 2016, 2019):
        period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))
        publish(district, figures=[figure("tips_provided", year - 2000)], period=period, kind="thematic")
        publish(commune, figures=[figure("tips_provided", 2), figure("safety_certified", 3, out_of=4)], period=period)
    publish(district, figures=[figure("tips_provided", 40)])  # the same period reported again: supersedes
    publish(legacy("44"), figures=[figure("tips_provided", 7)], tallies=[tally(2)], period=YEAR_2020)
    programme = Programme.objects.get(code=ct07)
    for label in ("2014-2019", "2015", "2016", "2015-2016", "2019", "2020", "2014-2024"):
        for area in (None, province, current("38"), current("44")):
            for mode in (Mode.CURRENT, Mode.AS_RECORDED):
                assert_rows_equal(programme, label, area, mode)
                assert_rows_equal(None, label, area, mode)
    assert rollups.recompute(write=False) == []


def test_summaries_change_in_the_publishing_transaction(hierarchy, make_user, thanh_hoa):
    ct07 = Programme.objects.get(code="CT07-2014")
    approver = make_user(Role.APPROVER, thanh_hoa)
    province = publish(legacy("38"), figures=[figure("tips_provided", 100)])
    district = legacy("38").children.order_by("path").first()
    publish(district, figures=[figure("tips_provided", 30), figure("valuable_tips", 4)])

    def tips():
        found = programme_review_summary(actor=None, programme=ct07, period="2014-2019").figure("tips_provided")
        return found.amount.value

    assert tips() == 100  # the province's figure covers its district's
    services.conference_reopen(actor=approver, conference=province, reason="Kiểm tra lại")
    # issue 15: a reopened report keeps counting with its last published figures until it is published again
    assert tips() == 100
    assert rollups.recompute(write=False) == []
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    tips_figure = province.figures.get(indicator__code="tips_provided")
    services.indicator_value_update(actor=clerk, conference=province, figure=tips_figure, value=90)
    assert tips() == 100  # the edit is not public yet
    province = services.conference_submit(actor=clerk, conference=province)
    province = services.conference_approve(actor=approver, conference=province)
    services.conference_publish(actor=approver, conference=province)
    assert tips() == 90  # republished: its new figures replace the old ones
    assert rollups.recompute(write=False) == []
    summary = programme_review_summary(actor=None, programme=ct07, period="2014-2019", area=thanh_hoa)
    assert summary.figure("valuable_tips").amount.value == 4


# Query counts --------------------------------------------------------------------------------------------


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def _spread(codes):
    for code in codes:
        publish(
            legacy(code),
            figures=[
                figure("tips_provided", 100, qualifier="more_than"),
                figure("safety_certified", 8, out_of=10, breakdown="school"),
            ],
            tallies=[tally(3), tally(4, kind="individual")],
            period=YEAR_2020,
            programme="TDBVANTQ-annual",
            kind="annual_summary",
            held_on=datetime.date(2020, 12, 20),
        )
        district = legacy(code).children.order_by("path").first()
        publish(district, figures=[figure("valuable_tips", 7)], period=YEAR_2020, programme="TDBVANTQ-annual")


@pytest.mark.parametrize("scope", ["national", "province"])
def test_query_count_with_stored_record_counts_does_not_grow(hierarchy, scope):
    rollups.recompute(write=True)  # the record providers' counts are now kept as rows
    area = current("01") if scope == "province" else None
    run = lambda: annual_summary(actor=None, year=2020, area=area)  # noqa: E731
    _spread(["01", "02"])
    small = _queries(run)
    _spread(["04", "06", "08", "10", "11", "12"])
    assert _queries(run) == small
    assert small <= 12
    assert run().figure("tips_provided").amount.value == (100 if area else 800)


# The public cache --------------------------------------------------------------------------------------------


def test_the_api_cache_serves_repeat_readers_until_a_conference_is_published(api, hierarchy, make_user, thanh_hoa):
    from django.core.cache import cache

    cache.clear()
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    client = api()
    url, params = "/api/v1/summaries/programme-review/", {"programme": "CT07-2014", "period": "2014-2019"}
    first = client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, params)
    assert len(queries.captured_queries) == 1  # the data version only
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert client.get(url, params, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    publish(legacy("40"), figures=[figure("tips_provided", 50)])  # committed: the version moves on
    fresh = client.get(url, params)
    assert fresh.json()["figures"][0]["amount"]["value"] == 150
    assert client.get(url, params, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200

    approver = make_user(Role.APPROVER, thanh_hoa)
    services.conference_reopen(actor=approver, conference=Conference.objects.get(area=legacy("38")), reason="Sửa")
    # issue 15: still counted as last published while it is corrected; the version moved on all the same
    assert client.get(url, params).json()["figures"][0]["amount"]["value"] == 150


def test_the_page_cache_serves_visitors_with_their_own_csrf_token(client, hierarchy, make_user, thanh_hoa):
    from django.core.cache import cache

    cache.clear()
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    url = "/programmes/CT07-2014/review/?period=2014-2019"
    first = client.get(url)
    assert first.status_code == 200
    other = type(client)(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        second = other.get(url)
    assert len(queries.captured_queries) == 1
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', second.content).group(1).decode()
    assert b"\x00csrf\x00" not in second.content
    assert other.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    # the page's form carries this visitor's token: the language switch works
    assert (
        other.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}).status_code == 302
    )
    staff = make_user(Role.VIEWER, thanh_hoa)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries.captured_queries) > 1  # signed-in readers get their own page
    assert staff.username.encode() in client.get(url).content


def test_concurrent_readers_of_a_missing_answer_build_it_once(monkeypatch):
    import threading
    import time

    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import RequestFactory

    from reports import summary_cache

    cache.clear()
    monkeypatch.setattr(rollups, "parts_version", lambda **kwargs: "41")
    built = []

    def slow_view(request):
        built.append(1)
        time.sleep(0.3)
        return HttpResponse(b"{}", content_type="application/json")

    view = summary_cache.cached_api(slow_view)
    answers = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(view(RequestFactory().get("/api/v1/summaries/annual/?year=2020")))
        )
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert [a.status_code for a in answers] == [200] * 4 and {a.content for a in answers} == {b"{}"}
