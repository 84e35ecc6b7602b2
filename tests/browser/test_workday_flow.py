"""The staff workday in a real browser (issue 15): a clerk submits → the approver sees it in "Việc của tôi" with
an unread notification, and an email waits in the outbox → returns it with a reason → the clerk sees it
returned with the reason → resubmits → the approver approves, then publishes after a confirmation page that
says what the public will see. Skipped without /usr/bin/chromium."""

import pytest
from django.core import mail

from movement.models import Role
from reports import services
from reports.models import Conference
from tests.browser.test_public_pages import CHROMIUM, LAUNCH_ARGS, pytestmark  # noqa: F401
from tests.reports.conftest import FIGURES, legacy_thanh_hoa  # noqa: F401 (fixture)
from tests.workday.conftest import run_queued_tasks

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def people(hierarchy, make_user, thanh_hoa):
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa, username="nhaplieu_flow", email="nhaplieu@example.vn")
    approver = make_user(Role.APPROVER, thanh_hoa, username="pheduyet_flow", email="pheduyet@example.vn")
    for user in (clerk, approver):
        user.set_password(PASSWORD)
        user.save()
    return clerk, approver


def test_submit_return_resubmit_approve_publish(people, live_server, monkeypatch, legacy_thanh_hoa):  # noqa: F811
    import datetime

    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # database checks between browser steps
    clerk, approver = people
    report = services.conference_create(
        actor=clerk,
        programme="TDBVANTQ-annual",
        kind="annual_summary",
        title="Tổng kết phong trào năm 2024 tỉnh Thanh Hóa",
        area=legacy_thanh_hoa,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        figures=FIGURES,
    )
    detail = f"{live_server.url}/staff/conferences/{report.pk}/"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def session(user):
            page = browser.new_context(locale="vi-VN").new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state("networkidle")
            return page

        as_clerk, as_approver = session(clerk), session(approver)

        as_clerk.goto(detail)
        as_clerk.click("button[data-action=submit]")
        assert "Đã gửi" in as_clerk.inner_text("main h1")

        as_approver.goto(f"{live_server.url}/staff/")
        waiting = as_approver.inner_text("#work-to_approve")
        assert "Báo cáo chờ tôi phê duyệt" in waiting and report.title in waiting
        assert as_approver.inner_text(".nav-my-work .nav-count") == "1"
        as_approver.goto(f"{live_server.url}/staff/notifications/")
        unread = as_approver.inner_text(".notification.unread")
        assert "đã gửi báo cáo" in unread and report.title in unread
        assert mail.outbox == []  # queued, not sent in the request
        assert run_queued_tasks() == [("ok", "sent")]
        assert [m.to for m in mail.outbox] == [["pheduyet@example.vn"]]
        assert report.title in mail.outbox[0].subject

        as_approver.goto(detail)
        as_approver.fill("#reason-return", "Thiếu số liệu của xã Hải Thượng")
        as_approver.click("button[data-action=return]")
        assert "Bị trả lại" in as_approver.inner_text("main h1") or "trả lại" in as_approver.inner_text("main")

        as_clerk.goto(f"{live_server.url}/staff/")
        returned = as_clerk.inner_text("#work-returned")
        assert report.title in returned and "Thiếu số liệu của xã Hải Thượng" in returned
        as_clerk.goto(detail)
        assert "Thiếu số liệu của xã Hải Thượng" in as_clerk.inner_text("main")
        as_clerk.click("button[data-action=submit]")

        as_approver.goto(detail)
        as_approver.click("button[data-action=approve]")
        assert Conference.objects.get(pk=report.pk).status == "approved"
        as_approver.click("button[data-action=publish]")
        assert "Trang công khai sẽ thay đổi thế nào" in as_approver.inner_text("main")
        assert Conference.objects.get(pk=report.pk).status == "approved"  # not before the confirmation
        as_approver.click("button[data-action=confirm]")
        as_approver.wait_for_load_state("networkidle")
        assert Conference.objects.get(pk=report.pk).status == "published"
        public = as_approver.goto(f"{live_server.url}/conferences/{report.pk}/")
        assert public.status == 200
        browser.close()
