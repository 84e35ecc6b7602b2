"""POST /api/v1/extractions/: proposals as JSON for users who may enter conference reports."""

import pytest

from extraction.services import MAX_TEXT_CHARS
from reports.models import Conference

pytestmark = pytest.mark.django_db
URL = "/api/v1/extractions/"


def test_anonymous_users_are_refused(api, hierarchy):
    response = api().post(URL, {"text": "Tổ chức 12 buổi tuyên truyền."}, format="json")
    assert response.status_code in (401, 403)


def test_users_without_the_right_to_enter_reports_are_refused(api, viewer):
    response = api(viewer).post(URL, {"text": "Tổ chức 12 buổi tuyên truyền."}, format="json")
    assert response.status_code == 403


def test_clerk_gets_figures_tallies_and_conference_facts(api, clerk, samples, django_assert_max_num_queries):
    report, text = samples[0]
    with django_assert_max_num_queries(14):
        response = api(clerk).post(URL, {"text": text}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"figures", "tallies", "conference", "notes", "unclassified"}
    first = body["figures"][0]
    assert first == {
        "indicator": "propaganda_sessions",
        "breakdown": None,
        "value": 2450,
        "out_of": None,
        "qualifier": "exact",
        "span": {
            "start": text.index("2.450 buổi"),
            "end": text.index("2.450 buổi") + 23,
            "text": "2.450 buổi tuyên truyền",
        },
        "phrase": "buổi tuyên truyền",
        "evidence": [],
        "period_label": "",
        "notes": [],
        "unit": "",
        "base": None,
    }
    assert len(body["figures"]) == len(report["figures"])
    assert {t["form"] for t in body["tallies"]} == {"certificate_of_merit", "letter_of_commendation"}
    conference = body["conference"]
    assert conference["held_on"] == "2019-09-12" and conference["held_on_inferred"] is True
    assert conference["kind"] == "interim_review" and conference["programme"] == "CT07-2014"
    assert conference["period"]["label"] == "2014-2019"
    assert Conference.objects.count() == 0  # nothing is saved


def test_reference_date_caps_the_inferred_year(api, clerk):
    text = "Sáng 20-12, hội nghị tổng kết năm 2023 được tổ chức."
    body = api(clerk).post(URL, {"text": text, "reference_date": "2023-06-01"}, format="json").json()
    assert body["conference"]["held_on"] == "2022-12-20"


def test_hang_nghin_is_reported_as_not_a_figure(api, clerk):
    body = api(clerk).post(URL, {"text": "Đã tổ chức hàng nghìn buổi tuyên truyền."}, format="json").json()
    assert body["figures"] == [] and "hàng nghìn buổi tuyên truyền" in body["notes"][0]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_is_a_400_with_a_readable_message(api, clerk, text):
    response = api(clerk).post(URL, {"text": text}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()


def test_missing_text_is_a_400(api, clerk):
    assert api(clerk).post(URL, {}, format="json").status_code == 400


def test_oversized_text_is_a_400_with_the_limit(api, clerk):
    response = api(clerk).post(URL, {"text": "a" * (MAX_TEXT_CHARS + 1)}, format="json")
    assert response.status_code == 400
    assert "200.000" in response.json()["detail"]


def test_errors_speak_english_when_asked(api, clerk):
    client = api(clerk)
    response = client.post(URL, {"text": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "Paste the text of the report" in response.json()["detail"]


def test_a_text_of_199000_digits_is_a_readable_400_not_a_server_error(api, clerk):
    """Issue 12: Python's limit on the digits of an int made this a 500; such a run is no report's text."""
    response = api(clerk).post(URL, {"text": "9" * 199_000}, format="json")
    assert response.status_code == 400, response.content
    assert "199.000" in str(response.json())
    # a long but plausible number (a tax code, a phone number) is read as text, not refused
    assert api(clerk).post(URL, {"text": "Mã số thuế 0101234567890."}, format="json").status_code == 200
