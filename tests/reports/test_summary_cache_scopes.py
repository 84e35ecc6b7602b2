"""The summary cache is keyed per part of the data (issue 16, item 4): a recognition or a publication in one
province leaves the other provinces' cached answers valid, and moves its own province's and the national
ones; and per host (issue 12, item 10): another allowed Host never poisons the absolute links of others."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from awards import services as award_services
from movement.models import Role
from tests.awards.conftest import full_results, make_unit
from tests.reports.summary_data import figure, legacy, publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/summaries/programme-review/"


def _certified(make_user, province, commune, name: str):
    clerk = make_user(Role.DATA_ENTRY, province)
    reviewer = make_user(Role.POLICE_REVIEWER, province)
    certification = award_services.certification_register(actor=clerk, unit=make_unit(commune, name), period="2016")
    certification = award_services.certification_submit(
        actor=clerk, certification=certification, results=full_results(certification)
    )
    return reviewer, award_services.certification_approve(actor=reviewer, certification=certification)


def _recognise(reviewer, certification):
    award_services.recognition_decision_create(
        actor=reviewer,
        number=f"{certification.pk}/QĐ",
        signed_on=datetime.date(2017, 1, 5),
        issuer="UBND xã",
        certifications=[certification],
    )


def _cached(client, params) -> tuple[bytes, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return response.content, len(queries.captured_queries)


def test_a_recognition_in_one_province_leaves_the_other_provinces_cached(api, make_user, thanh_hoa, ha_noi):
    from reports import rollups

    th_commune = legacy("38").children.first().children.first()
    hn_commune = legacy("01").children.first().children.first()
    hn_reviewer, hn_certification = _certified(make_user, ha_noi, hn_commune, "Sở thử Hà Nội")
    th_reviewer, th_certification = _certified(make_user, thanh_hoa, th_commune, "Sở thử Thanh Hóa")
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    publish(legacy("01"), figures=[figure("tips_provided", 70)])
    rollups.recompute(write=True)  # certification counts kept as rows
    cache.clear()
    client = api()
    common = {"programme": "CT07-2014", "period": "2014-2019"}
    th_params, national = {**common, "area": thanh_hoa.pk}, common
    th_first, _ = _cached(client, th_params)
    national_first, _ = _cached(client, national)
    assert _cached(client, th_params) == (th_first, 1)  # served from the cache: the version query only

    _recognise(hn_reviewer, hn_certification)  # Hà Nội
    assert _cached(client, th_params) == (th_first, 1)  # Thanh Hóa's answer is still valid
    national_after, queries = _cached(client, national)
    assert queries > 1 and national_after != national_first  # the national one moved on

    publish(
        legacy("01"),
        figures=[figure("tips_provided", 5)],
        period=(datetime.date(2016, 1, 1), datetime.date(2016, 12, 31), "2016"),
    )
    assert _cached(client, th_params) == (th_first, 1)  # a publication in Hà Nội neither
    assert _cached(client, {**common, "area": ha_noi.pk})[0] != th_first

    _recognise(th_reviewer, th_certification)  # Thanh Hóa's own recognition moves it
    th_after, queries = _cached(client, th_params)
    assert queries > 1 and th_after != th_first
    assert (
        client.get(URL, th_params).json()["records"] != client.get(URL, {**common, "area": ha_noi.pk}).json()["records"]
    )


def test_another_year_leaves_the_annual_answer_cached(api, hierarchy):
    publish(
        legacy("38"),
        figures=[figure("tips_provided", 9)],
        period=(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), "2020"),
    )
    cache.clear()
    client = api()
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/summaries/annual/", {"year": 2020})
    assert len(queries.captured_queries) > 1
    publish(
        legacy("38"),
        figures=[figure("tips_provided", 4)],
        period=(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), "2021"),
    )
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/summaries/annual/", {"year": 2020})
    assert len(queries.captured_queries) == 1 and again.content == first.content
    publish(
        legacy("38"),
        figures=[figure("tips_provided", 1)],
        period=(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), "2020"),
    )
    assert client.get("/api/v1/summaries/annual/", {"year": 2020}).content != first.content


@override_settings(ALLOWED_HOSTS=["testserver", "portal.example"])
def test_another_host_does_not_poison_the_cached_links(api, hierarchy, client):
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    cache.clear()
    params = {"programme": "CT07-2014", "period": "2014-2019"}
    spoofed = api().get(URL, params, HTTP_HOST="portal.example")
    assert b"http://portal.example/" in spoofed.content
    honest = api().get(URL, params)
    assert b"portal.example" not in honest.content and b"http://testserver/" in honest.content
    page = "/programmes/CT07-2014/review/?period=2014-2019"
    client.get(page, HTTP_HOST="portal.example")
    assert b"portal.example" not in client.get(page).content
