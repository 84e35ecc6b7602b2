"""The audit trail: staff page /staff/audit/ and read-only API /api/v1/audit-events/, scoped by the
event's area to approvers, everything to national administrators."""

import datetime

import pytest
from django.utils import timezone

from movement import audit
from movement.models import AdministrativeUnit as AU
from movement.models import AuditEvent, Role
from tests.ops.helpers import with_password


@pytest.fixture
def events(hierarchy, thanh_hoa, ha_noi, make_user):
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa, username="nhaplieu_th")
    th_commune = AU.objects.filter(parent=thanh_hoa).first()
    hn_commune = AU.objects.filter(parent=ha_noi).first()
    th = audit.record(
        actor=clerk,
        action=AuditEvent.Action.UPDATE,
        verb="unit_update",
        instance=th_commune,
        area=th_commune,
        before={"name": "Cũ", "kind": "agency"},
        after={"name": "Mới", "kind": "agency"},
    )
    hn = audit.record(
        actor=None, action=AuditEvent.Action.CREATE, verb="unit_create", instance=hn_commune, area=hn_commune
    )
    nowhere = audit.record(actor=clerk, action=AuditEvent.Action.CREATE, verb="otp_device_confirm", instance=clerk)
    return {"th": th, "hn": hn, "nowhere": nowhere}


@pytest.fixture
def approver(make_user, thanh_hoa):
    return with_password(make_user(Role.APPROVER, thanh_hoa))


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


# API ----------------------------------------------------------------------------------------------


def test_approver_sees_only_events_of_their_area(api, approver, events):
    response = api(approver).get("/api/v1/audit-events/")
    assert response.status_code == 200
    assert ids(response) == {events["th"].pk}
    row = response.json()["results"][0]
    assert row["actor"] == "nhaplieu_th" and row["verb"] == "unit_update"
    assert row["before"] == {"name": "Cũ"} and row["after"] == {"name": "Mới"}  # only what changed


def test_event_out_of_scope_looks_missing(api, approver, events):
    assert api(approver).get(f"/api/v1/audit-events/{events['hn'].pk}/").status_code == 404
    assert api(approver).get(f"/api/v1/audit-events/{events['th'].pk}/").status_code == 200


def test_national_admin_sees_every_event_including_those_without_area(api, national_admin, events):
    response = api(national_admin).get("/api/v1/audit-events/")
    assert ids(response) == {e.pk for e in events.values()}


@pytest.mark.parametrize("role", [Role.DATA_ENTRY, Role.POLICE_REVIEWER, Role.VIEWER])
def test_roles_without_approval_rights_are_refused(api, make_user, thanh_hoa, events, role):
    user = make_user(role, thanh_hoa)
    assert api(user).get("/api/v1/audit-events/").status_code == 403


def test_anonymous_is_refused(api, events):
    assert api().get("/api/v1/audit-events/").status_code in (401, 403)
    assert api().get(f"/api/v1/audit-events/{events['th'].pk}/").status_code in (401, 403)


def test_audit_events_cannot_be_written(api, national_admin, events):
    client = api(national_admin)
    detail = f"/api/v1/audit-events/{events['th'].pk}/"
    assert client.post("/api/v1/audit-events/", {"verb": "forged"}, format="json").status_code == 405
    assert client.put(detail, {"verb": "forged"}, format="json").status_code == 405
    assert client.patch(detail, {"verb": "forged"}, format="json").status_code == 405
    assert client.delete(detail).status_code == 405
    events["th"].refresh_from_db()
    assert events["th"].verb == "unit_update"


def test_api_filters_by_record_type_user_and_date(api, national_admin, events):
    client = api(national_admin)
    assert ids(client.get("/api/v1/audit-events/?actor=NHAPLIEU_TH")) == {events["th"].pk, events["nowhere"].pk}
    assert ids(client.get("/api/v1/audit-events/?object_type=auth.user")) == {events["nowhere"].pk}
    assert ids(client.get("/api/v1/audit-events/?action=create")) == {events["hn"].pk, events["nowhere"].pk}
    today = timezone.localdate()
    assert len(ids(client.get(f"/api/v1/audit-events/?occurred_after={today.isoformat()}"))) == 3
    tomorrow = today + datetime.timedelta(days=1)
    assert ids(client.get(f"/api/v1/audit-events/?occurred_after={tomorrow.isoformat()}")) == set()


def test_api_list_has_a_bounded_number_of_queries(api, approver, events, thanh_hoa, django_assert_max_num_queries):
    commune = AU.objects.filter(parent=thanh_hoa).first()
    for i in range(30):
        audit.record(actor=approver, action=AuditEvent.Action.UPDATE, verb=f"v{i}", instance=commune, area=commune)
    client = api(approver)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/audit-events/")
    assert response.json()["count"] == 31


# Page ---------------------------------------------------------------------------------------------


def test_page_lists_events_in_scope_with_filters(client, approver, events):
    client.force_login(approver)
    response = client.get("/staff/audit/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhật ký thay đổi" in html
    assert "unit_update" in html and "unit_create" not in html and "otp_device_confirm" not in html
    assert "<del>Cũ</del>" in html and "<ins>Mới</ins>" in html
    filtered = client.get("/staff/audit/?action=create").content.decode()
    assert "unit_update" not in filtered


def test_page_for_national_admin_filters_by_user(client, make_signed_user, events):
    admin = make_signed_user(Role.NATIONAL_ADMIN, None)
    client.force_login(admin)
    html = client.get("/staff/audit/?actor=nhaplieu_th").content.decode()
    assert "unit_update" in html and "otp_device_confirm" in html and "unit_create" not in html


def test_page_refuses_other_roles_and_sends_anonymous_to_sign_in(client, make_signed_user, thanh_hoa, events):
    assert client.get("/staff/audit/")["Location"].startswith("/accounts/login/")
    client.force_login(make_signed_user(Role.DATA_ENTRY, thanh_hoa))
    assert client.get("/staff/audit/").status_code == 403


def test_page_is_read_only(client, approver, events):
    client.force_login(approver)
    assert client.post("/staff/audit/", {"verb": "forged"}).status_code == 405


def test_page_has_a_bounded_number_of_queries(client, approver, events, thanh_hoa, django_assert_max_num_queries):
    commune = AU.objects.filter(parent=thanh_hoa).first()
    for i in range(30):
        audit.record(actor=approver, action=AuditEvent.Action.UPDATE, verb=f"v{i}", instance=commune, area=commune)
    client.force_login(approver)
    client.get("/staff/audit/")  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get("/staff/audit/")
    assert response.status_code == 200


def test_menu_shows_the_audit_trail_to_approvers_only(client, approver, make_signed_user, thanh_hoa, hierarchy):
    client.force_login(approver)
    assert 'href="/staff/audit/"' in client.get("/areas/").content.decode()
    client.force_login(make_signed_user(Role.VIEWER, thanh_hoa))
    assert 'href="/staff/audit/"' not in client.get("/areas/").content.decode()
