"""The staff page: paste or upload → review the highlighted proposals → accept / correct / reject → confirm
creates a DRAFT conference with the figures and the text as its source document. Nothing is saved before."""

import io
import re
from decimal import Decimal

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from movement.models import AdministrativeUnit, AuditEvent, Role
from reports.forms import format_number
from reports.models import AwardTally, Conference, IndicatorValue, SourceDocument

pytestmark = pytest.mark.django_db
START = "/staff/extractions/"
CONFIRM = "/staff/extractions/confirm/"


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


def _value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return format_number(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, AdministrativeUnit):
        return f"{value.generation}:{value.code}"  # the area picker posts the generation and official code
    return str(value)


def confirm_data(response, *, figures=None, tallies=None, **conference) -> dict:
    """The review page's form as a person would send it back: everything as proposed, with `figures` /
    `tallies` {row index: {field: value}} changes and conference field overrides."""
    context = response.context
    review = context["review_form"]
    data = {name: _value(review.initial.get(name)) for name in review.fields}
    data["is_date_from_publication"] = ""
    if not data.get("programme"):  # no programme named in the text: the clerk picks the yearly one
        data["programme"] = "TDBVANTQ-annual"
    if not data.get("area"):  # no place named in the text: the clerk picks legacy Thanh Hóa
        data["area"] = "legacy:38"
    data.update({k: _value(v) for k, v in conference.items()})
    for prefix, formset, changes in (
        ("figures", context["figure_formset"], figures or {}),
        ("tallies", context["tally_formset"], tallies or {}),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(formset.forms)),
                f"{prefix}-INITIAL_FORMS": str(len(formset.forms)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, form in enumerate(formset.forms):
            row = {name: _value(form.initial.get(name)) for name in form.fields}
            row.update({k: _value(v) for k, v in changes.get(index, {}).items()})
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return {k: v for k, v in data.items() if v is not None}


def _nothing_saved():
    assert Conference.objects.count() == 0
    assert IndicatorValue.objects.count() == 0 and AwardTally.objects.count() == 0
    assert SourceDocument.objects.count() == 0


# -- access -------------------------------------------------------------------------------------------------------


def test_pages_need_a_sign_in(client, hierarchy):
    for url in (START, CONFIRM):
        response = client.get(url) if url == START else client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_users_who_may_not_enter_reports_are_refused(login, viewer):
    client = login(viewer)
    assert client.get(START).status_code == 403
    assert client.post(START, {"text": "Tổ chức 12 buổi tuyên truyền."}).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403


def test_menu_offers_the_page_to_clerks_only(login, clerk, make_user, thanh_hoa):
    html = login(clerk).get("/").content.decode()
    assert f'href="{START}"' in html
    other = make_user(Role.VIEWER, thanh_hoa)
    assert f'href="{START}"' not in login(other).get("/").content.decode()


# -- step 1 → step 2 ----------------------------------------------------------------------------------------------


def test_pasted_text_is_shown_with_the_proposals_marked_and_nothing_saved(login, clerk, samples):
    report, text = samples[0]
    client = login(clerk)
    assert client.get(START).status_code == 200
    response = client.post(START, {"text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark id="f1" class="mark-figure" title="buổi tuyên truyền">2.450 buổi tuyên truyền</mark>' in html
    assert '<mark id="t1" class="mark-tally">18 tập thể</mark>' in html
    assert "<script>" not in html and 'style="' not in html  # no inline script or style (CSP)
    assert len(response.context["figure_rows"]) >= len(report["figures"])
    assert len(response.context["tally_rows"]) == len(report["award_tallies"])
    review = response.context["review_form"]
    assert review.initial["programme"] == "CT07-2014" and review.initial["kind"] == "interim_review"
    assert review.initial["area"] is not None  # the legacy province of Thanh Hóa, named in the text
    assert str(review.initial["held_on"]) == "2019-09-12"
    assert "năm được suy ra" in html  # the inferred year is marked
    _nothing_saved()


def test_text_file_and_word_file_uploads(login, clerk):
    client = login(clerk)
    upload = SimpleUploadedFile("bao-cao.txt", "Tổ chức 12 buổi tuyên truyền.".encode(), content_type="text/plain")
    response = client.post(START, {"file": upload})
    assert response.status_code == 200
    assert [row[1]["indicator"] for row in response.context["figure_rows"]] == ["propaganda_sessions"]
    document = docx.Document()
    document.add_paragraph("Giao nộp 23 súng quân dụng.")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("bao-cao.docx", buffer.getvalue())
    response = client.post(START, {"file": upload})
    assert response.status_code == 200
    assert [row[1]["indicator"] for row in response.context["figure_rows"]] == ["military_guns_surrendered"]
    assert "bao-cao.docx" in response.content.decode()
    _nothing_saved()


def test_empty_text_and_wrong_files_are_refused_next_to_the_field(login, clerk):
    client = login(clerk)
    response = client.post(START, {"text": "  "})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4")
    response = client.post(START, {"file": upload})
    assert response.status_code == 400 and response.context["form"].errors["file"]
    upload = SimpleUploadedFile("latin.txt", "Thanh Hóa".encode("cp1258"))
    response = client.post(START, {"file": upload})
    assert response.status_code == 400 and "UTF-8" in str(response.context["form"].errors["file"])


# -- step 3 -------------------------------------------------------------------------------------------------------


def test_confirming_creates_a_draft_with_the_figures_tallies_and_source(login, clerk, samples):
    report, text = samples[0]
    client = login(clerk)
    review = client.post(START, {"text": text})
    _nothing_saved()
    response = client.post(CONFIRM, confirm_data(review))
    assert response.status_code == 302, response.context and response.context["review_form"].errors
    conference = Conference.objects.get()
    assert response["Location"] == f"/staff/conferences/{conference.pk}/"
    assert conference.status == Conference.Status.DRAFT
    assert conference.programme.code == "CT07-2014" and conference.kind == "interim_review"
    assert conference.area.name == "Tỉnh Thanh Hóa" and conference.area.generation == "legacy"
    assert str(conference.held_on) == "2019-09-12" and conference.period_label == "2014-2019"
    saved = {
        (f.indicator.code, f.breakdown or None, f.value, f.out_of, f.qualifier)
        for f in conference.figures.select_related("indicator")
    }
    expected = {
        (f["indicator"], f.get("breakdown"), Decimal(f["value"]), None, f["qualifier"]) for f in report["figures"]
    }
    assert saved == expected
    assert conference.figures.get(value=2450).source_excerpt == "2.450 buổi tuyên truyền"
    tallies = {(t.issuer.code, t.form.code, t.recipient_kind, t.count) for t in conference.tallies.all()}
    assert tallies == {(t["issuer"], t["form"], t["recipient_kind"], t["count"]) for t in report["award_tallies"]}
    document = conference.source_documents.get()
    assert document.full_text == text.replace("\r\n", "\n")
    event = AuditEvent.objects.get(verb="extraction_confirm")
    assert event.object_id == str(conference.pk) and event.after["accepted"] == 15 and event.after["rejected"] == 0


def test_rejected_rows_are_left_out_and_corrected_rows_keep_the_correction(login, clerk, samples):
    _report, text = samples[1]
    client = login(clerk)
    review = client.post(START, {"text": text})
    rows = [row[1] for row in review.context["figure_rows"]]
    assert [r["indicator"] for r in rows] == ["units_with_security_force", "units_registered_for_safety_certification"]
    data = confirm_data(
        review,
        figures={0: {"decision": "reject"}, 1: {"decision": "correct", "value": "18", "breakdown": "agency"}},
        # a district's report: the clerk's scope covers legacy Thanh Hóa only, so record it there
        area="legacy:38",
    )
    response = client.post(CONFIRM, data)
    assert response.status_code == 302
    (figure,) = Conference.objects.get().figures.all()
    assert (figure.indicator.code, figure.breakdown, figure.value, figure.out_of) == (
        "units_registered_for_safety_certification",
        "agency",
        Decimal(18),
        Decimal(36),
    )
    assert AuditEvent.objects.get(verb="extraction_confirm").after == {
        "figures": 1,
        "tallies": 1,
        "accepted": 1,
        "corrected": 1,
        "rejected": 1,
    }


def test_a_changed_row_left_on_accept_is_an_error_and_nothing_is_saved(login, clerk):
    client = login(clerk)
    review = client.post(START, {"text": "Sáng 11-9-2019, hội nghị sơ kết ghi nhận 3.071 buổi tuyên truyền."})
    response = client.post(CONFIRM, confirm_data(review, figures={0: {"value": "3072"}}))
    assert response.status_code == 400
    assert "Correct" in response.content.decode() or "Sửa" in response.content.decode()
    assert response.context["figure_formset"].forms[0].errors["decision"]
    _nothing_saved()


def test_unrecognised_numbers_can_be_corrected_into_figures(login, clerk):
    client = login(clerk)
    text = "Sáng 11-9-2019, hội nghị sơ kết ghi nhận 250 tờ rơi đã được phát."
    review = client.post(START, {"text": text, "reference_date": "2019-12-31"})
    (row,) = review.context["figure_rows"]
    assert row[1]["kind"] == "unclassified" and row[0].initial["decision"] == "reject"
    accept = client.post(CONFIRM, confirm_data(review, figures={0: {"decision": "accept"}}))
    assert accept.status_code == 400
    _nothing_saved()
    correct = confirm_data(review, figures={0: {"decision": "correct", "indicator": "banners_and_slogans"}})
    assert client.post(CONFIRM, correct).status_code == 302
    assert Conference.objects.get().figures.get().value == 250


def test_incomplete_tallies_must_be_corrected_or_rejected(login, clerk):
    client = login(clerk)
    review = client.post(START, {"text": "Sáng 11-9-2019, hội nghị sơ kết đã biểu dương 20 tập thể."})
    (row,) = review.context["tally_rows"]
    assert row[1]["issuer"] is None and row[0].initial["decision"] == "correct"
    response = client.post(CONFIRM, confirm_data(review))
    assert response.status_code == 400 and response.context["tally_formset"].forms[0].errors["issuer"]
    _nothing_saved()
    data = confirm_data(review, tallies={0: {"issuer": "provincial_police_director", "form": "letter_of_commendation"}})
    assert client.post(CONFIRM, data).status_code == 302
    tally = Conference.objects.get().tallies.get()
    assert (tally.issuer.code, tally.form.code, tally.count) == (
        "provincial_police_director",
        "letter_of_commendation",
        20,
    )


def test_service_errors_come_back_next_to_the_rows(login, clerk):
    # two figures for the same indicator and breakdown: the reports service refuses the second one
    client = login(clerk)
    review = client.post(
        START, {"text": "Sáng 11-9-2019, hội nghị sơ kết: 12 buổi tuyên truyền; 15 buổi tuyên truyền."}
    )
    response = client.post(CONFIRM, confirm_data(review))
    assert response.status_code == 400
    forms = response.context["figure_formset"].forms
    assert not forms[0].errors and forms[1].errors
    _nothing_saved()


def test_a_changed_or_expired_token_saves_nothing(login, clerk, samples):
    client = login(clerk)
    review = client.post(START, {"text": samples[0][1]})
    data = confirm_data(review)
    data["token"] = re.sub(r".$", "x", data["token"])
    response = client.post(CONFIRM, data, follow=True)
    assert response.redirect_chain[-1][0] == START
    _nothing_saved()


def test_an_area_outside_the_users_scope_is_refused(login, clerk, ha_noi, samples):
    client = login(clerk)
    review = client.post(START, {"text": samples[0][1]})
    response = client.post(CONFIRM, confirm_data(review, area=ha_noi))
    assert response.status_code == 400 and response.context["review_form"].errors["area"]
    _nothing_saved()


def test_nothing_is_chosen_for_the_person_when_the_text_does_not_say(login, clerk):
    review = login(clerk).post(START, {"text": "Tổ chức 12 buổi tuyên truyền."})
    initial = review.context["review_form"].initial
    assert (initial["programme"], initial["kind"], initial["area"], initial["held_on"]) == (None, "", None, None)


def test_the_area_is_suggested_from_who_held_the_conference_not_from_other_places(login, clerk, samples):
    # the annual report names communes where models are (one of them, Quảng Văn, exists in Thanh Hóa) but never
    # names its own province: nothing is suggested rather than a wrong commune
    review = login(clerk).post(START, {"text": samples[2][1]})
    assert review.context["review_form"].initial["area"] is None


def test_a_text_with_too_many_proposals_is_asked_to_be_split(login, clerk):
    text = " ".join(f"Xã {i} đã tổ chức {i + 1} buổi tuyên truyền." for i in range(120))
    response = login(clerk).post(START, {"text": text})
    assert response.status_code == 400 and "100" in str(response.context["form"].errors["text"])
    _nothing_saved()


def test_programme_kind_period_and_area_read_from_the_text_are_proposed(login, clerk):
    """Issue 18: a review named without "hội nghị", in a title that names the directive before the date."""
    text = (
        "Công an tỉnh Thanh Hóa sơ kết 5 năm thực hiện Chỉ thị 07\n"
        "Ngày 12/5/2019, tại hội trường Công an tỉnh Thanh Hóa, Ban Chỉ đạo đã sơ kết 5 năm thực hiện Chỉ thị "
        "số 07. Toàn tỉnh đã xây dựng mới 125 mô hình tự quản; khoảng 85% hộ gia đình đã ký cam kết."
    )
    review = login(clerk).post(START, {"text": text})
    initial = review.context["review_form"].initial
    assert (initial["programme"], initial["kind"], str(initial["held_on"])) == (
        "CT07-2014",
        "interim_review",
        "2019-05-12",
    )
    assert (str(initial["period_start"]), str(initial["period_end"]), initial["period_label"]) == (
        "2014-08-15",
        "2019-08-15",
        "2014-2019",
    )
    area = initial["area"]
    assert (area.level, area.generation) == ("province", "legacy") and "Thanh Hóa" in area.name
    page = review.content.decode()
    assert "Địa bàn tìm thấy" in page and "“sơ kết”" in page
    response = login(clerk).post(CONFIRM, confirm_data(review))
    assert response.status_code == 302, response.context and response.context["review_form"].errors
    conference = Conference.objects.get()
    assert {(f.indicator.code, f.value) for f in conference.figures.all()} == {
        ("new_self_management_models", 125),
        ("households_pledged_rate", 85),
    }


def test_a_text_of_199000_digits_is_refused_with_a_reason_not_a_server_error(login, clerk):
    """Issue 12: Python's limit on the digits of an int made this a 500 on the staff page too."""
    response = login(clerk).post(START, {"text": "9" * 199_000})
    assert response.status_code == 400
    assert "199.000" in str(response.context["form"].errors["text"])
    _nothing_saved()
