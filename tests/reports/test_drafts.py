"""Deleting drafts (reports/draft_views.py, awards/draft_views.py): the author or an approver in scope,
after a confirmation page; never a submitted report or an issued decision; a stale version saves nothing."""

import datetime

import pytest

from movement.models import Role
from reports.models import AwardForm, Conference, IssuingAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


@pytest.fixture
def colleague(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa, username="nhaplieu_khac")


def test_the_author_deletes_a_draft_after_confirming(login, clerk, draft):
    client = login(clerk)
    detail = client.get(f"/staff/conferences/{draft.pk}/").content.decode()
    assert f"/staff/conferences/{draft.pk}/delete/" in detail
    page = client.get(f"/staff/conferences/{draft.pk}/delete/")
    assert page.status_code == 200 and "Xóa bản nháp?" in page.content.decode()
    assert Conference.objects.filter(pk=draft.pk).exists()  # nothing happens before the confirmation
    response = client.post(f"/staff/conferences/{draft.pk}/delete/", {"version": draft.version})
    assert response.status_code == 302 and not Conference.objects.filter(pk=draft.pk).exists()


def test_an_approver_in_scope_may_delete_a_draft(login, approver, draft):
    response = login(approver).post(f"/staff/conferences/{draft.pk}/delete/", {"version": draft.version})
    assert response.status_code == 302 and not Conference.objects.filter(pk=draft.pk).exists()


def test_another_clerk_may_not_delete_someone_elses_draft(login, api, colleague, draft):
    assert login(colleague).get(f"/staff/conferences/{draft.pk}/delete/").status_code == 403
    response = api(colleague).delete(f"/api/v1/conferences/{draft.pk}/", HTTP_IF_MATCH=f'"v{draft.version}"')
    assert response.status_code == 403 and Conference.objects.filter(pk=draft.pk).exists()


def test_a_stale_confirmation_deletes_nothing(login, clerk, draft):
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/delete/", {"version": draft.version - 1})
    assert response.status_code == 302 and Conference.objects.filter(pk=draft.pk).exists()
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/delete/", {})
    assert Conference.objects.filter(pk=draft.pk).exists()


def test_a_submitted_report_cannot_be_deleted(login, clerk, submitted):
    assert login(clerk).get(f"/staff/conferences/{submitted.pk}/delete/").status_code == 403
    assert Conference.objects.filter(pk=submitted.pk).exists()


def test_outside_scope_is_not_found(login, outsider_clerk, draft):
    assert login(outsider_clerk).get(f"/staff/conferences/{draft.pk}/delete/").status_code == 404


@pytest.fixture
def award_draft(clerk, thanh_hoa):
    from awards import services

    return services.award_decision_create(
        actor=clerk,
        area=thanh_hoa,
        number="77/QĐ-UBND",
        signed_on=datetime.date(2025, 8, 1),
        issuing_authority=IssuingAuthority.objects.get(code="provincial_chair"),
        form=AwardForm.objects.get(code="certificate_of_merit"),
        achievement="Thành tích xuất sắc",
    )


def test_award_draft_deleted_by_its_author_or_an_approver_not_a_colleague(
    login, clerk, approver, colleague, award_draft
):
    from awards.models import AwardDecision

    assert login(colleague).get(f"/staff/awards/{award_draft.pk}/delete/").status_code == 403
    page = login(clerk).get(f"/staff/awards/{award_draft.pk}/")
    assert f"/staff/awards/{award_draft.pk}/delete/" in page.content.decode()
    response = login(approver).post(f"/staff/awards/{award_draft.pk}/delete/", {"version": award_draft.version})
    assert response.status_code == 302 and not AwardDecision.objects.filter(pk=award_draft.pk).exists()
