"""Pages: the public list of issued decisions, the police queue (filters, side-by-side results, approve,
reject, bulk recognition), the award decision pages with the import flow, the ratings page."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import services
from awards.demo import rating_scheme_510
from awards.models import AwardDecision, SafetyCertification
from tests.awards.conftest import make_unit


@pytest.fixture
def login(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"

    def _login(user):
        # UserFactory sets the password without saving it; the session hash needs it stored.
        user.save(update_fields=["password"])
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture
def decision(clerk, legacy_thanh_hoa, provincial_chair, certificate_of_merit, agency):
    return services.award_decision_create(
        actor=clerk,
        area=legacy_thanh_hoa,
        number="3210/QĐ-UBND",
        signed_on=datetime.date(2019, 9, 11),
        issuing_authority=provincial_chair,
        form=certificate_of_merit,
        achievement="Đã có thành tích xuất sắc",
        period_from=2014,
        period_to=2019,
        recipients=[
            {"kind": "collective", "name_as_printed": "Sở Tư pháp tỉnh Thanh Hóa", "unit": agency},
            {"kind": "individual", "name_as_printed": "Ông Lê Văn B", "title_as_printed": "Trưởng thôn"},
        ],
    )


def test_public_list_shows_issued_decisions_only_with_names_and_titles(
    client, approver, decision, django_assert_max_num_queries
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    assert "3210/QĐ-UBND" not in client.get("/awards/decisions/").content.decode()
    services.award_decision_issue(actor=approver, decision=decision)
    with django_assert_max_num_queries(6):
        response = client.get("/awards/decisions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3210/QĐ-UBND" in html and "Ông Lê Văn B, Trưởng thôn" in html and "11/9/2019" in html
    detail = client.get(f"/awards/decisions/{decision.pk}/").content.decode()
    assert "2014–2019" in detail and "Trưởng thôn" in detail
    assert client.get("/awards/decisions/", {"year": 2018}).context["page"].paginator.count == 0


def test_public_detail_of_a_draft_is_404(client, decision):
    assert client.get(f"/awards/decisions/{decision.pk}/").status_code == 404


@pytest.fixture
def queue_data(clerk, reviewer, agency, school, th_commune, walk):
    submitted = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"), to="submitted", submitter=clerk
    )
    approved = walk(
        services.certification_register(actor=clerk, unit=school, period="2019-2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    registered = services.certification_register(actor=clerk, commune=th_commune, period="2020")
    return submitted, approved, registered


def test_queue_shows_submitted_ones_by_default_with_criteria_side_by_side(login, reviewer, queue_data):
    submitted, approved, registered = queue_data
    client = login(reviewer)
    with CaptureQueriesContext(connection):
        response = client.get("/staff/certifications/queue/")
    assert response.status_code == 200
    assert [row["certification"].pk for row in response.context["rows"]] == [submitted.pk]
    html = response.content.decode()
    assert html.count("aw-mark-met") == 4  # the four criteria of the TT 23/2012 agency set, all met
    everything = client.get("/staff/certifications/queue/", {"status": ""})
    assert len(everything.context["rows"]) == 3
    by_kind = client.get(
        "/staff/certifications/queue/", {"subject_kind": "school", "status": "", "period": "2019-2020"}
    )
    assert [row["certification"].pk for row in by_kind.context["rows"]] == [approved.pk]
    assert by_kind.context["rows"][0]["may_recognise"] is True


def test_queue_query_count_does_not_grow_with_rows(login, reviewer, clerk, th_commune, walk):
    client = login(reviewer)
    walk(
        services.certification_register(actor=clerk, commune=th_commune, period="2020"), to="submitted", submitter=clerk
    )
    client.get("/staff/certifications/queue/")  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one_row:
        client.get("/staff/certifications/queue/")
    for i in range(10):
        unit = make_unit(th_commune, f"Cơ quan {i}")
        walk(services.certification_register(actor=clerk, unit=unit, period="2020"), to="submitted", submitter=clerk)
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get("/staff/certifications/queue/")
    assert len(response.context["rows"]) == 11
    assert len(many_rows) == len(one_row) <= 20


def test_queue_of_an_outsider_is_empty(login, outsider_reviewer, queue_data):
    response = login(outsider_reviewer).get("/staff/certifications/queue/", {"status": ""})
    assert response.context["rows"] == []


def test_queue_needs_login(client, hierarchy):
    response = client.get("/staff/certifications/queue/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_approve_and_reject_from_the_review_page(login, reviewer, queue_data, clerk, agency):
    submitted, _approved, _registered = queue_data
    client = login(reviewer)
    page = client.get(f"/staff/certifications/{submitted.pk}/").content.decode()
    assert "Biên bản số 1" in page and f'action="/staff/certifications/{submitted.pk}/approve/"' in page
    response = client.post(f"/staff/certifications/{submitted.pk}/reject/", {"reason": ""})
    assert response.status_code == 302
    assert SafetyCertification.objects.get(pk=submitted.pk).status == "submitted"
    client.post(
        f"/staff/certifications/{submitted.pk}/reject/", {"reason": "Thiếu biên bản", "version": submitted.version}
    )
    rejected = SafetyCertification.objects.get(pk=submitted.pk)
    assert rejected.status == "rejected" and rejected.rejection_reason == "Thiếu biên bản"


def test_a_stale_second_approval_on_the_page_says_so(login, reviewer, reviewer2, queue_data):
    submitted, _a, _r = queue_data
    login(reviewer).post(f"/staff/certifications/{submitted.pk}/approve/", {"version": submitted.version})
    client = login(reviewer2)
    response = client.post(f"/staff/certifications/{submitted.pk}/approve/", {"note": ""}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("Tải lại trang" in m for m in messages)
    assert SafetyCertification.objects.get(pk=submitted.pk).reviewed_by == reviewer


def test_outsider_posting_a_transition_gets_404(login, outsider_reviewer, queue_data):
    submitted, _a, _r = queue_data
    assert login(outsider_reviewer).post(f"/staff/certifications/{submitted.pk}/approve/").status_code == 404


def test_own_submission_cannot_be_approved_on_the_page(login, clerk_reviewer, agency, walk):
    certification = walk(
        services.certification_register(actor=clerk_reviewer, unit=agency, period="2021"),
        to="submitted",
        submitter=clerk_reviewer,
    )
    client = login(clerk_reviewer)
    assert "tự gửi" in client.get(f"/staff/certifications/{certification.pk}/").content.decode()
    assert client.post(f"/staff/certifications/{certification.pk}/approve/").status_code == 403


def test_bulk_recognition_from_the_queue(login, reviewer, clerk, th_commune, walk):
    approved = [
        walk(
            services.certification_register(actor=clerk, unit=make_unit(th_commune, f"Cơ quan {i}"), period="2020"),
            to="approved",
            submitter=clerk,
            reviewer=reviewer,
        )
        for i in range(3)
    ]
    client = login(reviewer)
    response = client.post(
        "/staff/certifications/recognise/",
        {
            "certifications": [c.pk for c in approved[:2]],
            "number": "21/QĐ-UBND",
            "signed_on": "2021-01-20",
            "issuer": "Chủ tịch UBND xã",
            "next": "/staff/certifications/queue/?status=approved",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/staff/certifications/queue/?status=approved"
    statuses = dict(SafetyCertification.objects.filter(pk__in=[c.pk for c in approved]).values_list("pk", "status"))
    assert [statuses[c.pk] for c in approved] == ["recognised", "recognised", "approved"]


def test_register_and_self_assess_pages(login, clerk, agency):
    client = login(clerk)
    response = client.post("/staff/certifications/new/", {"unit": agency.pk, "period": "2023"})
    certification = SafetyCertification.objects.get(unit=agency)
    assert response["Location"] == f"/staff/certifications/{certification.pk}/assess/"
    form = client.get(response["Location"])
    assert form.status_code == 200 and "Quý I hằng năm" not in form.content.decode()  # agency set, not residential
    data = {"form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "5", "version": certification.version, "submit": "1"}
    for i in range(5):
        data[f"form-{i}-is_met"] = "yes"
        data[f"form-{i}-evidence_note"] = f"Hồ sơ {i + 1}"
    client.post(f"/staff/certifications/{certification.pk}/assess/", data)
    certification.refresh_from_db()
    assert certification.status == "submitted"
    assert list(certification.results.order_by("criterion__number").values_list("evidence_note", flat=True)) == [
        f"Hồ sơ {i}" for i in range(1, 6)
    ]


def test_register_page_refuses_a_kindergarten_next_to_the_field(login, clerk, th_commune):
    kindergarten = make_unit(th_commune, "Trường Mầm non X", "school", school_level="kindergarten")
    response = login(clerk).post("/staff/certifications/new/", {"unit": kindergarten.pk, "period": "2020"})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]


def test_award_pages_create_add_import_issue(login, clerk, approver, legacy_thanh_hoa, agency):
    client = login(clerk)
    response = client.post(
        "/staff/awards/new/",
        {
            "number": "77/QĐ-UBND",
            "signed_on": "2019-09-11",
            "issuing_authority": _pk("provincial_chair"),
            "form": _form_pk("certificate_of_merit"),
            "achievement": "Thành tích xuất sắc",
            "area": f"legacy:{legacy_thanh_hoa.code}",
        },
    )
    decision = AwardDecision.objects.get(number="77/QĐ-UBND")
    assert response["Location"] == f"/staff/awards/{decision.pk}/"
    client.post(f"/staff/awards/{decision.pk}/", {"kind": "collective", "name_as_printed": "Công an xã", "version": 1})
    assert decision.recipients.count() == 1
    upload = SimpleUploadedFile(
        "ds.csv", f"name,kind,title,unit\nĐội A,tập thể,,{agency.pk}\nÔng B,cá nhân,Trưởng thôn,\n".encode()
    )
    preview = client.post(f"/staff/awards/{decision.pk}/import/", {"file": upload})
    assert preview.status_code == 200 and preview.context["result"].is_valid
    assert decision.recipients.count() == 1
    confirm = client.post(f"/staff/awards/{decision.pk}/import/", {"confirm": "1"})
    assert confirm.status_code == 302
    assert list(decision.recipients.order_by("order").values_list("name_as_printed", flat=True)) == [
        "Công an xã",
        "Đội A",
        "Ông B",
    ]
    assert client.post(f"/staff/awards/{decision.pk}/issue/").status_code == 403
    login(approver).post(
        f"/staff/awards/{decision.pk}/issue/", {"version": AwardDecision.objects.get(pk=decision.pk).version}
    )
    assert AwardDecision.objects.get(pk=decision.pk).status == "issued"
    locked = login(clerk).get(f"/staff/awards/{decision.pk}/edit/")
    assert locked.status_code == 302


def test_import_page_shows_row_errors_and_offers_no_confirm(login, clerk, decision):
    upload = SimpleUploadedFile("ds.csv", "name,kind\nĐội A,tập thể\nĐội B,nhóm\n".encode())
    response = login(clerk).post(f"/staff/awards/{decision.pk}/import/", {"file": upload})
    html = response.content.decode()
    assert "Dòng 3" in html and 'name="confirm"' not in html
    assert decision.recipients.count() == 2


def test_award_page_refuses_a_district_issuer_after_june_2025_next_to_the_field(login, clerk, legacy_thanh_hoa):
    # The 2025 province: a legacy district no longer existed on 1/7/2025 (the area picker refuses it first).
    province = legacy_thanh_hoa.current_province
    response = login(clerk).post(
        "/staff/awards/new/",
        {
            "number": "5/QĐ-UBND",
            "signed_on": "2025-07-01",
            "issuing_authority": _pk("district_chair"),
            "form": _form_pk("letter_of_commendation"),
            "achievement": "X",
            "area": f"2025:{province.code}",
        },
    )
    assert response.status_code == 200
    assert "không còn thẩm quyền khen thưởng từ ngày 1/7/2025" in str(
        response.context["form"].errors["issuing_authority"]
    )


def test_ratings_page_and_approval(login, clerk, reviewer, agency):
    rating_scheme_510()
    client = login(clerk)
    client.post("/staff/ratings/new/", {"unit": agency.pk, "year": 2023, "self_score": "88"})
    rating = agency.__class__.objects.get(pk=agency.pk)  # the unit still exists
    page = login(reviewer).get("/staff/ratings/").content.decode()
    assert "Khá" in page and "88" in page
    from awards.models import MovementRating

    rating = MovementRating.objects.get(unit=agency)
    login(reviewer).post(f"/staff/ratings/{rating.pk}/approve/", {"score": "90", "version": rating.version})
    rating.refresh_from_db()
    assert rating.status == "approved" and rating.score == Decimal("90") and rating.band.code == "excellent"


def test_navigation_has_the_public_list_for_everyone(client, hierarchy):
    html = client.get("/").content.decode()
    assert 'href="/awards/decisions/"' in html and "/staff/certifications/queue/" not in html


def _pk(code):
    from reports.models import IssuingAuthority

    return IssuingAuthority.objects.get(code=code).pk


def _form_pk(code):
    from reports.models import AwardForm

    return AwardForm.objects.get(code=code).pk


def test_admin_lists_and_edits_criteria_and_shows_records_read_only(admin_client, clerk, agency):
    from awards.models import CriteriaSet

    services.certification_register(actor=clerk, unit=agency, period="2020")
    criteria_set = CriteriaSet.objects.get(code="tt124-2021-school")
    assert admin_client.get("/admin/awards/criteriaset/").status_code == 200
    page = admin_client.get(f"/admin/awards/criteriaset/{criteria_set.pk}/change/")
    assert page.status_code == 200 and "Thông tư 124/2021/TT-BCA" in page.content.decode()
    assert admin_client.get("/admin/awards/safetycertification/").status_code == 200
    assert admin_client.get("/admin/awards/safetycertification/add/").status_code == 403
    for model in ("awarddecision", "recognitiondecision", "movementrating", "ratingscheme"):
        assert admin_client.get(f"/admin/awards/{model}/").status_code == 200
