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
def test_numbers_too_large_for_the_database_are_a_400(trust_world, path):
    path = path.format(legacy=trust_world.sides["in"].legacy.pk)
    response = _api(trust_world.users["national_admin"]).get(path)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")


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
