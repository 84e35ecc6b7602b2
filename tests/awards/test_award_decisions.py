"""Award decisions: who may issue which form when, immutability once issued, recipients, public reads."""

import datetime

import pytest

from awards import services
from awards.models import AwardDecision, AwardRecipient
from movement.errors import ApplicationError, ConflictError, PermissionDeniedError
from movement.models import AdministrativeUnit as AU
from movement.models import AuditEvent

URL = "/api/v1/award-decisions/"


def if_match(record) -> dict:
    record.refresh_from_db()
    return {"HTTP_IF_MATCH": f'"v{record.version}"'}


@pytest.fixture
def th_district(legacy_thanh_hoa):
    return AU.objects.filter(parent=legacy_thanh_hoa, level="district").order_by("code").first()


@pytest.fixture
def draft(clerk, legacy_thanh_hoa, provincial_chair, certificate_of_merit, agency):
    return services.award_decision_create(
        actor=clerk,
        area=legacy_thanh_hoa,
        number="3210/QĐ-UBND",
        signed_on=datetime.date(2019, 9, 11),
        issuing_authority=provincial_chair,
        signer_name="Nguyễn Văn A",
        signer_title="Chủ tịch UBND tỉnh",
        form=certificate_of_merit,
        achievement="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2014-2019",
        period_from=2014,
        period_to=2019,
        recipients=[
            {"kind": "collective", "name_as_printed": "Sở Tư pháp tỉnh Thanh Hóa", "unit": agency},
            {"kind": "individual", "name_as_printed": "Ông Lê Văn B", "title_as_printed": "Trưởng thôn"},
        ],
    )


def test_district_issuer_after_30_june_2025_is_refused_with_a_readable_message(
    clerk, th_district, district_chair, letter_of_commendation
):
    with pytest.raises(ApplicationError) as error:
        services.award_decision_create(
            actor=clerk,
            area=th_district,
            number="15/QĐ-UBND",
            signed_on=datetime.date(2025, 7, 1),
            issuing_authority=district_chair,
            form=letter_of_commendation,
            achievement="Thành tích xuất sắc",
        )
    assert "issuing_authority" in error.value.field_errors
    assert "30 June 2025" in str(error.value) or "30/6/2025" in str(error.value)
    assert not AwardDecision.objects.exists()


def test_district_issuer_before_july_2025_is_fine(clerk, th_district, district_chair, letter_of_commendation):
    decision = services.award_decision_create(
        actor=clerk,
        area=th_district,
        number="15/QĐ-UBND",
        signed_on=datetime.date(2025, 6, 30),
        issuing_authority=district_chair,
        form=letter_of_commendation,
        achievement="Thành tích xuất sắc",
    )
    assert decision.status == "draft"


def test_district_issuer_refusal_through_the_api_in_vietnamese(api, clerk, th_district):
    response = api(clerk).post(
        URL,
        {
            "number": "15/QĐ-UBND",
            "signed_on": "2025-07-01",
            "issuing_authority": "district_chair",
            "form": "letter_of_commendation",
            "achievement": "Thành tích xuất sắc",
            "area": th_district.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "không còn thẩm quyền khen thưởng từ ngày 1/7/2025" in body["detail"]
    assert "issuing_authority" in body


def test_authority_must_be_allowed_the_form(clerk, legacy_thanh_hoa, provincial_chair, letter_of_commendation):
    with pytest.raises(ApplicationError) as error:
        services.award_decision_create(
            actor=clerk,
            area=legacy_thanh_hoa,
            number="1/QĐ",
            signed_on=datetime.date(2019, 1, 1),
            issuing_authority=provincial_chair,
            form=letter_of_commendation,
            achievement="X",
        )
    assert "form" in error.value.field_errors


def test_area_must_match_the_authority_level_and_exist_at_the_date(
    clerk, th_commune, thanh_hoa, provincial_chair, certificate_of_merit
):
    with pytest.raises(ApplicationError) as error:
        services.award_decision_create(
            actor=clerk,
            area=th_commune,
            number="1/QĐ",
            signed_on=datetime.date(2019, 1, 1),
            issuing_authority=provincial_chair,
            form=certificate_of_merit,
            achievement="X",
        )
    assert "area" in error.value.field_errors
    with pytest.raises(ApplicationError) as error:
        services.award_decision_create(
            actor=clerk,
            area=thanh_hoa,  # the 2025 province did not exist in 2019
            number="1/QĐ",
            signed_on=datetime.date(2019, 1, 1),
            issuing_authority=provincial_chair,
            form=certificate_of_merit,
            achievement="X",
        )
    assert "area" in error.value.field_errors


def test_issue_then_annul_and_never_edit_in_place(draft, clerk, approver):
    with pytest.raises(PermissionDeniedError):
        services.award_decision_issue(actor=clerk, decision=draft)
    issued = services.award_decision_issue(actor=approver, decision=draft)
    assert issued.status == "issued" and issued.issued_by == approver
    with pytest.raises(ConflictError):
        services.award_decision_update(actor=approver, decision=issued, achievement="Sửa lại")
    with pytest.raises(ConflictError):
        services.award_recipient_add(actor=approver, decision=issued, kind="collective", name_as_printed="Thêm")
    with pytest.raises(ApplicationError):
        services.award_decision_annul(actor=approver, decision=issued, reason=" ")
    annulled = services.award_decision_annul(actor=approver, decision=issued, reason="Sai số quyết định")
    assert annulled.status == "annulled" and annulled.annulment_reason == "Sai số quyết định"
    assert AwardDecision.objects.get(pk=draft.pk).achievement.startswith("Đã có thành tích")
    verbs = list(
        AuditEvent.objects.filter(object_type="awards.awarddecision", object_id=str(draft.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["award_decision_create", "award_decision_issue", "award_decision_annul"]


def test_a_decision_without_recipients_cannot_be_issued(
    clerk, approver, legacy_thanh_hoa, provincial_chair, certificate_of_merit
):
    decision = services.award_decision_create(
        actor=clerk,
        area=legacy_thanh_hoa,
        number="2/QĐ",
        signed_on=datetime.date(2019, 1, 1),
        issuing_authority=provincial_chair,
        form=certificate_of_merit,
        achievement="X",
    )
    with pytest.raises(ApplicationError):
        services.award_decision_issue(actor=approver, decision=decision)


def test_recipients_have_no_personal_data_fields():
    names = {f.name for f in AwardRecipient._meta.get_fields()}
    assert names >= {"order", "kind", "name_as_printed", "title_as_printed", "unit", "area"}
    for forbidden in ("citizen_id", "id_number", "birth_date", "date_of_birth", "address", "home_address"):
        assert forbidden not in names


def test_api_draft_edit_with_if_match_then_issue(api, clerk, approver, draft):
    client = api(clerk)
    detail = client.get(f"{URL}{draft.pk}/")
    assert detail.status_code == 200 and detail["ETag"] == '"v1"'
    edited = client.patch(f"{URL}{draft.pk}/", {"signer_name": "Nguyễn Văn C"}, format="json", HTTP_IF_MATCH='"v1"')
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = client.patch(f"{URL}{draft.pk}/", {"signer_name": "D"}, format="json", HTTP_IF_MATCH='"v1"')
    assert stale.status_code == 412
    added = client.post(
        f"{URL}{draft.pk}/recipients/",
        {"kind": "collective", "name_as_printed": "Công an xã"},
        format="json",
        **if_match(draft),
    )
    assert added.status_code == 201 and added.json()["order"] == 3
    assert client.post(f"{URL}{draft.pk}/issue/", **if_match(draft)).status_code == 403
    issued = api(approver).post(f"{URL}{draft.pk}/issue/", **if_match(draft))
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    locked = client.patch(f"{URL}{draft.pk}/", {"signer_name": "E"}, format="json", **if_match(draft))
    assert locked.status_code == 409
    annul = api(approver).post(
        f"{URL}{draft.pk}/annul/", {"reason": "Nhầm hình thức"}, format="json", **if_match(draft)
    )
    assert annul.status_code == 200 and annul.json()["status"] == "annulled"


def test_out_of_scope_approver_gets_404_on_a_draft_and_403_on_an_issued_decision(
    api, approver, outsider_approver, draft
):
    assert api(outsider_approver).post(f"{URL}{draft.pk}/issue/", **if_match(draft)).status_code == 404
    services.award_decision_issue(actor=approver, decision=draft)
    response = api(outsider_approver).post(f"{URL}{draft.pk}/annul/", {"reason": "x"}, format="json", **if_match(draft))
    assert response.status_code == 403
    assert AwardDecision.objects.get(pk=draft.pk).status == "issued"


def test_anonymous_reads_issued_decisions_with_names_and_titles_only(api, approver, draft):
    assert api().get(f"{URL}{draft.pk}/").status_code == 404  # a draft is not public
    services.award_decision_issue(actor=approver, decision=draft)
    body = api().get(f"{URL}{draft.pk}/").json()
    assert body["recipients"] == [
        {"order": 1, "kind": "collective", "name_as_printed": "Sở Tư pháp tỉnh Thanh Hóa", "title_as_printed": ""},
        {"order": 2, "kind": "individual", "name_as_printed": "Ông Lê Văn B", "title_as_printed": "Trưởng thôn"},
    ]
    assert "version" not in body and "annulment_reason" not in body
    assert api().post(f"{URL}{draft.pk}/annul/", {"reason": "x"}, format="json", **if_match(draft)).status_code in (
        401,
        403,
    )


def test_list_query_count_is_bounded(
    api, clerk, draft, legacy_thanh_hoa, provincial_chair, certificate_of_merit, django_assert_max_num_queries
):
    for index in range(10):
        services.award_decision_create(
            actor=clerk,
            area=legacy_thanh_hoa,
            number=f"{index}/QĐ-UBND",
            signed_on=datetime.date(2019, 1, 1),
            issuing_authority=provincial_chair,
            form=certificate_of_merit,
            achievement="X",
            recipients=[{"kind": "collective", "name_as_printed": f"Tập thể {index}"}],
        )
    with django_assert_max_num_queries(6):
        response = api(clerk).get(URL, {"page_size": 50})
    assert response.json()["count"] == 11
    with django_assert_max_num_queries(4):
        api().get(URL)
    filtered = api(clerk).get(URL, {"q": "Tập thể 3"}).json()
    assert filtered["count"] == 1


def test_national_admin_sees_drafts_everywhere(api, national_admin, draft):
    """An empty scope Q() means "everywhere": OR-ed with the issued filter it must not shrink to issued only."""
    response = api(national_admin).get(f"{URL}{draft.pk}/")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert api(national_admin).get(URL, {"status": "draft"}).json()["count"] == 1
