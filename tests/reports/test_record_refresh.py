"""Record counts kept as rows are asked again sparingly (issue 16, item 5): a unit edit asks only the
providers that count units (not every provider over 1990–2100), and each provider is asked once, not once
per language, while the stored labels stay in every language."""

import datetime

import pytest
from django.db import transaction

from movement import hooks
from reports import record_sources, rollups
from reports.summary_rows import RecordCountSummary
from tests.awards.conftest import full_results, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    asked = []
    wrapped = {}
    for name, provider in record_sources.providers().items():

        def spy(*, name=name, provider=provider, **kwargs):
            asked.append((name, kwargs["year_from"], kwargs["year_to"]))
            return provider(**kwargs)

        wrapped[name] = spy
    monkeypatch.setattr(record_sources, "_PROVIDERS", wrapped)
    return asked


def test_a_unit_edit_asks_only_the_unit_counts_once(hierarchy, make_user, thanh_hoa, calls):
    from awards import services
    from movement.models import Role

    commune = hierarchy.filter(generation="legacy", level="commune", path__startswith="L38/").first()
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    reviewer = make_user(Role.POLICE_REVIEWER, thanh_hoa)
    certification = services.certification_register(actor=clerk, unit=make_unit(commune, "Sở thử"), period="2020")
    certification = services.certification_submit(
        actor=clerk, certification=certification, results=full_results(certification)
    )
    certification = services.certification_approve(actor=reviewer, certification=certification)
    services.recognition_decision_create(
        actor=reviewer,
        number="5/QĐ",
        signed_on=datetime.date(2021, 1, 5),
        issuer="UBND xã",
        certifications=[certification],
    )
    rollups.recompute(write=True)
    calls.clear()
    with transaction.atomic():
        hooks.units_changed(areas=[commune])
    year = datetime.date.today().year
    assert calls == [("awards.eligible_units", year, year)]  # one provider, one year, one language

    calls.clear()
    with transaction.atomic():
        rollups.records_changed(source="awards.certifications", areas=[commune], years=[2020])
    assert calls == [("awards.certifications", 2020, 2020)]  # asked once, not once per language
    labels = RecordCountSummary.objects.get(
        source="awards.certifications", metric="safety_certified", province_path="L38/", year=2020
    ).labels
    assert labels == {"vi": "Cơ quan", "en": "Agency"}
    assert rollups.recompute(write=False) == []
