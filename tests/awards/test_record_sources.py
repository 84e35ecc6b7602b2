"""Record-based counts for the dashboards equal a hand count of a small fixture, in a bounded number of
queries."""

import datetime

import pytest
from django.core.management import call_command

from awards import services
from awards.models import AwardDecision, AwardRecipient, SafetyCertification
from awards.record_sources import award_counts, certification_counts, eligible_unit_counts
from movement.models import AdministrativeUnit as AU
from movement.models import Role, Unit
from reports import record_sources
from tests.awards.conftest import make_unit


def _as_table(counts):
    return {(c.metric, c.breakdown, c.province_path, c.year): (c.value, c.out_of) for c in counts}


@pytest.fixture
def qb(make_user, area):
    """Quảng Bình (legacy 44), in the 2025 Quảng Trị."""
    commune = AU.objects.filter(path__startswith="L44/", level="commune").order_by("path").first()
    clerk = make_user(Role.DATA_ENTRY, area("44"))
    reviewer = make_user(Role.POLICE_REVIEWER, area("44"))
    return commune, clerk, reviewer


@pytest.fixture
def fixture_records(
    clerk,
    reviewer,
    th_commune,
    th_commune2,
    qb,
    walk,
    legacy_thanh_hoa,
    provincial_chair,
    certificate_of_merit,
    approver,
):
    qb_commune, qb_clerk, qb_reviewer = qb
    # Thanh Hóa 2019: 3 agencies registered (1 recognised, 1 revoked, 1 submitted), 1 school recognised.
    a1, a2, a3 = (make_unit(th_commune, f"Cơ quan {i}") for i in range(3))
    school = make_unit(th_commune2, "Trường THPT X", "school", school_level="upper_secondary")
    walk(
        services.certification_register(actor=clerk, unit=a1, period="2019"),
        to="recognised",
        submitter=clerk,
        reviewer=reviewer,
    )
    revoked = walk(
        services.certification_register(actor=clerk, unit=a2, period="2019"),
        to="recognised",
        submitter=clerk,
        reviewer=reviewer,
    )
    services.certification_revoke(actor=reviewer, certification=revoked, reason="Vi phạm")
    walk(services.certification_register(actor=clerk, unit=a3, period="2019"), to="submitted", submitter=clerk)
    walk(
        services.certification_register(actor=clerk, unit=school, period="2018-2019"),
        to="recognised",
        submitter=clerk,
        reviewer=reviewer,
        decision_on=datetime.date(2019, 9, 20),
    )
    # Thanh Hóa 2020: the commune registered only.
    services.certification_register(actor=clerk, commune=th_commune, period="2020")
    # Quảng Bình 2019: one commune recognised, one residential area approved (not yet recognised).
    village = make_unit(qb_commune, "Thôn Một", "residential_area")
    walk(
        services.certification_register(actor=qb_clerk, commune=qb_commune, period="2019"),
        to="recognised",
        submitter=qb_clerk,
        reviewer=qb_reviewer,
        decision_on=datetime.date(2020, 1, 10),
    )
    walk(
        services.certification_register(actor=qb_clerk, unit=village, period="2019"),
        to="approved",
        submitter=qb_clerk,
        reviewer=qb_reviewer,
    )
    # Units outside the standard (not eligible) and an inactive one.
    make_unit(th_commune, "Mầm non Y", "school", school_level="kindergarten")
    make_unit(th_commune, "Công ty nhỏ", "enterprise", enterprise_size="small")
    make_unit(th_commune, "Cơ quan đã giải thể", is_active=False)

    def decision(number, recipients, *, issue=True, annul=False, signed_on=datetime.date(2019, 9, 11)):
        made = services.award_decision_create(
            actor=clerk,
            area=legacy_thanh_hoa,
            number=number,
            signed_on=signed_on,
            issuing_authority=provincial_chair,
            form=certificate_of_merit,
            achievement="Thành tích",
            recipients=[{"kind": kind, "name_as_printed": f"{number} {i}"} for i, kind in enumerate(recipients)],
        )
        if issue:
            services.award_decision_issue(actor=approver, decision=made)
        if annul:
            services.award_decision_annul(actor=approver, decision=made, reason="Nhầm")

    decision("1/QĐ", ["collective", "collective", "individual"])
    decision("2/QĐ", ["individual", "individual"])
    decision("3/QĐ", ["collective"], issue=False)  # draft: not counted
    decision("4/QĐ", ["collective"] * 4, annul=True)  # annulled: not counted
    decision("5/QĐ", ["collective"], signed_on=datetime.date(2020, 3, 1))


def test_certification_counts_equal_a_hand_count(fixture_records):
    table = _as_table(certification_counts(year_from=2019, year_to=2020))
    assert table == {
        ("safety_registered", "agency", "L38/", 2019): (3, None),
        ("safety_certified", "agency", "L38/", 2019): (1, 3),
        ("safety_registered", "school", "L38/", 2019): (1, None),
        ("safety_certified", "school", "L38/", 2019): (1, 1),
        ("safety_registered", "commune", "L38/", 2020): (1, None),
        ("safety_certified", "commune", "L38/", 2020): (0, 1),
        ("safety_registered", "commune", "L44/", 2019): (1, None),
        ("safety_certified", "commune", "L44/", 2019): (1, 1),
        ("safety_registered", "residential_area", "L44/", 2019): (1, None),
        ("safety_certified", "residential_area", "L44/", 2019): (0, 1),
    }
    only_qb = _as_table(certification_counts(year_from=2019, year_to=2019, path_prefix="L44/"))
    assert {key[2] for key in only_qb} == {"L44/"} and len(only_qb) == 4


def test_eligible_units_exclude_small_enterprises_kindergartens_and_inactive_units(fixture_records):
    table = _as_table(eligible_unit_counts(year_from=2019, year_to=2020, path_prefix="L38/"))
    assert table == {
        ("safety_eligible_units", "agency", "L38/", 2019): (3, None),
        ("safety_eligible_units", "agency", "L38/", 2020): (3, None),
        ("safety_eligible_units", "school", "L38/", 2019): (1, None),
        ("safety_eligible_units", "school", "L38/", 2020): (1, None),
    }
    assert Unit.objects.filter(area__path__startswith="L38/").count() == 7


def test_award_counts_count_recipients_of_issued_decisions_by_form_and_kind(fixture_records):
    table = _as_table(award_counts(year_from=2019, year_to=2020))
    assert table == {
        ("awards", "certificate_of_merit:collective", "L38/", 2019): (2, None),
        ("awards", "certificate_of_merit:individual", "L38/", 2019): (3, None),
        ("awards", "certificate_of_merit:collective", "L38/", 2020): (1, None),
    }
    hand = AwardRecipient.objects.filter(decision__status=AwardDecision.Status.ISSUED).count()
    assert sum(v for v, _ in table.values()) == hand == 6


def test_providers_are_registered_and_run_in_bounded_queries(fixture_records, django_assert_max_num_queries):
    providers = record_sources.providers()
    names = ("awards.certifications", "awards.eligible_units", "awards.decisions")
    assert set(names) <= set(providers)
    with django_assert_max_num_queries(4):
        counts = [c for name in names for c in providers[name](year_from=2010, year_to=2030)]
    assert {c.metric for c in counts} == {"safety_registered", "safety_certified", "safety_eligible_units", "awards"}
    assert SafetyCertification.objects.count() == 7


def test_demo_records_are_consistent_and_idempotent(hierarchy):
    call_command("load_demo", verbosity=0)
    counts = (SafetyCertification.objects.count(), AwardDecision.objects.count(), AwardRecipient.objects.count())
    call_command("load_demo", verbosity=0)
    assert (
        SafetyCertification.objects.count(),
        AwardDecision.objects.count(),
        AwardRecipient.objects.count(),
    ) == counts
    assert counts[0] >= 8 and counts[1] == 2
    assert not SafetyCertification.objects.filter(unit__name="Trường Mầm non Đông Vệ").exists()
    issued = AwardDecision.objects.get(number="DEMO-3210/QĐ-UBND")
    assert issued.status == "issued" and issued.area.path == "L38/"
    assert [r.unit.name for r in issued.recipients.order_by("order")] == [
        "Trường THPT Đào Duy Từ",
        "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
        "Công ty TNHH Lọc hóa dầu Nghi Sơn",
    ]
    for certification in SafetyCertification.objects.select_related("criteria_set"):
        certification.full_clean()
        assert certification.criteria_set.overlaps(certification.period_start, certification.period_end)
    table = _as_table(award_counts(year_from=2019, year_to=2019))
    assert table[("awards", "certificate_of_merit:collective", "L38/", 2019)] == (3, None)
