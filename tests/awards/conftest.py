"""Fixtures of the awards tests: Thanh Hóa (legacy, recorded as before 2025) users and units, an outsider
in Hà Nội, and helpers that walk a certification through its workflow."""

import datetime

import pytest

from awards import services
from awards.models import SafetyCertification
from movement.models import AdministrativeUnit as AU
from movement.models import Role, RoleAssignment, Unit
from movement.text import fold
from reports.models import AwardForm, IssuingAuthority


@pytest.fixture
def legacy_thanh_hoa(hierarchy):
    return AU.objects.get(generation="legacy", level="province", code="38")


@pytest.fixture
def th_commune(legacy_thanh_hoa):
    """A legacy commune of Thanh Hóa (path L38/…)."""
    return AU.objects.filter(path__startswith="L38/", level="commune").order_by("path").first()


@pytest.fixture
def th_commune2(legacy_thanh_hoa):
    return AU.objects.filter(path__startswith="L38/", level="commune").order_by("path")[1]


@pytest.fixture
def hn_commune(hierarchy):
    return AU.objects.filter(path__startswith="L01/", level="commune").order_by("path").first()


def make_unit(area, name, kind=Unit.Kind.AGENCY, **extra) -> Unit:
    unit = Unit(area=area, name=name, kind=kind, search_name=fold(name), **extra)
    unit.full_clean()
    unit.save()
    return unit


@pytest.fixture
def school(th_commune):
    return make_unit(
        th_commune, "Trường THPT Hàm Rồng", Unit.Kind.SCHOOL, school_level=Unit.SchoolLevel.UPPER_SECONDARY
    )


@pytest.fixture
def agency(th_commune):
    return make_unit(th_commune, "Sở Tư pháp tỉnh Thanh Hóa", Unit.Kind.AGENCY)


@pytest.fixture
def hn_agency(hn_commune):
    return make_unit(hn_commune, "Sở Tư pháp Hà Nội", Unit.Kind.AGENCY)


@pytest.fixture
def clerk(make_user, thanh_hoa):
    """data_entry on 2025 Thanh Hóa (covers legacy Thanh Hóa through the succession)."""
    return make_user(Role.DATA_ENTRY, thanh_hoa, username="nhaplieu_th")


@pytest.fixture
def reviewer(make_user, thanh_hoa):
    return make_user(Role.POLICE_REVIEWER, thanh_hoa, username="congan_th")


@pytest.fixture
def reviewer2(make_user, thanh_hoa):
    return make_user(Role.POLICE_REVIEWER, thanh_hoa, username="congan_th_2")


@pytest.fixture
def outsider_reviewer(make_user, ha_noi):
    return make_user(Role.POLICE_REVIEWER, ha_noi, username="congan_hn")


@pytest.fixture
def clerk_reviewer(make_user, thanh_hoa):
    """Holds both roles: may submit and may review, but never review their own submission."""
    user = make_user(Role.DATA_ENTRY, thanh_hoa, username="hai_vai")
    RoleAssignment.objects.create(user=user, role=Role.POLICE_REVIEWER, area=thanh_hoa)
    return user


@pytest.fixture
def approver(make_user, thanh_hoa):
    return make_user(Role.APPROVER, thanh_hoa, username="pheduyet_th")


@pytest.fixture
def outsider_approver(make_user, ha_noi):
    return make_user(Role.APPROVER, ha_noi, username="pheduyet_hn")


def full_results(certification, *, met=True):
    return [
        {"number": c.number, "is_met": met, "evidence_note": f"Biên bản số {c.number}"}
        for c in certification.criteria_set.criteria.all()
    ]


@pytest.fixture
def walk():
    """walk(cert, to=status, submitter=…, reviewer=…) moves a certification along its workflow."""

    def _walk(certification, *, to, submitter, reviewer=None, decision_on=datetime.date(2021, 1, 15)):
        order = ["submitted", "approved", "recognised"]
        certification = services.certification_submit(
            actor=submitter, certification=certification, results=full_results(certification)
        )
        if to == "submitted":
            return certification
        certification = services.certification_approve(actor=reviewer, certification=certification)
        if order.index(to) == 1:
            return certification
        services.recognition_decision_create(
            actor=reviewer,
            number="12/QĐ-UBND",
            signed_on=decision_on,
            issuer="Chủ tịch UBND xã",
            certifications=[certification],
        )
        return SafetyCertification.objects.get(pk=certification.pk)

    return _walk


@pytest.fixture
def certificate_of_merit(db):
    return AwardForm.objects.get(code="certificate_of_merit")


@pytest.fixture
def letter_of_commendation(db):
    return AwardForm.objects.get(code="letter_of_commendation")


@pytest.fixture
def provincial_chair(db):
    return IssuingAuthority.objects.get(code="provincial_chair")


@pytest.fixture
def district_chair(db):
    return IssuingAuthority.objects.get(code="district_chair")
