"""When a user's areas hold too many units to list, the unit fields take the unit's name or tax code — never
the record's internal id (awards/forms.py UnitChoiceField)."""

import pytest

from awards import forms as award_forms
from awards.demo import rating_scheme_510
from awards.models import MovementRating
from tests.awards.conftest import make_unit

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
def many(monkeypatch):
    monkeypatch.setattr(award_forms, "SELECT_LIMIT", 0)  # any number of units counts as "too many"


def test_the_unit_is_typed_by_name_not_by_number(login, clerk, agency, hn_agency, many):
    rating_scheme_510()
    client = login(clerk)
    page = client.get("/staff/ratings/new/").content.decode()
    assert '<input type="text" name="unit"' in page
    assert "Quá nhiều đơn vị" in page
    outside = client.post("/staff/ratings/new/", {"unit": hn_agency.name, "year": 2023, "self_score": "80"})
    assert "unit" in outside.context["form"].errors  # a unit of another area is not found
    response = client.post("/staff/ratings/new/", {"unit": agency.name.lower(), "year": 2023, "self_score": "80"})
    assert response.status_code == 302
    assert MovementRating.objects.get().unit == agency


def test_several_matches_are_listed_to_tell_apart(login, clerk, th_commune, many):
    make_unit(th_commune, "Trường THCS Lê Lợi", kind="school", school_level="lower_secondary")
    make_unit(th_commune, "Trường THPT Lê Lợi", kind="school", school_level="upper_secondary")
    response = login(clerk).post("/staff/certifications/new/", {"unit": "le loi", "period": "2020-2021"})
    errors = " ".join(response.context["form"].errors["unit"])
    assert "Trường THCS Lê Lợi" in errors and "Trường THPT Lê Lợi" in errors
