"""The conference API: reading (scope, anonymous), writing drafts, the workflow per role and scope, locks,
bad input, and query-count bounds."""

import pytest

from movement.models import AuditEvent, Role
from reports import services
from reports.models import AwardTally, Conference, ConferenceTransition, IndicatorValue
from tests.reports.conftest import FIGURES, TALLIES
from tests.trust.clients import if_match_api

pytestmark = pytest.mark.django_db

URL = "/api/v1/conferences/"


@pytest.fixture
def api():
    """Clients that send the record's current ETag in If-Match on writes (the API requires it: 428 without
    it); a test that sets HTTP_IF_MATCH itself keeps its own value."""
    return if_match_api


def _payload(area, **extra):
    return {
        "programme": "CT07-2014",
        "kind": "interim_review",
        "title": "Sơ kết 5 năm thực hiện Chỉ thị 07",
        "area": area.pk,
        "held_on": "2019-09-11",
        "period_start": "2014-08-15",
        "period_end": "2019-08-15",
        "period_label": "2014-2019",
        "chaired_by": ["Nguyễn Đình Xứng, Chủ tịch UBND tỉnh"],
        "figures": [
            {"indicator": "propaganda_sessions", "value": 3071},
            {"indicator": "propaganda_participants", "value": 740000, "qualifier": "more_than"},
            {"indicator": "safety_certified", "breakdown": "school", "value": 561, "out_of": 577},
            {"indicator": "explosives_surrendered_kg", "value": "12.5", "qualifier": "nearly"},
        ],
        "tallies": [
            {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "individual", "count": 28}
        ],
        "source_documents": [{"title": "Báo Thanh Hóa", "full_text": "Sáng 11-9 …"}],
        **extra,
    }


# Catalogues ------------------------------------------------------------------------------------------------------


def test_programmes_and_indicators_are_public_and_addressable_by_code(api, hierarchy):
    client = api()
    programmes = client.get("/api/v1/programmes/").json()
    assert {"CT07-2014", "CT06-2025", "TDBVANTQ-annual"} <= {p["code"] for p in programmes["results"]}
    assert client.get("/api/v1/programmes/CT07-2014/").json()["document_number"] == "07/CT-BCA-V28"
    response = client.get("/api/v1/indicators/", {"code": "safety_certified"}).json()
    assert response["count"] == 1
    indicator = response["results"][0]
    assert indicator["takes_out_of"] is True and "commune" in indicator["breakdowns"]
    kg = client.get("/api/v1/indicators/explosives_surrendered_kg/").json()
    assert kg["allows_decimals"] is True and kg["unit_vi"] == "kg"
    assert client.get("/api/v1/indicators/no_such_thing/").status_code == 404
    assert client.get("/api/v1/breakdowns/agency_or_enterprise/").status_code == 200


def test_every_indicator_of_the_demo_reports_is_in_the_catalogue(api, hierarchy):
    from reports.demo import read_demo

    codes = {f["indicator"] for r in read_demo()["reports"] for f in r["figures"]}
    listed = api().get("/api/v1/indicators/", {"page_size": 500}).json()["results"]
    assert codes <= {i["code"] for i in listed}


# Reading ---------------------------------------------------------------------------------------------------------


def test_anonymous_users_see_published_conferences_only(api, approved, make_conference, clerk, approver):
    published = services.conference_publish(actor=approver, conference=approved)
    draft = make_conference(clerk, title="Bản nháp")
    client = api()
    ids = [c["id"] for c in client.get(URL).json()["results"]]
    assert ids == [published.pk]
    assert client.get(f"{URL}{draft.pk}/").status_code == 404
    detail = client.get(f"{URL}{published.pk}/").json()
    assert detail["allowed_actions"] == []
    assert {f["indicator"] for f in detail["figures"]} == {f["indicator"] for f in FIGURES}


def test_signed_in_users_see_unpublished_in_scope_and_published_everywhere(
    api, approved, approver, outsider_clerk, clerk, make_conference
):
    services.conference_publish(actor=approver, conference=approved)
    draft = make_conference(clerk, title="Bản nháp")
    in_scope = {c["id"] for c in api(clerk).get(URL).json()["results"]}
    assert in_scope == {draft.pk, approved.pk}
    outside = {c["id"] for c in api(outsider_clerk).get(URL).json()["results"]}
    assert outside == {approved.pk}
    assert api(outsider_clerk).get(f"{URL}{draft.pk}/").status_code == 404


def test_detail_has_nested_figures_tallies_sources_and_an_etag(api, clerk, legacy_thanh_hoa):
    created = api(clerk).post(URL, _payload(legacy_thanh_hoa), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["ETag"] == '"v1"'
    assert body["status"] == "draft" and body["allowed_actions"] == ["edit", "submit"]
    figures = {(f["indicator"], f["breakdown"]): f for f in body["figures"]}
    assert figures[("safety_certified", "school")]["value"] == 561
    assert figures[("safety_certified", "school")]["out_of"] == 577
    assert figures[("explosives_surrendered_kg", "")]["value"] == 12.5
    assert figures[("explosives_surrendered_kg", "")]["qualifier"] == "nearly"
    assert body["tallies"][0]["count"] == 28 and body["tallies"][0]["issuer"] == "provincial_chair"
    assert body["source_documents"][0]["full_text"] == "Sáng 11-9 …"
    assert body["chaired_by"] == ["Nguyễn Đình Xứng, Chủ tịch UBND tỉnh"]
    assert body["area_now_in"]["code"] == "38" and body["area_now_in"]["generation"] == "2025"
    listed = api(clerk).get(URL).json()["results"][0]
    assert "full_text" not in listed["source_documents"][0]
    # the list counts the figures and tallies; the detail above nests them (issue 16)
    assert "figures" not in listed and "tallies" not in listed
    assert (listed["figure_count"], listed["tally_count"]) == (len(body["figures"]), len(body["tallies"]))


def test_filters_programme_kind_status_area_subtree_period_and_search(api, clerk, make_conference, area, hierarchy):
    from movement.models import AdministrativeUnit as AU

    district = AU.objects.filter(generation="legacy", level="district", parent__code="38").order_by("code").first()
    province_conf = make_conference(clerk)
    district_conf = make_conference(clerk, area=district, title="Hội nghị huyện", kind="annual_summary")
    yearly = make_conference(
        clerk,
        programme="TDBVANTQ-annual",
        title="Tổng kết năm 2020",
        period_start="2020-01-01",
        period_end="2020-12-31",
        period_label="2020",
        held_on="2021-01-14",
    )
    client = api(clerk)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return {c["id"] for c in response.json()["results"]}

    assert ids(programme="TDBVANTQ-annual") == {yearly.pk}
    assert ids(kind="annual_summary") == {district_conf.pk}
    assert ids(area=district.parent_id) == {province_conf.pk, district_conf.pk, yearly.pk}
    assert ids(area=district.pk) == {district_conf.pk}
    assert ids(year=2020) == {yearly.pk}
    assert ids(year=2016) == {province_conf.pk, district_conf.pk}
    assert ids(period_from="2019-09-01") == {yearly.pk}
    assert ids(status="draft") == {province_conf.pk, district_conf.pk, yearly.pk}
    assert ids(status="published") == set()
    assert ids(q="tong ket nam") == {yearly.pk}
    assert ids(indicator="tips_provided") == {province_conf.pk, district_conf.pk, yearly.pk}
    assert client.get(URL, {"ordering": "title"}).status_code == 200


def test_list_query_count_does_not_grow_with_the_number_of_conferences(
    api, clerk, make_conference, django_assert_max_num_queries
):
    client = api(clerk)
    for _i in range(3):
        make_conference(clerk)
    client.get(URL)  # warm caches (content types, etc.)
    with django_assert_max_num_queries(12) as small:
        assert client.get(URL).json()["count"] == 3
    for _i in range(12):
        make_conference(clerk)
    with django_assert_max_num_queries(12) as large:
        assert client.get(URL).json()["count"] == 15
    assert len(large.captured_queries) == len(small.captured_queries)


def test_anonymous_list_query_count_is_bounded(api, clerk, approver, make_conference, django_assert_max_num_queries):
    for _i in range(4):
        conference = services.conference_submit(actor=clerk, conference=make_conference(clerk))
        conference = services.conference_approve(actor=approver, conference=conference)
        services.conference_publish(actor=approver, conference=conference)
    with django_assert_max_num_queries(8):
        assert api().get(URL).json()["count"] == 4


# Workflow --------------------------------------------------------------------------------------------------------


def test_full_workflow_draft_submit_return_submit_approve_publish(api, clerk, approver, draft):
    clerk_api, approver_api = api(clerk), api(approver)
    assert approver_api.post(f"{URL}{draft.pk}/approve/").status_code == 400  # still a draft
    response = clerk_api.post(f"{URL}{draft.pk}/submit/")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert approver_api.get(f"{URL}{draft.pk}/").json()["allowed_actions"] == ["approve", "return"]
    assert approver_api.post(f"{URL}{draft.pk}/return/", {}, format="json").status_code == 400  # reason needed
    response = approver_api.post(f"{URL}{draft.pk}/return/", {"reason": "Thiếu số liệu khen thưởng"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "returned" and response.json()["return_reason"] == "Thiếu số liệu khen thưởng"
    assert clerk_api.post(f"{URL}{draft.pk}/submit/").json()["status"] == "submitted"
    assert approver_api.post(f"{URL}{draft.pk}/approve/").json()["status"] == "approved"
    response = approver_api.post(f"{URL}{draft.pk}/publish/")
    assert response.json()["status"] == "published" and response.json()["published_at"]
    steps = list(ConferenceTransition.objects.filter(conference=draft).values_list("from_status", "to_status"))
    assert steps == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "approved"),
        ("approved", "published"),
    ]
    returned = ConferenceTransition.objects.get(conference=draft, to_status="returned")
    assert returned.actor == approver and returned.reason == "Thiếu số liệu khen thưởng"
    history = api(clerk).get(f"{URL}{draft.pk}/history/").json()
    assert [h["verb"] for h in history if h["action"] == "transition"][-1] == "conference_publish"


def test_data_entry_cannot_approve_and_approver_cannot_submit(api, clerk, approver, submitted, make_conference):
    assert api(clerk).post(f"{URL}{submitted.pk}/approve/").status_code == 403
    other = make_conference(clerk, title="Khác")
    assert api(approver).post(f"{URL}{other.pk}/submit/").status_code == 403
    assert Conference.objects.get(pk=other.pk).status == "draft"


def test_the_submitter_cannot_approve_their_own_report(api, make_user, thanh_hoa, make_conference):
    both = make_user(Role.DATA_ENTRY, thanh_hoa)
    from movement.models import RoleAssignment

    RoleAssignment.objects.create(user=both, role=Role.APPROVER, area=thanh_hoa)
    conference = services.conference_submit(actor=both, conference=make_conference(both))
    response = api(both).post(f"{URL}{conference.pk}/approve/")
    assert response.status_code == 403
    assert "detail" in response.json()
    assert Conference.objects.get(pk=conference.pk).status == "submitted"
    assert "approve" not in api(both).get(f"{URL}{conference.pk}/").json()["allowed_actions"]


def test_out_of_scope_approver_gets_404_on_unpublished_and_403_on_published(
    api, outsider_approver, submitted, approver
):
    client = api(outsider_approver)
    assert client.post(f"{URL}{submitted.pk}/approve/").status_code == 404
    assert client.post(f"{URL}{submitted.pk}/return/", {"reason": "x"}, format="json").status_code == 404
    conference = services.conference_approve(actor=approver, conference=submitted)
    conference = services.conference_publish(actor=approver, conference=conference)
    assert client.post(f"{URL}{conference.pk}/reopen/").status_code == 403
    assert Conference.objects.get(pk=conference.pk).status == "published"


def test_out_of_scope_clerk_cannot_edit_a_draft(api, outsider_clerk, draft):
    client = api(outsider_clerk)
    assert client.patch(f"{URL}{draft.pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.post(f"{URL}{draft.pk}/figures/", {"indicator": "news_items", "value": 1}).status_code == 404


def test_anonymous_cannot_write(api, draft, legacy_thanh_hoa):
    client = api()
    assert client.post(URL, _payload(legacy_thanh_hoa), format="json").status_code in (401, 403)
    assert client.post(f"{URL}{draft.pk}/submit/").status_code in (401, 403)
    assert list(Conference.objects.values_list("pk", "status")) == [(draft.pk, "draft")]


def test_creating_outside_scope_is_forbidden(api, outsider_clerk, legacy_thanh_hoa):
    response = api(outsider_clerk).post(URL, _payload(legacy_thanh_hoa), format="json")
    assert response.status_code == 403
    assert not Conference.objects.exists()


def test_approved_figures_are_locked_until_reopened(api, clerk, approver, approved):
    figure = approved.figures.get(indicator__code="propaganda_sessions")
    clerk_api = api(clerk)
    url = f"{URL}{approved.pk}/figures/{figure.pk}/"
    response = clerk_api.patch(url, {"value": 3100}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    assert clerk_api.post(f"{URL}{approved.pk}/figures/", {"indicator": "news_items", "value": 5}).status_code == 400
    assert clerk_api.delete(url).status_code == 400
    assert clerk_api.patch(f"{URL}{approved.pk}/", {"title": "Đổi"}, format="json").status_code == 400
    assert IndicatorValue.objects.get(pk=figure.pk).value == 3071
    response = api(approver).post(f"{URL}{approved.pk}/reopen/", {"reason": "Sửa số buổi"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    response = clerk_api.patch(url, {"value": 3100}, format="json")
    assert response.status_code == 200 and response.json()["value"] == 3100
    event = AuditEvent.objects.filter(verb="indicator_value_update").latest("id")
    assert event.before == {"value": "3071"} and event.after == {"value": "3100"} and event.actor == clerk


def test_submitted_report_cannot_be_edited_by_data_entry(api, clerk, submitted):
    figure = submitted.figures.first()
    response = api(clerk).patch(f"{URL}{submitted.pk}/figures/{figure.pk}/", {"value": 1}, format="json")
    assert response.status_code == 400


def test_stale_if_match_is_refused(api, clerk, draft):
    client = api(clerk)
    etag = client.get(f"{URL}{draft.pk}/")["ETag"]
    assert client.patch(f"{URL}{draft.pk}/", {"title": "Một"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = client.patch(f"{URL}{draft.pk}/", {"title": "Hai"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert Conference.objects.get(pk=draft.pk).title == "Một"


def test_figures_and_tallies_can_be_added_changed_and_removed_on_a_draft(api, clerk, draft):
    client = api(clerk)
    response = client.post(
        f"{URL}{draft.pk}/figures/",
        {"indicator": "safety_certified", "breakdown": "ward", "value": 14, "out_of": 15},
        format="json",
    )
    assert response.status_code == 201, response.json()
    figure_id = response.json()["id"]
    assert response.json()["breakdown_name"] == "Phường"
    assert (
        client.patch(f"{URL}{draft.pk}/figures/{figure_id}/", {"qualifier": "about"}, format="json").json()["qualifier"]
        == "about"
    )
    assert client.delete(f"{URL}{draft.pk}/figures/{figure_id}/").status_code == 204
    assert not IndicatorValue.objects.filter(pk=figure_id).exists()
    response = client.post(
        f"{URL}{draft.pk}/tallies/",
        {
            "issuer": "provincial_police_director",
            "form": "letter_of_commendation",
            "recipient_kind": "mixed",
            "count": 9,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    tally_id = response.json()["id"]
    assert client.patch(f"{URL}{draft.pk}/tallies/{tally_id}/", {"count": 12}, format="json").json()["count"] == 12
    assert client.delete(f"{URL}{draft.pk}/tallies/{tally_id}/").status_code == 204
    assert client.get(f"{URL}{draft.pk}/figures/").json()[0]["indicator"] == "propaganda_sessions"
    history = client.get(f"{URL}{draft.pk}/history/").json()
    assert {"indicator_value_create", "indicator_value_update", "indicator_value_delete", "award_tally_update"} <= {
        h["verb"] for h in history
    }


def test_a_figure_of_another_conference_is_404(api, clerk, draft, make_conference):
    other = make_conference(clerk)
    figure = other.figures.first()
    assert api(clerk).patch(f"{URL}{draft.pk}/figures/{figure.pk}/", {"value": 1}, format="json").status_code == 404


# Bad input: 400 with a readable message, nothing saved ----------------------------------------------------------


def _bad_create(api, clerk, area, **changes):
    payload = _payload(area, **changes)
    response = api(clerk).post(URL, payload, format="json")
    assert response.status_code == 400, response.json()
    assert not Conference.objects.exists()
    assert not IndicatorValue.objects.exists() and not AwardTally.objects.exists()
    assert not AuditEvent.objects.filter(object_type="reports.conference").exists()
    return response.json()


@pytest.mark.parametrize(
    ("figure", "field"),
    [
        ({"indicator": "safety_certified", "breakdown": "commune", "value": 130, "out_of": 128}, "value"),
        ({"indicator": "propaganda_sessions", "value": -5}, "value"),
        ({"indicator": "propaganda_sessions", "value": "12.5"}, "value"),
        ({"indicator": "no_such_indicator", "value": 1}, "indicator"),
        ({"indicator": "safety_certified", "breakdown": "no_such_breakdown", "value": 1, "out_of": 2}, "breakdown"),
        ({"indicator": "tips_provided", "breakdown": "commune", "value": 1}, "breakdown"),
        ({"indicator": "tips_provided", "value": 1, "out_of": 5}, "out_of"),
    ],
)
def test_bad_figures_are_refused_with_the_field_and_nothing_is_saved(api, clerk, legacy_thanh_hoa, figure, field):
    figures = [{"indicator": "news_items", "value": 4000, "qualifier": "nearly"}, figure]
    body = _bad_create(api, clerk, legacy_thanh_hoa, figures=figures)
    assert body["detail"]
    assert body["figures"][0] == {}
    assert field in body["figures"][1]
    assert all(isinstance(m, str) and m for m in body["figures"][1][field])


def test_duplicate_figure_in_one_request_is_refused(api, clerk, legacy_thanh_hoa):
    figures = [{"indicator": "news_items", "value": 1}, {"indicator": "news_items", "value": 2}]
    body = _bad_create(api, clerk, legacy_thanh_hoa, figures=figures)
    assert "breakdown" in body["figures"][1]


def test_duplicate_figure_added_to_a_draft_is_refused(api, clerk, draft):
    count = draft.figures.count()
    response = api(clerk).post(f"{URL}{draft.pk}/figures/", {"indicator": "propaganda_sessions", "value": 1})
    assert response.status_code == 400 and "breakdown" in response.json()
    assert draft.figures.count() == count


def test_period_end_before_start_is_refused(api, clerk, legacy_thanh_hoa):
    body = _bad_create(api, clerk, legacy_thanh_hoa, period_start="2019-08-15", period_end="2014-08-15")
    assert "period_end" in body


@pytest.mark.parametrize("held_on", ["2999-01-01", "1900-01-01"])
def test_implausible_conference_date_is_refused(api, clerk, legacy_thanh_hoa, held_on):
    body = _bad_create(api, clerk, legacy_thanh_hoa, held_on=held_on)
    assert "held_on" in body


def test_unknown_programme_and_bad_tally_are_refused(api, clerk, legacy_thanh_hoa):
    assert "programme" in _bad_create(api, clerk, legacy_thanh_hoa, programme="CT99")
    body = _bad_create(
        api,
        clerk,
        legacy_thanh_hoa,
        tallies=[
            {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "mixed", "count": -1}
        ],
    )
    assert "count" in body["tallies"][0]
    body = _bad_create(
        api,
        clerk,
        legacy_thanh_hoa,
        tallies=[{"issuer": "nobody", "form": "certificate_of_merit", "recipient_kind": "mixed", "count": 1}],
    )
    assert "issuer" in body["tallies"][0]


def test_bad_figure_patch_changes_nothing(api, clerk, draft):
    figure = draft.figures.get(indicator__code="safety_certified")
    response = api(clerk).patch(f"{URL}{draft.pk}/figures/{figure.pk}/", {"value": 200}, format="json")
    assert response.status_code == 400 and "value" in response.json()
    figure.refresh_from_db()
    assert figure.value == 113
    assert Conference.objects.get(pk=draft.pk).version == draft.version


def test_error_messages_are_vietnamese(api, clerk, draft):
    figure = draft.figures.get(indicator__code="safety_certified")
    response = api(clerk).patch(f"{URL}{draft.pk}/figures/{figure.pk}/", {"value": 200}, format="json")
    assert "không thể lớn hơn" in response.json()["value"][0]


def test_submitting_an_empty_report_is_refused(api, clerk, make_conference):
    empty = make_conference(clerk, figures=[], tallies=[])
    assert api(clerk).post(f"{URL}{empty.pk}/submit/").status_code == 400
    assert Conference.objects.get(pk=empty.pk).status == "draft"


def test_deleting_a_draft(api, clerk, draft, outsider_clerk):
    assert api(outsider_clerk).delete(f"{URL}{draft.pk}/").status_code == 404
    assert api(clerk).delete(f"{URL}{draft.pk}/").status_code == 204
    assert not Conference.objects.filter(pk=draft.pk).exists()


def test_schema_lists_the_conference_endpoints(client, hierarchy):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/v1/conferences/{id}/approve/",
        "/api/v1/conferences/{id}/figures/{figure_id}/",
        "/api/v1/indicators/",
    ):
        assert path in text


assert TALLIES
