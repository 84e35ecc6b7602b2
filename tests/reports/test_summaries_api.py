"""/api/v1/summaries/: numbers with qualifiers and provenance, ETag and Last-Modified, 304, published only
for everyone, validation, schema, and a query count that does not grow with the data."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from movement.models import Role
from reports import record_sources, services
from reports.models import Conference
from tests.reports.summary_data import current, figure, legacy, publish, tally

pytestmark = pytest.mark.django_db

REVIEW = "/api/v1/summaries/programme-review/"
ANNUAL = "/api/v1/summaries/annual/"


@pytest.fixture
def demo(hierarchy):
    call_command("load_demo", verbosity=0)


def _figure(data, key):
    return next(f for f in data["figures"] if f["key"] == key)


def test_programme_review_gives_numbers_qualifiers_and_sources(api, demo):
    response = api().get(REVIEW, {"programme": "CT07-2014", "period": "2014-2019", "mode": "current"})
    assert response.status_code == 200
    data = response.json()
    tips = _figure(data, "tips_provided")["amount"]
    assert (tips["value"], tips["qualifier"], tips["display"], tips["basis"]) == (
        23000,
        "more_than",
        "hơn 23.000",
        "reported",
    )
    assert tips["source_count"] == 2
    # the lean answer links each number to its sources (issue 16): fetched on demand, paged
    assert tips["reports"] == 2 and tips["coverage"] == "từ 2 báo cáo của 2 tỉnh, thành phố"
    sources = api().get(tips["sources_url"]).json()
    assert sources["count"] == 2 and sources["pages"] == 1
    source = next(s for s in sources["results"] if s["area"] == "Tỉnh Vĩnh Phúc")
    assert (source["excerpt"], source["value_display"]) == ("trên 13.000 tin về ANTT", "hơn 13.000")
    assert source["url"].startswith("/conferences/")
    listed = {c["id"]: c for c in data["conferences"]}
    conference = listed[source["conference_id"]]
    assert conference["url"].startswith("http://testserver/conferences/")
    assert conference["documents"][0]["page_url"].startswith("http://testserver/conferences/")
    assert data["coverage"] == "3/34 tỉnh, thành phố đã có báo cáo"
    assert {row["area"]["name"] for row in data["areas"]} == {"Tỉnh Phú Thọ", "Tỉnh Vĩnh Long", "Tỉnh Thanh Hóa"}
    assert data["period"] == {"label": "2014-2019", "start": "2014-01-01", "end": "2019-12-31"}
    assert data["programme"]["code"] == "CT07-2014" and data["conference_count"] == 3


@pytest.mark.parametrize("mode", ["current", "as_recorded"])
def test_the_fast_answer_equals_the_serializers_answer(rf, demo, mode):
    from reports.api.summary_serializers import SummaryOutputSerializer, summary_payload
    from reports.models import Programme
    from reports.summaries import annual_summary, programme_review_summary

    request = rf.get("/")
    for summary in (
        programme_review_summary(actor=None, programme=Programme.objects.get(code="CT07-2014"), mode=mode),
        annual_summary(actor=None, year=2020, area=current("44"), mode=mode),
    ):
        assert (
            summary_payload(summary, request=request)
            == SummaryOutputSerializer(summary, context={"request": request}).data
        )


def test_as_recorded_lists_the_units_that_reported(api, demo):
    data = api().get(REVIEW, {"programme": "CT07-2014", "mode": "as_recorded"}).json()
    assert {row["area"]["label"] for row in data["areas"]} == {
        "Tỉnh Vĩnh Phúc",
        "Huyện Thạnh Phú (Tỉnh Bến Tre)",
        "Tỉnh Thanh Hóa",
    }
    assert data["period"]["label"] == "2014-2019"  # the latest period when none is given


def test_annual_gives_ratios_with_their_parts(api, demo):
    data = api().get(ANNUAL, {"year": 2020, "area": current("44").pk, "mode": "current"}).json()
    residential = _figure(data, "safety_certified:residential_area")["amount"]
    assert (residential["ratio_value"], residential["out_of"], residential["percent"]) == (1069, 1144, 93.4)
    assert residential["ratio_display"] == "1.069/1.144 (93,4 %)"
    assert _figure(data, "safety_certified:school")["amount"]["ratio_display"] == "561/577 (97,2 %)"
    assert data["area"]["name"] == "Tỉnh Quảng Trị" and data["year"] == 2020


def test_etag_and_last_modified_answer_304_until_the_data_changes(api, hierarchy):
    conference = publish(legacy("38"), figures=[figure("tips_provided", 100)])
    client = api()
    first = client.get(REVIEW, {"programme": "CT07-2014"})
    etag = first["ETag"]
    assert etag.startswith('"s-') and first["Last-Modified"]
    assert first["Cache-Control"].startswith("public")
    assert client.get(REVIEW, {"programme": "CT07-2014"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(REVIEW, {"programme": "CT07-2014"}, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    conference.refresh_from_db()
    assert first["Last-Modified"] == http_date(conference.updated_at.timestamp())
    since = first["Last-Modified"]
    assert client.get(REVIEW, {"programme": "CT07-2014"}, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    earlier = http_date(conference.updated_at.timestamp() - 3600)
    assert client.get(REVIEW, {"programme": "CT07-2014"}, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    publish(legacy("26"), figures=[figure("tips_provided", 50, qualifier="more_than")])
    changed = client.get(REVIEW, {"programme": "CT07-2014"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert _figure(changed.json(), "tips_provided")["amount"]["display"] == "hơn 150"


def test_invalid_parameters_are_400_with_field_errors(api, hierarchy):
    response = api().get(REVIEW, {"programme": "NOPE", "period": "20x", "mode": "sideways", "area": 999999999})
    assert response.status_code == 400
    assert set(response.json()) == {"programme", "period", "mode", "area"}
    assert response.json()["period"] == ["Nhập một năm hoặc một khoảng năm, ví dụ 2014-2019."]
    assert api().get(ANNUAL).status_code == 400  # the year is required


def test_everyone_reads_the_same_published_figures(api, hierarchy, make_user, thanh_hoa, ha_noi):
    publish(legacy("38"), figures=[figure("tips_provided", 100)])
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    draft = services.conference_create(
        actor=clerk,
        programme="CT07-2014",
        kind="interim_review",
        title="Bản nháp của tỉnh",
        area=legacy("38"),
        period_start=datetime.date(2014, 8, 15),
        period_end=datetime.date(2019, 8, 15),
        period_label="2014-2019",
        figures=[figure("valuable_tips", 77)],
    )
    assert draft.status == Conference.Status.DRAFT
    outsider = make_user(Role.VIEWER, ha_noi)
    for user in (None, clerk, outsider, make_user(Role.NATIONAL_ADMIN, None)):
        data = api(user).get(REVIEW, {"programme": "CT07-2014", "area": thanh_hoa.pk}).json()
        assert [f["key"] for f in data["figures"]] == ["tips_provided"]  # the draft's figure never shows
        assert data["conference_count"] == 1


def test_summaries_are_read_only(api, hierarchy, national_admin):
    assert api(national_admin).post(REVIEW, {"programme": "CT07-2014"}).status_code == 405


def test_the_schema_documents_both_summaries(api, hierarchy):
    response = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"] if response["Content-Type"].endswith("json") else {}
    text = response.content.decode()
    assert "/api/v1/summaries/programme-review/" in text and "/api/v1/summaries/annual/" in text
    if paths:
        names = {p["name"] for p in paths["/api/v1/summaries/programme-review/"]["get"]["parameters"]}
        assert {"programme", "period", "area", "mode"} <= names


def _spread(codes):
    for code in codes:
        publish(
            legacy(code),
            figures=[
                figure("tips_provided", 10, qualifier="more_than"),
                figure("safety_certified", 5, out_of=8, breakdown="school"),
            ],
            tallies=[tally(2), tally(1, kind="individual")],
        )


@pytest.mark.parametrize("url", [REVIEW, ANNUAL])
def test_query_count_of_the_endpoints_does_not_grow_with_the_data(api, hierarchy, monkeypatch, url):
    monkeypatch.setattr(record_sources, "_PROVIDERS", {})
    params = {"programme": "CT07-2014", "period": "2014-2019"} if url == REVIEW else {"year": 2019}
    client = api()

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url, params).status_code == 200
        return len(context.captured_queries)

    _spread(["01", "02"])
    small = count()
    _spread(["04", "06", "08", "10", "11", "12", "14", "15"])
    assert count() == small
    assert small <= 12  # the data version (reports/summary_cache.py), the programme lookup and the summary's ten
