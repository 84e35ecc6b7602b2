"""The synonym catalogue is data: seeded by a migration, extended in the admin, validated against the reports
catalogue, read in a bounded number of queries."""

import pytest
from django.core.exceptions import ValidationError

from extraction.catalogue import catalogue_from_db, default_catalogue
from extraction.engine import extract
from extraction.models import BreakdownSynonym, IndicatorSynonym, IssuerSynonym
from reports.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_the_same_catalogue_as_default_catalogue():
    from_db, seeded = catalogue_from_db(), default_catalogue()
    assert sorted(from_db.indicators, key=repr) == sorted(seeded.indicators, key=repr)
    assert sorted(from_db.breakdowns, key=repr) == sorted(seeded.breakdowns, key=repr)
    assert sorted(from_db.issuers, key=repr) == sorted(seeded.issuers, key=repr)
    assert {p.programme for p in from_db.programmes} == {"CT07-2014", "CT06-2025", "TDBVANTQ-annual"}


def test_every_seeded_code_exists_in_the_reports_catalogue():
    indicators = set(Indicator.objects.values_list("code", flat=True))
    assert set(IndicatorSynonym.objects.values_list("indicator_code", flat=True)) <= indicators
    assert {c for c in IndicatorSynonym.objects.values_list("after_indicator_code", flat=True) if c} <= indicators
    for synonym in IndicatorSynonym.objects.all()[:20]:
        synonym.full_clean()


def test_catalogue_is_read_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        catalogue_from_db()


def test_an_administrator_extends_the_catalogue_and_the_extractor_follows():
    text = "Đã phát 250 tờ rơi và 40 tờ gấp."
    assert extract(text, catalogue_from_db()).figures == []
    IndicatorSynonym.objects.create(indicator_code="banners_and_slogans", phrase="tờ rơi")
    result = extract(text, catalogue_from_db())
    assert [(f.indicator, f.value) for f in result.figures] == [("banners_and_slogans", 250)]
    IndicatorSynonym.objects.filter(phrase="tờ rơi").update(is_active=False)
    assert extract(text, catalogue_from_db()).figures == []


def test_unknown_codes_are_refused():
    synonym = IndicatorSynonym(indicator_code="no_such_indicator", phrase="tờ rơi")
    with pytest.raises(ValidationError) as error:
        synonym.full_clean()
    assert "indicator_code" in error.value.message_dict
    with pytest.raises(ValidationError):
        BreakdownSynonym(breakdown_code="no_such_breakdown", phrase="khối x").full_clean()
    with pytest.raises(ValidationError):
        IndicatorSynonym(indicator_code="news_items", phrase="   ").full_clean()


def test_issuer_synonyms_without_an_authority_mark_deputies():
    assert IssuerSynonym.objects.filter(issuer__isnull=True, phrase="phó chủ tịch ubnd tỉnh").exists()


def test_admin_lists_and_edits_synonyms(admin_client):
    for path in ("indicatorsynonym", "breakdownsynonym", "issuersynonym", "awardformsynonym", "programmesynonym"):
        assert admin_client.get(f"/admin/extraction/{path}/").status_code == 200
    response = admin_client.get("/admin/extraction/indicatorsynonym/add/")
    assert response.status_code == 200 and "tips_provided" in response.content.decode()
    response = admin_client.post(
        "/admin/extraction/indicatorsynonym/add/",
        {"phrase": "tờ rơi", "indicator_code": "banners_and_slogans", "position": "noun", "is_active": "on"},
    )
    assert response.status_code == 302
    assert IndicatorSynonym.objects.filter(phrase="tờ rơi", indicator_code="banners_and_slogans").exists()
