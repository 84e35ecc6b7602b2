"""Việc của tôi, the confirmation step, corrections of published reports, readable history, coverage and the
Vietnamese sort order (issue 15)."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from movement.models import AdministrativeUnit as AU
from movement.models import Role
from reports import rollups, services
from reports.models import Conference, Programme
from reports.summaries import programme_review_summary
from workday.collation import sort_vi
from workday.models import Correction


def _text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_my_work_groups_what_waits_for_each_role(submitted, clerk, approver, login, api):
    page = login(approver).get("/staff/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Báo cáo chờ tôi phê duyệt" in html and f"/staff/conferences/{submitted.pk}/" in html
    assert 'class="nav-count">1<' in html  # the count in the menu
    data = api(approver).get("/api/v1/my-work/").json()
    group = next(g for g in data["groups"] if g["key"] == "to_approve")
    assert group["count"] == 1 and group["lines"][0]["url"] == f"/staff/conferences/{submitted.pk}/"
    assert all(g["key"] != "to_approve" for g in api(clerk).get("/api/v1/my-work/").json()["groups"])

    services.conference_return(actor=approver, conference=submitted, reason="Thiếu số liệu xã")
    text = _text(login(clerk).get("/staff/"))
    assert "Báo cáo bị trả lại cho tôi" in text and "Thiếu số liệu xã" in text
    assert api().get("/api/v1/my-work/").status_code in (401, 403)


def test_my_work_hides_what_is_outside_the_scope(submitted, outsider_approver, api):
    groups = api(outsider_approver).get("/api/v1/my-work/").json()["groups"]
    assert [g["key"] for g in groups] == ["deadlines"]  # Hà Nội's own overdue annual report only
    assert "Hà Nội" in groups[0]["lines"][0]["label"] and groups[0]["lines"][0]["overdue"]


def test_publish_and_reopen_ask_for_a_confirmation_that_says_what_the_public_sees(approved, approver, login):
    client = login(approver)
    detail = client.get(f"/staff/conferences/{approved.pk}/").content.decode()
    assert 'action="/staff/confirm/"' in detail
    target = f"/staff/conferences/{approved.pk}/publish/"
    page = client.post("/staff/confirm/", {"target": target, "version": approved.version})
    assert page.status_code == 200
    text = _text(page)
    assert "Trang công khai sẽ thay đổi thế nào" in text and "trang công khai" in text
    assert f'action="{target}"' in page.content.decode()
    assert Conference.objects.get(pk=approved.pk).status == "approved"  # nothing done yet
    assert client.post(target, {"version": approved.version}).status_code == 302
    published = Conference.objects.get(pk=approved.pk)
    assert published.status == "published"
    reopen = client.post(
        "/staff/confirm/", {"target": f"/staff/conferences/{approved.pk}/reopen/", "version": published.version}
    )
    assert "Báo cáo đang được điều chỉnh từ" in _text(reopen) and 'name="reason"' in reopen.content.decode()


@pytest.mark.parametrize("target", ["/admin/", "/staff/conferences/999999/publish/", "https://example.com/x"])
def test_the_confirmation_only_knows_transitions_in_scope(approved, approver, login, target):
    assert login(approver).post("/staff/confirm/", {"target": target}).status_code == 404


def test_the_confirmation_of_another_areas_record_looks_missing(approved, outsider_approver, login):
    response = login(outsider_approver).post(
        "/staff/confirm/", {"target": f"/staff/conferences/{approved.pk}/publish/"}
    )
    assert response.status_code == 404


def test_reopening_needs_a_reason(approved, approver):
    from movement.errors import ApplicationError

    with pytest.raises(ApplicationError):
        services.conference_reopen(actor=approver, conference=approved, reason="  ")


def test_a_reopened_report_stays_public_as_last_published_until_republished(
    approved, approver, clerk, client, thanh_hoa
):
    ct07 = Programme.objects.get(code="CT07-2014")

    def tips():
        return programme_review_summary(actor=None, programme=ct07, period="2014-2019").figure("tips_provided")

    published = services.conference_publish(actor=approver, conference=approved)
    assert tips().amount.value == 10000
    services.conference_reopen(actor=approver, conference=published, reason="Sai số buổi tuyên truyền")
    figure = published.figures.get(indicator__code="propaganda_sessions")
    services.indicator_value_update(actor=clerk, conference=published, figure=figure, value=3100)
    tips_figure = published.figures.get(indicator__code="tips_provided")
    services.indicator_value_update(actor=clerk, conference=published, figure=tips_figure, value=12000)

    page = client.get(f"/conferences/{published.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    text = _text(page)
    assert "Báo cáo đang được điều chỉnh từ" in text and "Sai số buổi tuyên truyền" in text
    assert "3.071" in text and "3.100" not in text  # the last published figures
    assert tips().amount.value == 10000  # the summaries keep counting them
    assert rollups.recompute(write=False) == []
    corrections = _text(client.get("/corrections/"))
    assert "Đang được điều chỉnh từ" in corrections and "Sai số buổi tuyên truyền" in corrections

    republished = services.conference_submit(actor=clerk, conference=Conference.objects.get(pk=published.pk))
    republished = services.conference_approve(actor=approver, conference=republished)
    services.conference_publish(actor=approver, conference=republished)
    assert tips().amount.value == 12000
    page = _text(client.get(f"/conferences/{published.pk}/"))
    assert "3.100" in page and "đang được điều chỉnh" not in page
    correction = Correction.objects.get(conference=published)
    assert correction.closed_at is not None
    corrections = _text(client.get("/corrections/"))
    assert "3.071 → 3.100" in corrections and "hơn 10.000 → hơn 12.000" in corrections
    assert "pheduyet_test" not in corrections and "nhaplieu_test" not in corrections  # no staff usernames


def _history_text(html: str) -> str:
    """The visible text of the history sections."""
    start = html.find('class="history"')
    return re.sub(r"\s+", " ", strip_tags(html[start:] if start >= 0 else html))


RAW = re.compile(
    r"_id\b|\b(programme|kind|area|status|period_label|period_start|created_by|submitted_by|approved_at|"
    r"published_at|return_reason|indicator|breakdown|qualifier|source_excerpt|out_of)\b\s*:"
)
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d|\d{4}-\d\d-\d\d\b")
GROUPED_YEAR = re.compile(r"\b2\.0\d\d\b|\b1\.9\d\d\b")


def test_the_history_and_the_audit_page_read_like_a_person_wrote_them(hierarchy, make_user, thanh_hoa, login):
    call_command("load_demo", verbosity=0)
    approver = make_user(Role.APPROVER, thanh_hoa)
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    report = Conference.objects.filter(area__code="38", status="published").first()
    report = services.conference_reopen(actor=approver, conference=report, reason="Kiểm tra lại")
    services.conference_update(actor=clerk, conference=report, period_label="2014-2019", note="Ghi chú mới")
    figure = report.figures.first()
    services.indicator_value_update(actor=clerk, conference=report, figure=figure, value=figure.value + 1)

    client = login(approver)
    for url in (f"/staff/conferences/{report.pk}/", "/staff/audit/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        text = _history_text(html) if "conferences" in url else _text_of(html)
        assert not RAW.search(text), RAW.search(text)
        assert not ISO.search(text), ISO.search(text)
        assert not GROUPED_YEAR.search(text), GROUPED_YEAR.search(text)
        assert "Ghi chú mới" in text and "Kiểm tra lại" in text
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", text)  # local dd/mm/yyyy HH:MM
        assert "awards.awarddecision" not in text and "reports.conference" not in text
    history = _history_text(client.get(f"/staff/conferences/{report.pk}/").content.decode())
    assert "Ghi chú" in history and "Trạng thái" in history  # labels, not field names
    assert "Đã công bố → Bản nháp" in history or "Đã công bố" in history


def _text_of(html: str) -> str:
    start = html.find("<main")
    return re.sub(r"\s+", " ", strip_tags(html[start:]))


def test_coverage_of_the_annual_report_lists_every_commune_of_thanh_hoa(
    hierarchy, make_user, thanh_hoa, login, make_conference
):
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    commune = AU.objects.filter(parent=thanh_hoa, level="commune").order_by("path").first()
    import datetime

    make_conference(
        clerk,
        area=commune,
        programme="TDBVANTQ-annual",
        kind="annual_summary",
        title="Tổng kết phong trào năm 2024",
        held_on=datetime.date(2025, 8, 1),  # a 2025 commune reports on a date it exists (issue 14)
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
    )
    client = login(make_user(Role.VIEWER, thanh_hoa))
    url = f"/staff/coverage/?programme=TDBVANTQ-annual&period=2024&area={thanh_hoa.pk}"
    page = client.get(url)
    assert page.status_code == 200
    communes = AU.objects.filter(path__startswith=thanh_hoa.path, level="commune")
    html = page.content.decode()
    assert html.count('data-state="') - html.count("<li data-state") == communes.count()
    for unit in communes:
        assert unit.name in html
    text = _text(page)
    assert "Đang soạn hoặc bị trả lại: 1" in text and f"Chưa có báo cáo: {communes.count() - 1}" in text
    assert "31/01/2025" in text  # the deadline, as data
    rows = list(csv.reader(io.StringIO(client.get(url + "&format=csv").content.decode("utf-8-sig"))))
    assert len(rows) == communes.count() + 1 and rows[0][0] == "Đơn vị hành chính"
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    legacy = AU.objects.get(generation="legacy", level="province", code="38")
    old = client.get(f"/staff/coverage/?programme=TDBVANTQ-annual&period=2024&area={legacy.pk}")
    assert old.status_code == 200  # the other generation: its communes
    assert client.get(f"/staff/coverage/?area={AU.objects.get(generation='2025', code='01').pk}").status_code == 404


def test_the_country_coverage_is_for_national_admins(hierarchy, national_admin, make_user, thanh_hoa, login):
    page = login(national_admin).get("/staff/coverage/?programme=TDBVANTQ-annual&period=2024&area=all")
    assert page.status_code == 200
    assert (
        page.content.decode().count('<tr><th scope="row">')
        == AU.objects.filter(level="province", generation="2025").count()
    )


def test_vietnamese_sort_order():
    names = ["Đông Sơn", "Dương Hòa", "Bá Thước", "Ân Thi", "An Lão", "Yên Định", "Hoằng Hóa", "Hà Trung", "Hậu Lộc"]
    assert sort_vi(names) == [
        "An Lão",
        "Ân Thi",
        "Bá Thước",
        "Dương Hòa",
        "Đông Sơn",
        "Hà Trung",
        "Hậu Lộc",
        "Hoằng Hóa",
        "Yên Định",
    ]


def test_readable_history_of_other_records(hierarchy, thanh_hoa):
    from django.utils import translation

    from movement.models import AuditEvent
    from workday.history import object_type_label, readable, verb_label

    event = AuditEvent(
        action="update",
        verb="certification_assess",
        object_type="awards.safetycertification",
        object_id="1",
        before={"results": [], "area_id": None, "year": 2023, "reviewed_at": None},
        after={
            "results": [{"number": 1, "is_met": True}],
            "area_id": thanh_hoa.pk,
            "year": 2024,
            "reviewed_at": "2024-05-01T03:04:05+00:00",
        },
    )
    with translation.override("vi"):
        [lines] = readable([event])
        text = " ".join(f"{label}: {before} → {after}" for label, before, after in lines)
        assert "Tỉnh Thanh Hóa" in text and "2024" in text and "2.024" not in text
        assert "01/05/2024 10:04" in text  # local time (UTC+7)
        assert "_id" not in text and "results" not in text and "1 mục" in text
        assert "awards" not in object_type_label("awards.awarddecision")
        assert "_" not in verb_label("indicator_value_update")


def test_an_annulled_decision_stays_public_as_annulled_with_date_and_reason(hierarchy, client, api, make_user):
    from awards import services as award_services
    from awards.models import AwardDecision

    call_command("load_demo", verbosity=0)
    decision = AwardDecision.objects.filter(status="issued").first()
    approver = make_user(Role.NATIONAL_ADMIN, None)
    award_services.award_decision_annul(actor=approver, decision=decision, reason="Khen nhầm đối tượng")
    listed = _text(client.get("/awards/decisions/", HTTP_ACCEPT_LANGUAGE="vi"))
    assert decision.number in listed and "Đã hủy bỏ ngày" in listed and "Khen nhầm đối tượng" in listed
    detail = client.get(f"/awards/decisions/{decision.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert detail.status_code == 200 and "Khen nhầm đối tượng" in _text(detail)
    public = api().get(f"/api/v1/award-decisions/{decision.pk}/").json()
    assert public["status"] == "annulled"  # listed as annulled (the API's public fields are unchanged)


def test_deleting_a_report_being_corrected_stops_counting_it(hierarchy, make_user, thanh_hoa):
    from tests.reports.summary_data import figure, legacy, publish

    ct07 = Programme.objects.get(code="CT07-2014")
    province = publish(legacy("38"), figures=[figure("tips_provided", 100)])
    services.conference_reopen(actor=make_user(Role.APPROVER, thanh_hoa), conference=province, reason="Nhập trùng")
    assert programme_review_summary(actor=None, programme=ct07, period="2014-2019").figure("tips_provided")
    services.conference_delete(actor=make_user(Role.DATA_ENTRY, thanh_hoa), conference=province)
    assert programme_review_summary(actor=None, programme=ct07, period="2014-2019").figure("tips_provided") is None
    assert rollups.recompute(write=False) == []


def test_coverage_and_my_work_pages_use_a_bounded_number_of_queries(
    hierarchy, make_user, thanh_hoa, login, django_assert_max_num_queries
):
    client = login(make_user(Role.APPROVER, thanh_hoa))
    client.get("/staff/")
    with django_assert_max_num_queries(25):  # not one per province or commune (166 communes here)
        assert (
            client.get(f"/staff/coverage/?programme=TDBVANTQ-annual&period=2024&area={thanh_hoa.pk}").status_code == 200
        )
    with django_assert_max_num_queries(25):
        assert client.get("/staff/").status_code == 200
