"""Bad input found by fuzzing the API answers 4xx in JSON, never 500 (regression tests of the fuzz
findings; tests/fuzz/ keeps looking for new ones)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/admin-units/?parent=99999999999999999999999",
        "/api/v1/admin-units/{legacy}/children/?parent=99999999999999999999999",
        "/api/v1/units/?area=99999999999999999999999",
        "/api/v1/award-decisions/?conference=99999999999999999999999",
    ],
)
def test_numbers_too_large_for_the_database_are_not_a_server_error(trust_world, path):
    """SQLite cannot bind them (400 "out of range"); PostgreSQL compares them and finds nothing (an empty
    list, or 404 for a detail whose lookup the filter also narrows)."""
    path = path.format(legacy=trust_world.sides["in"].legacy.pk)
    response = _api(trust_world.users["national_admin"]).get(path)
    assert response.status_code in (200, 400, 404), response.content
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 200:
        assert response.json()["count"] == 0


@pytest.mark.parametrize("year", ["0", "-5", "10000", "2019.5"])
def test_award_decision_year_filter_out_of_range_is_a_400(trust_world, year):
    response = _api(trust_world.users["viewer"]).get("/api/v1/award-decisions/", {"year": year})
    assert response.status_code == 400
    assert "year" in response.json()


def test_bulk_recognition_with_an_id_too_large_is_a_400_and_recognises_nothing(trust_world):
    side = trust_world.sides["in"]
    response = _api(trust_world.users["police_reviewer"]).post(
        "/api/v1/recognition-decisions/recognise/",
        {
            "number": "1/QĐ",
            "signed_on": "2021-02-01",
            "issuer": "UBND xã",
            "certifications": [side["certification_approved"].pk, 10**30],
        },
        format="json",
    )
    assert response.status_code == 400
    side["certification_approved"].refresh_from_db()
    assert side["certification_approved"].status == "approved"


def test_an_unknown_api_url_answers_json_404(trust_world):
    response = _api().get("/api/v1/award-decisions/1/recipients/-3/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _api().get("/no-such-page/").status_code == 404  # pages keep the HTML page


def test_validation_errors_on_a_field_named_code_fit_the_documented_error_body(trust_world):
    response = _api().get("/api/v1/admin-units/", {"code": "\x00"})
    assert response.status_code == 400
    assert isinstance(response.json()["code"], list)  # the field's messages (the Error schema allows both)


def test_http_basic_credentials_with_a_nul_character_are_refused(trust_world):
    """The lockout lookup would send the NUL to the database (PostgreSQL refuses it: a 500, found by fuzzing)."""
    client = APIClient()
    token = __import__("base64").b64encode(b"nhap\x00lieu:secret").decode()
    response = client.delete(
        f"/api/v1/conferences/{trust_world.sides['in']['conference_draft'].pk}/", HTTP_AUTHORIZATION=f"Basic {token}"
    )
    assert response.status_code == 403  # refused credentials (SessionAuthentication comes first: 403, not 401)
