import datetime

import pytest

from movement.models import AdministrativeUnit as AU
from movement.models import Role
from reports import services


@pytest.fixture(autouse=True)
def _fresh_summary_cache():
    """The summary cache (local memory) outlives a test's database: start each test without answers
    cached by another one, whose data could share the same part versions."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def legacy_thanh_hoa(hierarchy):
    return AU.objects.get(generation="legacy", level="province", code="38")


@pytest.fixture
def clerk(make_user, thanh_hoa):
    """data_entry on 2025 Thanh Hóa (covers legacy Thanh Hóa)."""
    return make_user(Role.DATA_ENTRY, thanh_hoa, username="nhaplieu_test")


@pytest.fixture
def approver(make_user, thanh_hoa):
    return make_user(Role.APPROVER, thanh_hoa, username="pheduyet_test")


@pytest.fixture
def outsider_approver(make_user, ha_noi):
    return make_user(Role.APPROVER, ha_noi, username="pheduyet_hanoi")


@pytest.fixture
def outsider_clerk(make_user, ha_noi):
    return make_user(Role.DATA_ENTRY, ha_noi, username="nhaplieu_hanoi")


FIGURES = [
    {"indicator": "propaganda_sessions", "value": 3071, "qualifier": "exact", "source_excerpt": "3.071 buổi"},
    {"indicator": "tips_provided", "value": 10000, "qualifier": "more_than"},
    {"indicator": "safety_certified", "breakdown": "commune", "value": 113, "out_of": 128},
]
TALLIES = [
    {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "collective", "count": 26},
]


@pytest.fixture
def make_conference(legacy_thanh_hoa):
    def _make(actor, *, area=None, figures=None, tallies=None, **extra):
        data = {
            "programme": "CT07-2014",
            "kind": "interim_review",
            "title": "Sơ kết 5 năm Chỉ thị 07",
            "area": area or legacy_thanh_hoa,
            "held_on": datetime.date(2019, 9, 11),
            "period_start": datetime.date(2014, 8, 15),
            "period_end": datetime.date(2019, 8, 15),
            "period_label": "2014-2019",
            **extra,
        }
        return services.conference_create(
            actor=actor,
            figures=FIGURES if figures is None else figures,
            tallies=TALLIES if tallies is None else tallies,
            **data,
        )

    return _make


@pytest.fixture
def draft(make_conference, clerk):
    return make_conference(clerk)


@pytest.fixture
def submitted(draft, clerk):
    return services.conference_submit(actor=clerk, conference=draft)


@pytest.fixture
def approved(submitted, approver):
    return services.conference_approve(actor=approver, conference=submitted)
