"""The certifications API: a permission matrix per transition, conflicts, ETags, query bounds."""

import datetime

import pytest

from awards import services
from awards.models import SafetyCertification
from movement.models import AuditEvent, Role
from tests.awards.conftest import full_results, make_unit

URL = "/api/v1/certifications/"


def if_match(record) -> dict:
    return {"HTTP_IF_MATCH": f'"v{record.version}"'}


@pytest.fixture
def at_status(clerk, reviewer, clerk_reviewer, agency, walk):
    """at_status(status, submitter=…) gives a certification of `agency` in that status."""

    def _make(status, *, submitter=None):
        submitter = submitter or clerk
        certification = services.certification_register(actor=submitter, unit=agency, period="2020")
        if status == "registered":
            return certification
        approver = reviewer if submitter != reviewer else clerk_reviewer
        if status == "recognised_for_revoke":
            return walk(certification, to="recognised", submitter=submitter, reviewer=approver)
        return walk(certification, to=status, submitter=submitter, reviewer=approver)

    return _make


TRANSITIONS = [
    # action, status it starts from, payload, status after
    ("approve", "submitted", {"note": "Đủ điều kiện"}, "approved"),
    ("reject", "submitted", {"reason": "Thiếu biên bản họp"}, "rejected"),
    (
        "recognise",
        "approved",
        {"number": "15/QĐ-UBND", "signed_on": "2021-01-20", "issuer": "Chủ tịch UBND huyện"},
        "recognised",
    ),
    ("revoke", "recognised_for_revoke", {"reason": "Xảy ra trọng án"}, "revoked"),
]


@pytest.mark.parametrize(("name", "start", "payload", "after"), TRANSITIONS)
def test_in_scope_reviewer_succeeds(api, reviewer, at_status, name, start, payload, after):
    certification = at_status(start)
    response = api(reviewer).post(f"{URL}{certification.pk}/{name}/", payload, format="json", **if_match(certification))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == after
    assert response["ETag"] == f'"v{certification.version + 1}"'


@pytest.mark.parametrize(("name", "start", "payload", "after"), TRANSITIONS)
def test_out_of_scope_reviewer_gets_404(api, outsider_reviewer, at_status, name, start, payload, after):
    certification = at_status(start)
    response = api(outsider_reviewer).post(
        f"{URL}{certification.pk}/{name}/", payload, format="json", **if_match(certification)
    )
    assert response.status_code == 404
    assert SafetyCertification.objects.get(pk=certification.pk).version == certification.version


@pytest.mark.parametrize(("name", "start", "payload", "after"), TRANSITIONS)
def test_submitter_reviewing_their_own_submission_gets_403(api, clerk_reviewer, at_status, name, start, payload, after):
    certification = at_status(start, submitter=clerk_reviewer)
    response = api(clerk_reviewer).post(
        f"{URL}{certification.pk}/{name}/", payload, format="json", **if_match(certification)
    )
    assert response.status_code == 403
    assert "tự gửi" in response.json()["detail"]
    assert SafetyCertification.objects.get(pk=certification.pk).status == certification.status


@pytest.mark.parametrize(("name", "start", "payload", "after"), TRANSITIONS)
def test_anonymous_gets_401_or_403(api, at_status, name, start, payload, after):
    certification = at_status(start)
    response = api().post(f"{URL}{certification.pk}/{name}/", payload, format="json", **if_match(certification))
    assert response.status_code in (401, 403)
    assert SafetyCertification.objects.get(pk=certification.pk).status == certification.status


@pytest.mark.parametrize(("name", "start", "payload", "after"), TRANSITIONS)
def test_data_entry_without_review_capability_gets_403(api, clerk, at_status, name, start, payload, after):
    certification = at_status(start)
    response = api(clerk).post(f"{URL}{certification.pk}/{name}/", payload, format="json", **if_match(certification))
    assert response.status_code == 403


def test_submit_matrix(api, clerk, reviewer, make_user, ha_noi, at_status):
    outsider_clerk = make_user(Role.DATA_ENTRY, ha_noi)
    certification = at_status("registered")
    payload = {"results": full_results(certification)}
    assert api().post(
        f"{URL}{certification.pk}/submit/", payload, format="json", **if_match(certification)
    ).status_code in (401, 403)
    assert (
        api(outsider_clerk)
        .post(f"{URL}{certification.pk}/submit/", payload, format="json", **if_match(certification))
        .status_code
        == 404
    )
    assert (
        api(reviewer)
        .post(f"{URL}{certification.pk}/submit/", payload, format="json", **if_match(certification))
        .status_code
        == 403
    )
    response = api(clerk).post(f"{URL}{certification.pk}/submit/", payload, format="json", **if_match(certification))
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert response.json()["criteria_met"] == "4/4"


def test_register_and_self_assess_through_the_api(api, clerk, agency):
    response = api(clerk).post(URL, {"unit": agency.pk, "period": "2023"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["criteria_set"]["code"] == "tt124-2021-agency-enterprise"
    assert body["subject"] == {"type": "unit", "id": agency.pk, "name": agency.name}
    assert [r["number"] for r in body["results"]] == [1, 2, 3, 4, 5]
    patch = api(clerk).patch(
        f"{URL}{body['id']}/",
        {"results": [{"number": 1, "is_met": True, "evidence_note": "Nghị quyết chi bộ"}]},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert patch.status_code == 200, patch.json()
    assert patch.json()["results"][0]["evidence_note"] == "Nghị quyết chi bộ"
    stale = api(clerk).patch(f"{URL}{body['id']}/", {"results": []}, format="json", HTTP_IF_MATCH='"v1"')
    assert stale.status_code == 412


def test_registering_a_kindergarten_is_refused_in_vietnamese(api, clerk, th_commune):
    kindergarten = make_unit(th_commune, "Trường Mầm non Hoa Sen", "school", school_level="kindergarten")
    response = api(clerk).post(URL, {"unit": kindergarten.pk, "period": "2020"}, format="json")
    assert response.status_code == 400
    assert "ngoài phạm vi tiêu chuẩn" in str(response.json()["unit"])


def test_registering_an_out_of_scope_unit_looks_unknown(api, clerk, hn_agency):
    response = api(clerk).post(URL, {"unit": hn_agency.pk, "period": "2020"}, format="json")
    assert response.status_code == 400 and "unit" in response.json()


def test_second_approval_gets_a_clear_409(api, reviewer, reviewer2, at_status):
    certification = at_status("submitted")
    first = api(reviewer).post(f"{URL}{certification.pk}/approve/", {}, format="json", **if_match(certification))
    assert first.status_code == 200
    second = api(reviewer2).post(f"{URL}{certification.pk}/approve/", {}, format="json", **if_match(certification))
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"
    assert "Đã phê duyệt" in second.json()["detail"] and "Tải lại trang" in second.json()["detail"]
    assert AuditEvent.objects.filter(verb="certification_approve", object_id=str(certification.pk)).count() == 1


def test_reject_without_reason_is_400(api, reviewer, at_status):
    certification = at_status("submitted")
    response = api(reviewer).post(
        f"{URL}{certification.pk}/reject/", {"reason": ""}, format="json", **if_match(certification)
    )
    assert response.status_code == 400 and "reason" in response.json()


def test_bulk_recognise_endpoint(api, reviewer, clerk, agency, school, walk):
    first = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    second = walk(
        services.certification_register(actor=clerk, unit=school, period="2019-2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    response = api(reviewer).post(
        "/api/v1/recognition-decisions/recognise/",
        {
            "number": "3/QĐ-UBND",
            "signed_on": "2021-02-01",
            "issuer": "Chủ tịch UBND xã",
            "certifications": [first.pk, second.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert {c["status"] for c in response.json()["certifications"]} == {"recognised"}
    listing = api(reviewer).get("/api/v1/recognition-decisions/").json()
    assert listing["count"] == 1


def test_bulk_recognise_with_an_invisible_certification_is_refused(
    api, reviewer, outsider_reviewer, clerk, agency, walk
):
    certification = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    response = api(outsider_reviewer).post(
        "/api/v1/recognition-decisions/recognise/",
        {"number": "3/QĐ", "signed_on": "2021-02-01", "issuer": "X", "certifications": [certification.pk]},
        format="json",
    )
    assert response.status_code == 400
    certification.refresh_from_db()
    assert certification.status == "approved"


def test_list_is_scoped_filtered_and_bounded(
    api, clerk, reviewer, outsider_reviewer, th_commune, django_assert_max_num_queries
):
    for index in range(12):
        unit = make_unit(th_commune, f"Cơ quan số {index}")
        services.certification_register(actor=clerk, unit=unit, period="2020")
    client = api(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page_size": 50})
    assert response.json()["count"] == 12
    assert api(outsider_reviewer).get(URL).json()["count"] == 0
    filtered = client.get(URL, {"status": "registered", "subject_kind": "agency", "year": 2020, "q": "co quan so 1"})
    assert filtered.json()["count"] == 3  # 1, 10, 11
    assert client.get(URL, {"area": th_commune.pk}).json()["count"] == 12


def test_criteria_sets_are_public_by_code(api, db):
    response = api().get("/api/v1/criteria-sets/tt124-2021-commune/")
    assert response.status_code == 200
    assert response.json()["legal_basis"] == "Thông tư 124/2021/TT-BCA" and response.json()["is_summary"] is True
    in_force = api().get("/api/v1/criteria-sets/", {"valid_on": "2019-06-01", "subject_kind": "school"}).json()
    assert [s["code"] for s in in_force["results"]] == ["tt23-2012-school"]


def test_recognition_before_the_period_is_refused(api, reviewer, at_status):
    certification = at_status("approved")
    response = api(reviewer).post(
        f"{URL}{certification.pk}/recognise/",
        {"number": "1/QĐ", "signed_on": str(datetime.date(2019, 5, 1)), "issuer": "Chủ tịch UBND xã"},
        format="json",
        **if_match(certification),
    )
    assert response.status_code == 400
    certification.refresh_from_db()
    assert certification.status == "approved"


def test_recognition_decision_list_is_bounded(api, reviewer, clerk, th_commune, walk, django_assert_max_num_queries):
    for index in range(4):
        unit = make_unit(th_commune, f"Cơ quan {index}")
        walk(
            services.certification_register(actor=clerk, unit=unit, period="2020"),
            to="recognised",
            submitter=clerk,
            reviewer=reviewer,
        )
    with django_assert_max_num_queries(6):
        body = api(reviewer).get("/api/v1/recognition-decisions/").json()
    assert body["count"] == 4 and all(len(d["certifications"]) == 1 for d in body["results"])


def test_a_transition_without_if_match_is_428_and_changes_nothing(api, reviewer, at_status):
    certification = at_status("submitted")
    response = api(reviewer).post(f"{URL}{certification.pk}/approve/", {}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert SafetyCertification.objects.get(pk=certification.pk).status == "submitted"
