"""Certification services: registration rules, the criteria set in force, the workflow and its guards."""

import datetime

import pytest

from awards import services
from awards.models import CriteriaSet, SafetyCertification
from awards.periods import parse_period
from movement.errors import ApplicationError, ConflictError, PermissionDeniedError, PreconditionFailedError
from movement.models import AuditEvent, Unit
from tests.awards.conftest import full_results, make_unit


def test_periods_year_school_year_and_residential_year():
    assert parse_period("2020", subject_kind="agency").start == datetime.date(2020, 1, 1)
    school = parse_period("2019-2020", subject_kind="school")
    assert (school.kind, school.start, school.end, school.label, school.year) == (
        "school_year",
        datetime.date(2019, 9, 1),
        datetime.date(2020, 8, 31),
        "2019-2020",
        2020,
    )
    village = parse_period("2020", subject_kind="residential_area")
    assert (village.start, village.end, village.year) == (datetime.date(2019, 11, 1), datetime.date(2020, 10, 31), 2020)
    with pytest.raises(ApplicationError):
        parse_period("2019-2021", subject_kind="school")
    with pytest.raises(ApplicationError):
        parse_period("2019-2020", subject_kind="agency")
    with pytest.raises(ApplicationError):
        parse_period("năm ngoái", subject_kind="agency")


def test_seeded_criteria_sets_cover_both_texts_and_are_marked_as_summaries(db):
    codes = set(CriteriaSet.objects.values_list("code", flat=True))
    for kind in ("residential-area", "commune", "agency-enterprise", "school"):
        assert f"tt124-2021-{kind}" in codes and f"tt23-2012-{kind}" in codes
    tt124 = CriteriaSet.objects.get(code="tt124-2021-residential-area")
    assert tt124.valid_from == datetime.date(2022, 2, 10) and tt124.is_summary
    assert tt124.criteria.count() == 5 and all(c.is_summary for c in tt124.criteria.all())
    assert CriteriaSet.objects.get(code="tt23-2012-commune").valid_until == datetime.date(2022, 2, 9)


def test_register_picks_the_criteria_set_in_force_at_the_start_of_the_period(clerk, agency, school, th_commune):
    old = services.certification_register(actor=clerk, unit=agency, period="2021")
    assert old.criteria_set.code == "tt23-2012-agency-enterprise"
    new = services.certification_register(actor=clerk, unit=agency, period="2023")
    assert new.criteria_set.code == "tt124-2021-agency-enterprise"
    by_school_year = services.certification_register(actor=clerk, unit=school, period="2018-2019")
    assert by_school_year.criteria_set.code == "tt23-2012-school"
    assert by_school_year.results.count() == by_school_year.criteria_set.criteria.count()
    commune = services.certification_register(actor=clerk, commune=th_commune, period="2020")
    assert (commune.subject_kind, commune.area, commune.criteria_set.code) == (
        "commune",
        th_commune,
        "tt23-2012-commune",
    )


def test_hospital_uses_the_agency_criteria(clerk, th_commune):
    hospital = make_unit(th_commune, "Bệnh viện Đa khoa tỉnh", Unit.Kind.HOSPITAL)
    certification = services.certification_register(actor=clerk, unit=hospital, period="2019")
    assert certification.subject_kind == "hospital"
    assert certification.criteria_set.subject_kind == "agency_enterprise"


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        (Unit.Kind.ENTERPRISE, {"enterprise_size": Unit.EnterpriseSize.SMALL}),
        (Unit.Kind.ENTERPRISE, {"enterprise_size": Unit.EnterpriseSize.MICRO}),
        (Unit.Kind.SCHOOL, {"school_level": Unit.SchoolLevel.PRIMARY}),
        (Unit.Kind.SCHOOL, {"school_level": Unit.SchoolLevel.KINDERGARTEN}),
    ],
)
def test_subjects_outside_the_standard_cannot_register(clerk, th_commune, kind, extra):
    unit = make_unit(th_commune, "Đơn vị ngoài tiêu chuẩn", kind, **extra)
    with pytest.raises(ApplicationError) as error:
        services.certification_register(actor=clerk, unit=unit, period="2019")
    assert "unit" in error.value.field_errors
    assert not SafetyCertification.objects.exists()


def test_one_certification_per_subject_and_period(clerk, agency):
    services.certification_register(actor=clerk, unit=agency, period="2019")
    with pytest.raises(ConflictError):
        services.certification_register(actor=clerk, unit=agency, period="2019")
    services.certification_register(actor=clerk, unit=agency, period="2020")
    assert SafetyCertification.objects.filter(unit=agency).count() == 2


def test_a_legacy_commune_cannot_register_after_it_ended(clerk, th_commune):
    with pytest.raises(ApplicationError) as error:
        services.certification_register(actor=clerk, commune=th_commune, period="2026")
    assert "period" in error.value.field_errors


def test_register_outside_scope_is_refused(clerk, hn_agency):
    with pytest.raises(PermissionDeniedError):
        services.certification_register(actor=clerk, unit=hn_agency, period="2019")


def test_reviewer_cannot_register(reviewer, agency):
    with pytest.raises(PermissionDeniedError):
        services.certification_register(actor=reviewer, unit=agency, period="2019")


def test_submit_needs_a_result_and_an_evidence_note_for_every_criterion(clerk, agency):
    certification = services.certification_register(actor=clerk, unit=agency, period="2019")
    partial = full_results(certification)[:-1] + [{"number": 4, "is_met": True, "evidence_note": "  "}]
    services.certification_assess(actor=clerk, certification=certification, results=partial)
    with pytest.raises(ApplicationError) as error:
        services.certification_submit(actor=clerk, certification=certification)
    assert "4" in str(error.value)
    certification.refresh_from_db()
    assert certification.status == "registered"
    submitted = services.certification_submit(
        actor=clerk, certification=certification, results=full_results(certification)
    )
    assert submitted.status == "submitted" and submitted.submitted_by == clerk


def test_full_workflow_is_audited(clerk, reviewer, agency, walk):
    certification = services.certification_register(actor=clerk, unit=agency, period="2020")
    certification = walk(certification, to="recognised", submitter=clerk, reviewer=reviewer)
    assert certification.status == "recognised"
    assert certification.recognition_decision.number == "12/QĐ-UBND"
    certification = services.certification_revoke(
        actor=reviewer, certification=certification, reason="Xảy ra vụ án nghiêm trọng"
    )
    assert certification.status == "revoked" and certification.revocation_reason
    verbs = list(
        AuditEvent.objects.filter(object_type="awards.safetycertification", object_id=str(certification.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "certification_register",
        "certification_submit",
        "certification_approve",
        "certification_recognise",
        "certification_revoke",
    ]
    assert certification.version == 5


def test_reject_needs_a_reason_and_the_subject_may_resubmit(clerk, reviewer, agency, walk):
    certification = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"), to="submitted", submitter=clerk
    )
    with pytest.raises(ApplicationError) as error:
        services.certification_reject(actor=reviewer, certification=certification, reason="  ")
    assert "reason" in error.value.field_errors
    rejected = services.certification_reject(actor=reviewer, certification=certification, reason="Thiếu biên bản")
    assert rejected.status == "rejected" and rejected.rejection_reason == "Thiếu biên bản"
    again = services.certification_submit(actor=clerk, certification=rejected)
    assert again.status == "submitted" and again.rejection_reason == ""


def test_approval_needs_every_criterion_met(clerk, reviewer, agency):
    certification = services.certification_register(actor=clerk, unit=agency, period="2020")
    results = full_results(certification)
    results[2]["is_met"] = False
    certification = services.certification_submit(actor=clerk, certification=certification, results=results)
    with pytest.raises(ApplicationError) as error:
        services.certification_approve(actor=reviewer, certification=certification)
    assert "3" in str(error.value)


def test_reviewer_cannot_review_their_own_submission(clerk_reviewer, agency):
    certification = services.certification_register(actor=clerk_reviewer, unit=agency, period="2020")
    certification = services.certification_submit(
        actor=clerk_reviewer, certification=certification, results=full_results(certification)
    )
    with pytest.raises(PermissionDeniedError) as error:
        services.certification_approve(actor=clerk_reviewer, certification=certification)
    assert "tự gửi" in str(error.value) or "submitted yourself" in str(error.value)


def test_second_approval_after_the_first_is_a_conflict_and_changes_nothing(clerk, reviewer, reviewer2, agency, walk):
    certification = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"), to="submitted", submitter=clerk
    )
    stale = SafetyCertification.objects.get(pk=certification.pk)
    services.certification_approve(actor=reviewer, certification=certification)
    with pytest.raises(ConflictError) as error:
        services.certification_approve(actor=reviewer2, certification=stale)
    assert "Đã phê duyệt" in str(error.value) or "Approved" in str(error.value)
    certification.refresh_from_db()
    assert certification.reviewed_by == reviewer and certification.version == 3
    assert AuditEvent.objects.filter(verb="certification_approve", object_id=str(certification.pk)).count() == 1


def test_stale_expected_version_is_412(clerk, reviewer, agency, walk):
    certification = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"), to="submitted", submitter=clerk
    )
    with pytest.raises(PreconditionFailedError):
        services.certification_approve(actor=reviewer, certification=certification, expected_version=1)


def test_bulk_recognition_is_all_or_nothing(clerk, reviewer, agency, school, walk):
    approved = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    only_submitted = walk(
        services.certification_register(actor=clerk, unit=school, period="2019-2020"), to="submitted", submitter=clerk
    )
    with pytest.raises(ConflictError):
        services.recognition_decision_create(
            actor=reviewer,
            number="99/QĐ-UBND",
            signed_on=datetime.date(2021, 1, 10),
            issuer="Chủ tịch UBND huyện",
            certifications=[approved, only_submitted],
        )
    approved.refresh_from_db()
    assert approved.status == "approved"
    assert not services.RecognitionDecision.objects.filter(number="99/QĐ-UBND").exists()


def test_bulk_recognition_places_the_decision_at_the_common_area(clerk, reviewer, agency, school, walk, th_commune):
    first = walk(
        services.certification_register(actor=clerk, unit=agency, period="2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    second = walk(
        services.certification_register(actor=clerk, unit=school, period="2019-2020"),
        to="approved",
        submitter=clerk,
        reviewer=reviewer,
    )
    decision = services.recognition_decision_create(
        actor=reviewer,
        number="7/QĐ-UBND",
        signed_on=datetime.date(2021, 1, 10),
        issuer="Chủ tịch UBND xã",
        certifications=[first, second],
    )
    assert decision.area == th_commune
    assert set(decision.certifications.values_list("status", flat=True)) == {"recognised"}
