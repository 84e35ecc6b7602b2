"""Movement ratings: versioned schemes with score bands, self-score by data entry, approval by police."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.demo import rating_scheme_510
from awards.models import RatingScheme
from movement.errors import ApplicationError, ConflictError, PermissionDeniedError


@pytest.fixture
def scheme(db):
    return rating_scheme_510()


def test_bands_give_the_class_of_a_score(scheme):
    labels = {score: scheme.band_for(Decimal(score)).code for score in ("100", "90", "89.5", "70", "69.99", "50", "0")}
    assert labels == {
        "100": "excellent",
        "90": "excellent",
        "89.5": "good",
        "70": "good",
        "69.99": "average",
        "50": "average",
        "0": "weak",
    }


def test_self_score_then_approval_fixes_the_class(clerk, reviewer, th_commune, scheme):
    rating = services.rating_create(actor=clerk, commune=th_commune, year=2023, self_score=Decimal("91"))
    assert (rating.scheme, rating.band.code, rating.status) == (scheme, "excellent", "self_scored")
    with pytest.raises(PermissionDeniedError):
        services.rating_approve(actor=clerk, rating=rating)
    approved = services.rating_approve(actor=reviewer, rating=rating, score=Decimal("86"))
    assert (approved.score, approved.band.code, approved.status) == (Decimal("86"), "good", "approved")
    with pytest.raises(ConflictError):
        services.rating_approve(actor=reviewer, rating=rating)
    with pytest.raises(ConflictError):
        services.rating_update(actor=clerk, rating=rating, self_score=Decimal("99"))


def test_scores_outside_the_scale_and_years_outside_the_scheme_are_refused(clerk, th_commune, scheme):
    with pytest.raises(ValidationError) as error:
        services.rating_create(actor=clerk, commune=th_commune, year=2023, self_score=Decimal("101"))
    assert "100" in str(error.value.message_dict["self_score"])
    with pytest.raises(ApplicationError):
        services.rating_create(actor=clerk, commune=th_commune, year=2019, self_score=Decimal("80"))
    with pytest.raises(ValidationError):
        services.rating_create(actor=clerk, commune=th_commune, year=2019, self_score=Decimal("80"), scheme=scheme)


def test_one_rating_per_subject_year_and_scheme(clerk, agency, scheme):
    services.rating_create(actor=clerk, unit=agency, year=2023, self_score=Decimal("75"))
    with pytest.raises(ConflictError):
        services.rating_create(actor=clerk, unit=agency, year=2023, self_score=Decimal("80"))


def test_ratings_api_scope_and_approve(api, clerk, reviewer, outsider_reviewer, agency, scheme):
    created = api(clerk).post(
        "/api/v1/ratings/", {"unit": agency.pk, "year": 2023, "self_score": "72.5"}, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["band"] == {"code": "good", "label": "Khá"} and body["scheme"]["code"] == "qd510-2022"
    url = f"/api/v1/ratings/{body['id']}/"
    etag = {"HTTP_IF_MATCH": created["ETag"]}
    assert api(outsider_reviewer).post(f"{url}approve/", {}, format="json", **etag).status_code == 404
    assert api().post(f"{url}approve/", {}, format="json", **etag).status_code in (401, 403)
    assert api(clerk).post(f"{url}approve/", {}, format="json", **etag).status_code == 403
    approved = api(reviewer).post(f"{url}approve/", {"score": "95"}, format="json", HTTP_IF_MATCH=created["ETag"])
    assert approved.status_code == 200 and approved.json()["band"]["code"] == "excellent"
    assert api(reviewer).get("/api/v1/ratings/", {"band": "excellent"}).json()["count"] == 1


def test_rating_schemes_are_public_with_bands(api, scheme):
    body = api().get(f"/api/v1/rating-schemes/{scheme.code}/").json()
    assert [b["code"] for b in body["bands"]] == ["excellent", "good", "average", "weak"]
    assert body["is_summary"] is True and "510/QĐ-BCA-V05" in body["legal_basis"]
    assert RatingScheme.objects.count() == 1


def test_ratings_list_query_count_is_bounded(api, clerk, reviewer, th_commune, scheme, django_assert_max_num_queries):
    from tests.awards.conftest import make_unit

    for index in range(8):
        unit = make_unit(th_commune, f"Cơ quan {index}")
        services.rating_create(actor=clerk, unit=unit, year=2023, self_score=Decimal(60 + index))
    client = api(reviewer)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/ratings/")
    assert response.json()["count"] == 8
