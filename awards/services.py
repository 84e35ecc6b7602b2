"""Writes: certifications (register, self-assess, submit, approve, reject, recognise, revoke), recognition
decisions, award decisions and their recipients (with import), movement ratings.

Keyword-only, actor first, atomic, capability-checked, `full_clean()` before saving, audited. Transitions
lock the row (select_for_update) and check the status after the lock: whoever comes second gets a
ConflictError (409) instead of overwriting the first one's decision."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from awards.models import (
    SUBJECT_TO_CRITERIA,
    AwardDecision,
    AwardRecipient,
    CertificationCriterionResult,
    CriteriaSet,
    MovementRating,
    RatingScheme,
    RecipientKind,
    RecognitionDecision,
    SafetyCertification,
    SubjectKind,
)
from awards.periods import parse_period
from movement import audit
from movement.access import Capability, has_capability, require_capability
from movement.errors import ApplicationError, ConflictError, PermissionDeniedError, PreconditionFailedError
from movement.lookups import as_id
from movement.models import AdministrativeUnit, Unit
from movement.text import fold
from notifications.services import notify
from reports.models import Conference, IssuingAuthority
from reports.services import summary_records_changed


class OwnSubmissionError(PermissionDeniedError):
    """A reviewer may not review (approve, reject, recognise, revoke) what they submitted themselves."""

    def __init__(self, message=None):
        ApplicationError.__init__(self, message or _("You cannot review a certification you submitted yourself."))
        self.capability = Capability.CERTIFICATIONS_REVIEW


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _check_version(instance, expected_version):
    if expected_version is not None and instance.version != expected_version:
        raise PreconditionFailedError(
            _("Someone else changed this record since you opened it (version %(now)s, yours %(yours)s).")
            % {"now": instance.version, "yours": expected_version}
        )


def _status_conflict(instance, expected: list[str]) -> ConflictError:
    labels = ", ".join(f"“{instance.Status(s).label}”" for s in expected)
    return ConflictError(
        _(
            "This record is now “%(now)s”, not %(expected)s: someone may have acted on it a moment ago. "
            "Reload the page to see its current state."
        )
        % {"now": instance.get_status_display(), "expected": labels}
    )


def _required_text(value: str, field_name: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field_errors={field_name: [message]})
    return value


# --- subjects ----------------------------------------------------------------------------------------


def _subject(*, unit: Unit | None, commune: AdministrativeUnit | None, for_certification: bool):
    """(subject_kind, area) of a unit or a commune-level area."""
    if bool(unit) == bool(commune):
        message = _("Give either a unit or a commune, not both.")
        raise ApplicationError(message, field_errors={"unit": [message]})
    if unit is not None:
        if for_certification and not unit.is_eligible_for_safety_standard:
            message = _(
                "Small and micro enterprises, primary schools and kindergartens are outside the standard: "
                "“%(name)s” cannot register."
            ) % {"name": unit.name}
            raise ApplicationError(message, field_errors={"unit": [message]})
        return unit.kind, unit.area
    if commune.level != AdministrativeUnit.Level.COMMUNE:
        message = _("The subject must be a commune-level administrative unit.")
        raise ApplicationError(message, field_errors={"commune": [message]})
    return SubjectKind.COMMUNE, commune


def _check_area_existed(area: AdministrativeUnit, start: datetime.date, end: datetime.date):
    if area.valid_until and start > area.valid_until:
        message = _("%(area)s no longer existed in that period (it ended on %(day)s).") % {
            "area": area.name,
            "day": _day(area.valid_until),
        }
        raise ApplicationError(message, field_errors={"period": [message]})
    if area.valid_from and end < area.valid_from:
        message = _("%(area)s did not exist yet in that period (it began on %(day)s).") % {
            "area": area.name,
            "day": _day(area.valid_from),
        }
        raise ApplicationError(message, field_errors={"period": [message]})


def criteria_set_in_force(*, subject_kind: str, day: datetime.date) -> CriteriaSet | None:
    return (
        CriteriaSet.objects.filter(subject_kind=SUBJECT_TO_CRITERIA[subject_kind])
        .in_force_on(day)
        .order_by("-valid_from")
        .first()
    )


# --- certifications ----------------------------------------------------------------------------------


@transaction.atomic
def certification_register(
    *,
    actor,
    unit: Unit | None = None,
    commune: AdministrativeUnit | None = None,
    period: str,
    criteria_set: CriteriaSet | None = None,
) -> SafetyCertification:
    subject_kind, area = _subject(unit=unit, commune=commune, for_certification=True)
    require_capability(actor=actor, area=area, capability=Capability.CERTIFICATIONS_EDIT)
    span = parse_period(period, subject_kind=subject_kind)
    _check_area_existed(area, span.start, span.end)
    if criteria_set is None:
        criteria_set = criteria_set_in_force(subject_kind=subject_kind, day=span.start)
        if criteria_set is None:
            message = _("No criteria set is in force for this kind of subject on %(day)s.") % {"day": _day(span.start)}
            raise ApplicationError(message, field_errors={"criteria_set": [message]})
    subject_filter = {"unit": unit} if unit is not None else {"commune": commune}
    if SafetyCertification.objects.filter(**subject_filter, period_kind=span.kind, period_start=span.start).exists():
        raise ConflictError(
            _("%(subject)s is already registered for %(period)s.")
            % {"subject": (unit or commune).name, "period": span.label}
        )
    certification = SafetyCertification(
        subject_kind=subject_kind,
        unit=unit,
        commune=commune,
        area=area,
        period_kind=span.kind,
        period_start=span.start,
        period_end=span.end,
        period_label=span.label,
        year=span.year,
        criteria_set=criteria_set,
        registered_by=actor,
    )
    certification.full_clean()
    certification.save()
    CertificationCriterionResult.objects.bulk_create(
        [CertificationCriterionResult(certification=certification, criterion=c) for c in criteria_set.criteria.all()]
    )
    audit.record(
        actor=actor,
        action="create",
        verb="certification_register",
        instance=certification,
        area=area,
        after=audit.snapshot(certification),
    )
    _counts_changed(certification)
    return certification


def _counts_changed(certification: SafetyCertification) -> None:
    """The dashboards' certification counts (registered; recognised) of its province and year."""
    summary_records_changed(source="awards.certifications", areas=[certification.area], years=[certification.year])


def _lock_certification(certification) -> SafetyCertification:
    return (
        SafetyCertification.objects.select_for_update(of=("self",))
        .select_related("area", "criteria_set", "unit", "commune")
        .get(pk=certification.pk)
    )


def _results_snapshot(certification) -> dict:
    return {
        str(r.criterion.number): {"is_met": r.is_met, "evidence_note": r.evidence_note}
        for r in certification.results.select_related("criterion").order_by("criterion__number")
    }


def _apply_results(certification: SafetyCertification, results: list[dict]) -> None:
    rows = {r.criterion.number: r for r in certification.results.select_related("criterion")}
    unknown = [item.get("number") for item in results if item.get("number") not in rows]
    if unknown:
        message = _("Unknown criterion numbers for this criteria set: %(numbers)s.") % {
            "numbers": ", ".join(str(n) for n in unknown)
        }
        raise ApplicationError(message, field_errors={"results": [message]})
    changed = []
    for item in results:
        row = rows[item["number"]]
        if "is_met" in item:
            row.is_met = item["is_met"]
        if "evidence_note" in item:
            row.evidence_note = (item["evidence_note"] or "").strip()
        changed.append(row)
    CertificationCriterionResult.objects.bulk_update(changed, ["is_met", "evidence_note"])


_EDITABLE = [SafetyCertification.Status.REGISTERED, SafetyCertification.Status.REJECTED]


@transaction.atomic
def certification_assess(
    *, actor, certification: SafetyCertification, results: list[dict], expected_version: int | None = None
) -> SafetyCertification:
    """Enter (part of) the self-assessment: per criterion number, met or not and an evidence note."""
    certification = _lock_certification(certification)
    require_capability(actor=actor, area=certification.area, capability=Capability.CERTIFICATIONS_EDIT)
    if certification.status not in _EDITABLE:
        raise _status_conflict(certification, _EDITABLE)
    _check_version(certification, expected_version)
    before = _results_snapshot(certification)
    _apply_results(certification, results)
    certification.version += 1
    certification.save(update_fields=["version", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="certification_assess",
        instance=certification,
        area=certification.area,
        before=before,
        after=_results_snapshot(certification),
    )
    return certification


@transaction.atomic
def certification_submit(
    *,
    actor,
    certification: SafetyCertification,
    results: list[dict] | None = None,
    expected_version: int | None = None,
) -> SafetyCertification:
    certification = _lock_certification(certification)
    require_capability(actor=actor, area=certification.area, capability=Capability.CERTIFICATIONS_EDIT)
    if certification.status not in _EDITABLE:
        raise _status_conflict(certification, _EDITABLE)
    _check_version(certification, expected_version)
    if results:
        _apply_results(certification, results)
    incomplete = [
        r.criterion.number
        for r in certification.results.select_related("criterion").order_by("criterion__number")
        if r.is_met is None or not r.evidence_note.strip()
    ]
    if incomplete:
        message = _("Give a result and an evidence note for every criterion before submitting (missing: %(n)s).") % {
            "n": ", ".join(str(n) for n in incomplete)
        }
        raise ApplicationError(message, field_errors={"results": [message]})
    before = audit.snapshot(certification)
    certification.status = SafetyCertification.Status.SUBMITTED
    certification.submitted_by, certification.submitted_at = actor, timezone.now()
    certification.reviewed_by, certification.reviewed_at = None, None
    certification.review_note = certification.rejection_reason = ""
    certification.version += 1
    certification.full_clean()
    certification.save(
        update_fields=[
            "status",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "rejection_reason",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        action="transition",
        verb="certification_submit",
        instance=certification,
        area=certification.area,
        before=before,
        after={**audit.snapshot(certification), "results": _results_snapshot(certification)},
    )
    return certification


def _review_preamble(*, actor, certification, expected: list[str], expected_version) -> SafetyCertification:
    certification = _lock_certification(certification)
    require_capability(actor=actor, area=certification.area, capability=Capability.CERTIFICATIONS_REVIEW)
    if certification.submitted_by_id and certification.submitted_by_id == getattr(actor, "pk", None):
        raise OwnSubmissionError()
    if certification.status == SafetyCertification.Status.SUBMITTED and audit.last_editor_id(certification) == getattr(
        actor, "pk", None
    ):
        raise OwnSubmissionError()  # the last editor of the self-assessment under review
    if certification.status not in expected:
        raise _status_conflict(certification, expected)
    _check_version(certification, expected_version)
    return certification


def _transition(*, actor, certification, verb: str, fields: list[str], before: dict, note: str = ""):
    certification.version += 1
    certification.full_clean()
    certification.save(update_fields=[*fields, "version", "updated_at"])
    audit.record(
        actor=actor,
        action="transition",
        verb=verb,
        instance=certification,
        area=certification.area,
        before=before,
        after=audit.snapshot(certification),
        note=note,
    )
    notify(event=verb, instance=certification, actor=actor, reason=note)  # after the commit (notifications)
    return certification


@transaction.atomic
def certification_approve(
    *, actor, certification: SafetyCertification, note: str = "", expected_version: int | None = None
) -> SafetyCertification:
    certification = _review_preamble(
        actor=actor,
        certification=certification,
        expected=[SafetyCertification.Status.SUBMITTED],
        expected_version=expected_version,
    )
    unmet = list(
        certification.results.filter(is_met=False)
        .order_by("criterion__number")
        .values_list("criterion__number", flat=True)
    )
    if unmet:
        raise ApplicationError(
            _("The standard needs every criterion met; criteria %(n)s are not. Reject it with a reason instead.")
            % {"n": ", ".join(str(n) for n in unmet)}
        )
    before = audit.snapshot(certification)
    certification.status = SafetyCertification.Status.APPROVED
    certification.reviewed_by, certification.reviewed_at = actor, timezone.now()
    certification.review_note = (note or "").strip()
    return _transition(
        actor=actor,
        certification=certification,
        verb="certification_approve",
        fields=["status", "reviewed_by", "reviewed_at", "review_note"],
        before=before,
        note=certification.review_note,
    )


@transaction.atomic
def certification_reject(
    *, actor, certification: SafetyCertification, reason: str, expected_version: int | None = None
) -> SafetyCertification:
    certification = _review_preamble(
        actor=actor,
        certification=certification,
        expected=[SafetyCertification.Status.SUBMITTED],
        expected_version=expected_version,
    )
    reason = _required_text(reason, "reason", _("A rejection needs a reason."))
    before = audit.snapshot(certification)
    certification.status = SafetyCertification.Status.REJECTED
    certification.reviewed_by, certification.reviewed_at = actor, timezone.now()
    certification.rejection_reason = reason
    return _transition(
        actor=actor,
        certification=certification,
        verb="certification_reject",
        fields=["status", "reviewed_by", "reviewed_at", "rejection_reason"],
        before=before,
        note=reason,
    )


def _recognise_locked(*, actor, certification: SafetyCertification, decision: RecognitionDecision):
    if decision.signed_on < certification.period_start:
        message = _("The recognition decision is dated before the assessment period of %(subject)s.") % {
            "subject": certification.subject_name
        }
        raise ApplicationError(message, field_errors={"signed_on": [message]})
    before = audit.snapshot(certification)
    certification.status = SafetyCertification.Status.RECOGNISED
    certification.recognition_decision = decision
    certification.recognised_by, certification.recognised_at = actor, timezone.now()
    return _transition(
        actor=actor,
        certification=certification,
        verb="certification_recognise",
        fields=["status", "recognition_decision", "recognised_by", "recognised_at"],
        before=before,
        note=str(decision),
    )


@transaction.atomic
def certification_recognise(
    *,
    actor,
    certification: SafetyCertification,
    decision: RecognitionDecision,
    expected_version: int | None = None,
) -> SafetyCertification:
    """Recognise one approved certification under an existing recognition decision."""
    certification = _review_preamble(
        actor=actor,
        certification=certification,
        expected=[SafetyCertification.Status.APPROVED],
        expected_version=expected_version,
    )
    require_capability(actor=actor, area=decision.area, capability=Capability.CERTIFICATIONS_REVIEW)
    certification = _recognise_locked(actor=actor, certification=certification, decision=decision)
    _counts_changed(certification)
    return certification


@transaction.atomic
def certification_revoke(
    *, actor, certification: SafetyCertification, reason: str, expected_version: int | None = None
) -> SafetyCertification:
    certification = _review_preamble(
        actor=actor,
        certification=certification,
        expected=[SafetyCertification.Status.RECOGNISED],
        expected_version=expected_version,
    )
    reason = _required_text(reason, "reason", _("A revocation needs a reason."))
    before = audit.snapshot(certification)
    certification.status = SafetyCertification.Status.REVOKED
    certification.revoked_by, certification.revoked_at = actor, timezone.now()
    certification.revocation_reason = reason
    certification = _transition(
        actor=actor,
        certification=certification,
        verb="certification_revoke",
        fields=["status", "revoked_by", "revoked_at", "revocation_reason"],
        before=before,
        note=reason,
    )
    _counts_changed(certification)
    return certification


def _common_area(areas: list[AdministrativeUnit]) -> AdministrativeUnit | None:
    paths = [a.path for a in areas]
    segments = [p.rstrip("/").split("/") for p in paths]
    common: list[str] = []
    for parts in zip(*segments, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    if not common:
        return None
    return AdministrativeUnit.objects.filter(path="/".join(common) + "/").first()


@transaction.atomic
def recognition_decision_create(
    *,
    actor,
    number: str,
    signed_on: datetime.date,
    issuer: str,
    certifications=(),
    area: AdministrativeUnit | None = None,
    note: str = "",
    expected_versions: dict[int, int] | None = None,
) -> RecognitionDecision:
    """Record a recognition decision and recognise every listed approved certification under it, all or
    nothing. `expected_versions` (certification id → version) guards against lost updates."""
    ids = sorted({c.pk for c in certifications})
    if not ids:
        message = _("Choose at least one approved certification to recognise.")
        raise ApplicationError(message, field_errors={"certifications": [message]})
    locked = list(
        SafetyCertification.objects.select_for_update(of=("self",))
        .select_related("area", "criteria_set", "unit", "commune")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    for certification in locked:
        require_capability(actor=actor, area=certification.area, capability=Capability.CERTIFICATIONS_REVIEW)
    if area is None:
        area = _common_area([c.area for c in locked])
        if area is None:
            message = _("These certifications lie in different provinces: say which administrative unit issued it.")
            raise ApplicationError(message, field_errors={"area": [message]})
    require_capability(actor=actor, area=area, capability=Capability.CERTIFICATIONS_REVIEW)
    decision = RecognitionDecision(
        number=(number or "").strip(),
        signed_on=signed_on,
        issuer=(issuer or "").strip(),
        area=area,
        note=note or "",
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    audit.record(
        actor=actor,
        action="create",
        verb="recognition_decision_create",
        instance=decision,
        area=area,
        after={**audit.snapshot(decision), "certifications": ids},
    )
    for certification in locked:
        if certification.submitted_by_id and certification.submitted_by_id == actor.pk:
            raise OwnSubmissionError(
                _("You cannot recognise %(subject)s: you submitted it yourself.")
                % {"subject": certification.subject_name}
            )
        if certification.status != SafetyCertification.Status.APPROVED:
            raise ConflictError(
                _("%(subject)s (%(period)s) is “%(status)s”, not approved: nothing was recognised.")
                % {
                    "subject": certification.subject_name,
                    "period": certification.period_label,
                    "status": certification.get_status_display(),
                }
            )
        _check_version(certification, (expected_versions or {}).get(certification.pk))
        _recognise_locked(actor=actor, certification=certification, decision=decision)
    for year in sorted({c.year for c in locked}):
        summary_records_changed(
            source="awards.certifications", areas=[c.area for c in locked if c.year == year], years=[year]
        )
    return decision


# --- award decisions ---------------------------------------------------------------------------------

AWARD_FIELDS = [
    "number",
    "signed_on",
    "issuing_authority",
    "signer_name",
    "signer_title",
    "form",
    "achievement",
    "area",
    "programme",
    "conference",
    "period_from",
    "period_to",
    "source",
]
_LEVEL_OF_AUTHORITY = {
    IssuingAuthority.Level.PROVINCE: AdministrativeUnit.Level.PROVINCE,
    IssuingAuthority.Level.DISTRICT: AdministrativeUnit.Level.DISTRICT,
    IssuingAuthority.Level.COMMUNE: AdministrativeUnit.Level.COMMUNE,
}


def award_authority_errors(
    *, authority: IssuingAuthority, form, signed_on: datetime.date, area: AdministrativeUnit | None
) -> dict[str, list[str]]:
    """Why this authority could not issue this form at that date for that area (empty when it could)."""
    errors: dict[str, list[str]] = {}
    if signed_on and not authority.is_valid_on(signed_on):
        if authority.valid_until and signed_on > authority.valid_until:
            day = _day(authority.valid_until + datetime.timedelta(days=1))
            if authority.level == IssuingAuthority.Level.DISTRICT:
                message = _(
                    "%(authority)s no longer has the power to award from %(day)s (there is no district level after "
                    "30 June 2025)."
                ) % {"authority": authority.name, "day": day}
            else:
                message = _("%(authority)s no longer has the power to award from %(day)s.") % {
                    "authority": authority.name,
                    "day": day,
                }
        else:
            message = _("%(authority)s has the power to award only from %(day)s.") % {
                "authority": authority.name,
                "day": _day(authority.valid_from),
            }
        errors["issuing_authority"] = [message]
    if form is not None and not authority.forms.filter(pk=form.pk).exists():
        errors["form"] = [
            _("%(authority)s may not issue the form “%(form)s”.") % {"authority": authority.name, "form": form.name}
        ]
    if area is not None:
        expected_level = _LEVEL_OF_AUTHORITY.get(authority.level)
        if expected_level and area.level != expected_level:
            errors["area"] = [
                _("%(authority)s sits at the %(level)s level, but %(area)s is a %(area_level)s.")
                % {
                    "authority": authority.name,
                    "level": AdministrativeUnit.Level(expected_level).label.lower(),
                    "area": area.name,
                    "area_level": area.get_level_display().lower(),
                }
            ]
        if signed_on and (
            (area.valid_until and signed_on > area.valid_until) or (area.valid_from and signed_on < area.valid_from)
        ):
            errors.setdefault("area", []).append(
                _("%(area)s did not exist on %(day)s: record the decision against the unit of that time.")
                % {"area": area.name, "day": _day(signed_on)}
            )
    return errors


def _check_conference(*, actor, conference) -> None:
    """The conference must be one the actor can read (published, or unpublished in their scope)."""
    if conference is None or conference.status == Conference.Status.PUBLISHED:
        return
    if not has_capability(actor=actor, area=conference.area, capability=Capability.READ_UNPUBLISHED):
        message = _("Unknown conference: %(pk)s.") % {"pk": conference.pk}
        raise ApplicationError(message, field_errors={"conference": [message]})


def _check_award_rules(decision: AwardDecision) -> None:
    errors = award_authority_errors(
        authority=decision.issuing_authority, form=decision.form, signed_on=decision.signed_on, area=decision.area
    )
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, field_errors=errors)


@transaction.atomic
def award_decision_create(*, actor, area: AdministrativeUnit, recipients=(), **data) -> AwardDecision:
    require_capability(actor=actor, area=area, capability=Capability.AWARDS_DRAFT)
    unknown = set(data) - set(AWARD_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _check_conference(actor=actor, conference=data.get("conference"))
    decision = AwardDecision(area=area, created_by=actor, **data)
    decision.full_clean()
    _check_award_rules(decision)
    decision.save()
    for order, item in enumerate(recipients, start=1):
        _recipient_save(actor=actor, decision=decision, data={"order": order, **item})
    audit.record(
        actor=actor,
        action="create",
        verb="award_decision_create",
        instance=decision,
        area=area,
        after={**audit.snapshot(decision), "recipients": len(recipients)},
    )
    return decision


def _lock_decision(decision) -> AwardDecision:
    return (
        AwardDecision.objects.select_for_update(of=("self",))
        .select_related("area", "issuing_authority", "form")
        .get(pk=decision.pk)
    )


def _require_draft(decision: AwardDecision) -> None:
    if decision.status != AwardDecision.Status.DRAFT:
        raise ConflictError(
            _("This decision is “%(status)s”: an issued decision is never edited. Annul it and record a new one.")
            % {"status": decision.get_status_display()}
        )


@transaction.atomic
def award_decision_update(
    *, actor, decision: AwardDecision, expected_version: int | None = None, **data
) -> AwardDecision:
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    _require_draft(decision)
    _check_version(decision, expected_version)
    if "area" in data:
        require_capability(actor=actor, area=data["area"], capability=Capability.AWARDS_DRAFT)
    if data.get("conference") is not None and data["conference"].pk != decision.conference_id:
        _check_conference(actor=actor, conference=data["conference"])
    before = audit.snapshot(decision)
    changed = []
    for name, value in data.items():
        if name not in AWARD_FIELDS:
            raise ApplicationError(_("Unknown fields: %(f)s") % {"f": name})
        if getattr(decision, name) != value:
            setattr(decision, name, value)
            changed.append(name)
    if not changed:
        return decision
    decision.full_clean()
    _check_award_rules(decision)
    decision.version += 1
    decision.save(update_fields=[*changed, "version", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="award_decision_update",
        instance=decision,
        area=decision.area,
        before=before,
        after=audit.snapshot(decision),
    )
    return decision


@transaction.atomic
def award_decision_delete(*, actor, decision: AwardDecision, expected_version: int | None = None) -> None:
    """Only a draft can be deleted (an issued decision is annulled instead): by its author, or an approver in
    scope."""
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    if (
        decision.created_by_id
        and decision.created_by_id != getattr(actor, "pk", None)
        and not has_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_ISSUE)
    ):
        raise PermissionDeniedError(Capability.AWARDS_ISSUE)  # only its author, or an approver
    _require_draft(decision)
    _check_version(decision, expected_version)
    before = {**audit.snapshot(decision), "recipients": decision.recipients.count()}
    audit.record(
        actor=actor, action="delete", verb="award_decision_delete", instance=decision, area=decision.area, before=before
    )
    decision.delete()


@transaction.atomic
def award_decision_issue(*, actor, decision: AwardDecision, expected_version: int | None = None) -> AwardDecision:
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_ISSUE)
    if decision.status != AwardDecision.Status.DRAFT:
        raise _status_conflict(decision, [AwardDecision.Status.DRAFT])
    _check_version(decision, expected_version)
    if not decision.recipients.exists():
        raise ApplicationError(_("A decision needs at least one recipient before it is marked issued."))
    _check_award_rules(decision)
    before = audit.snapshot(decision)
    decision.status = AwardDecision.Status.ISSUED
    decision.issued_by, decision.issued_at = actor, timezone.now()
    decision.version += 1
    decision.full_clean()
    decision.save(update_fields=["status", "issued_by", "issued_at", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="transition",
        verb="award_decision_issue",
        instance=decision,
        area=decision.area,
        before=before,
        after=audit.snapshot(decision),
    )
    notify(event="award_decision_issue", instance=decision, actor=actor)  # after the commit (notifications)
    _award_counts_changed(decision)
    return decision


def _award_counts_changed(decision: AwardDecision) -> None:
    """The dashboards' counts of award recipients (issued decisions) of its province and year."""
    summary_records_changed(source="awards.decisions", areas=[decision.area], years=[decision.signed_on.year])


@transaction.atomic
def award_decision_annul(
    *, actor, decision: AwardDecision, reason: str, expected_version: int | None = None
) -> AwardDecision:
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_ISSUE)
    if decision.status != AwardDecision.Status.ISSUED:
        raise _status_conflict(decision, [AwardDecision.Status.ISSUED])
    _check_version(decision, expected_version)
    reason = _required_text(reason, "reason", _("An annulment needs a reason."))
    before = audit.snapshot(decision)
    decision.status = AwardDecision.Status.ANNULLED
    decision.annulled_by, decision.annulled_at = actor, timezone.now()
    decision.annulment_reason = reason
    decision.version += 1
    decision.full_clean()
    decision.save(update_fields=["status", "annulled_by", "annulled_at", "annulment_reason", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="transition",
        verb="award_decision_annul",
        instance=decision,
        area=decision.area,
        before=before,
        after=audit.snapshot(decision),
        note=reason,
    )
    notify(event="award_decision_annul", instance=decision, actor=actor, reason=reason)  # after the commit
    _award_counts_changed(decision)
    return decision


# --- recipients ----------------------------------------------------------------------------------------

RECIPIENT_FIELDS = ["order", "kind", "name_as_printed", "title_as_printed", "unit", "area"]


def _check_recipient_unit(*, actor, unit: Unit | None) -> None:
    if unit is not None and not has_capability(actor=actor, area=unit.area, capability=Capability.READ_UNPUBLISHED):
        message = _("Unknown unit: %(pk)s.") % {"pk": unit.pk}
        raise ApplicationError(message, field_errors={"unit": [message]})


def _recipient_save(*, actor, decision: AwardDecision, data: dict, recipient: AwardRecipient | None = None):
    unknown = set(data) - set(RECIPIENT_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _check_recipient_unit(actor=actor, unit=data.get("unit"))
    if recipient is None:
        recipient = AwardRecipient(decision=decision)
        if not data.get("order"):
            data["order"] = (decision.recipients.aggregate(m=Max("order"))["m"] or 0) + 1
    for name, value in data.items():
        setattr(recipient, name, value.strip() if isinstance(value, str) else value)
    if recipient.unit_id and not recipient.area_id:
        recipient.area = recipient.unit.area
    recipient.full_clean()
    recipient.save()
    return recipient


def _bump(decision: AwardDecision) -> None:
    decision.version += 1
    decision.save(update_fields=["version", "updated_at"])


@transaction.atomic
def award_recipient_add(
    *, actor, decision: AwardDecision, expected_version: int | None = None, **data
) -> AwardRecipient:
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    _require_draft(decision)
    _check_version(decision, expected_version)
    recipient = _recipient_save(actor=actor, decision=decision, data=dict(data))
    _bump(decision)
    audit.record(
        actor=actor,
        action="create",
        verb="award_recipient_add",
        instance=recipient,
        area=decision.area,
        after=audit.snapshot(recipient),
    )
    return recipient


@transaction.atomic
def award_recipient_update(
    *, actor, recipient: AwardRecipient, expected_version: int | None = None, **data
) -> AwardRecipient:
    decision = _lock_decision(recipient.decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    _require_draft(decision)
    _check_version(decision, expected_version)
    recipient = AwardRecipient.objects.get(pk=recipient.pk)
    before = audit.snapshot(recipient)
    recipient = _recipient_save(actor=actor, decision=decision, data=dict(data), recipient=recipient)
    _bump(decision)
    audit.record(
        actor=actor,
        action="update",
        verb="award_recipient_update",
        instance=recipient,
        area=decision.area,
        before=before,
        after=audit.snapshot(recipient),
    )
    return recipient


@transaction.atomic
def award_recipient_delete(*, actor, recipient: AwardRecipient, expected_version: int | None = None) -> None:
    decision = _lock_decision(recipient.decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    _require_draft(decision)
    _check_version(decision, expected_version)
    audit.record(
        actor=actor,
        action="delete",
        verb="award_recipient_delete",
        instance=recipient,
        area=decision.area,
        before=audit.snapshot(recipient),
    )
    recipient.delete()
    _bump(decision)


# --- recipient import ------------------------------------------------------------------------------------

_KINDS = {
    "tap the": RecipientKind.COLLECTIVE,
    "collective": RecipientKind.COLLECTIVE,
    "ca nhan": RecipientKind.INDIVIDUAL,
    "individual": RecipientKind.INDIVIDUAL,
}
_NAME_MAX = AwardRecipient._meta.get_field("name_as_printed").max_length
_TITLE_MAX = AwardRecipient._meta.get_field("title_as_printed").max_length


@dataclass
class ImportRow:
    row: int
    name: str = ""
    kind: str = ""
    title: str = ""
    unit: str = ""
    resolved_kind: str = ""
    resolved_unit: Unit | None = None
    errors: list[dict] = field(default_factory=list)

    def add_error(self, field_name: str, message: str) -> None:
        self.errors.append({"row": self.row, "field": field_name, "message": str(message)})

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "name": self.name,
            "kind": self.resolved_kind or self.kind,
            "title": self.title,
            "unit": {"id": self.resolved_unit.pk, "name": self.resolved_unit.name} if self.resolved_unit else None,
            "errors": self.errors,
        }


@dataclass
class ImportResult:
    rows: list[ImportRow]
    saved: int = 0
    dry_run: bool = True

    @property
    def errors(self) -> list[dict]:
        return [e for r in self.rows for e in r.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors

    def as_dict(self) -> dict:
        return {
            "valid": self.is_valid,
            "dry_run": self.dry_run,
            "row_count": len(self.rows),
            "saved": self.saved,
            "errors": self.errors,
            "rows": [r.as_dict() for r in self.rows],
        }


def _resolve_unit(*, actor, text: str, units_in_scope) -> tuple[Unit | None, str | None]:
    text = text.strip()
    if not text:
        return None, None
    if text.isascii() and text.isdigit():
        unit = units_in_scope.filter(pk=as_id(text)).first() if as_id(text) else None
        return (unit, None) if unit else (None, _("No unit with id %(id)s in your area.") % {"id": text})
    matches = list(units_in_scope.filter(name=text)[:2])
    if not matches:
        return None, _("No unit named “%(name)s” in your area (the name must match exactly).") % {"name": text}
    if len(matches) > 1:
        return None, _("Several units are named “%(name)s”: give the unit's id instead.") % {"name": text}
    return matches[0], None


def validate_import_rows(*, actor, rows: list[ImportRow]) -> list[ImportRow]:
    from awards.selectors import unit_choices

    units_in_scope = unit_choices(actor=actor)
    cache: dict[str, tuple] = {}
    for row in rows:
        row.name, row.title, row.unit, row.kind = (
            (row.name or "").strip(),
            (row.title or "").strip(),
            (row.unit or "").strip(),
            (row.kind or "").strip(),
        )
        if not row.name:
            row.add_error("name", _("The name is missing."))
        elif len(row.name) > _NAME_MAX:
            row.add_error("name", _("The name is longer than %(n)s characters.") % {"n": _NAME_MAX})
        kind = _KINDS.get(fold(row.kind))
        if kind is None:
            row.add_error(
                "kind",
                _("Unknown kind “%(kind)s”: write “tập thể” or “cá nhân” (collective or individual).")
                % {"kind": row.kind},
            )
        else:
            row.resolved_kind = kind
        if len(row.title) > _TITLE_MAX:
            row.add_error("title", _("The title is longer than %(n)s characters.") % {"n": _TITLE_MAX})
        if row.unit:
            if row.unit not in cache:
                cache[row.unit] = _resolve_unit(actor=actor, text=row.unit, units_in_scope=units_in_scope)
            unit, error = cache[row.unit]
            if error:
                row.add_error("unit", error)
            row.resolved_unit = unit
    return rows


@transaction.atomic
def award_recipients_import(
    *,
    actor,
    decision: AwardDecision,
    rows: list[ImportRow],
    dry_run: bool = True,
    expected_version: int | None = None,
) -> ImportResult:
    """Check every row; save them all (appended after the existing recipients) only when every row is valid
    and this is not a dry run. Row numbers are those of the file (the header is row 1)."""
    decision = _lock_decision(decision)
    require_capability(actor=actor, area=decision.area, capability=Capability.AWARDS_DRAFT)
    _require_draft(decision)
    _check_version(decision, expected_version)
    result = ImportResult(rows=validate_import_rows(actor=actor, rows=rows), dry_run=dry_run)
    if not rows:
        message = _("The file has no recipient rows.")
        raise ApplicationError(message, field_errors={"file": [message]})
    if dry_run:
        return result
    if not result.is_valid:
        first = result.errors[0]
        raise ApplicationError(
            _("Nothing was saved: row %(row)s: %(message)s (%(count)s errors in all).")
            % {"row": first["row"], "message": first["message"], "count": len(result.errors)},
            field_errors={"errors": result.errors, "rows": [r.as_dict() for r in result.rows]},
        )
    start = decision.recipients.aggregate(m=Max("order"))["m"] or 0
    created = []
    for offset, row in enumerate(result.rows, start=1):
        recipient = AwardRecipient(
            decision=decision,
            order=start + offset,
            kind=row.resolved_kind,
            name_as_printed=row.name,
            title_as_printed=row.title,
            unit=row.resolved_unit,
            area=row.resolved_unit.area if row.resolved_unit else None,
        )
        recipient.full_clean(validate_constraints=False)
        created.append(recipient)
    AwardRecipient.objects.bulk_create(created)
    result.saved = len(created)
    _bump(decision)
    audit.record(
        actor=actor,
        action="bulk",
        verb="award_recipients_import",
        instance=decision,
        area=decision.area,
        after={"recipients_added": len(created), "first_order": start + 1},
    )
    return result


# --- movement ratings --------------------------------------------------------------------------------------


def rating_scheme_for_year(year: int) -> RatingScheme | None:
    for scheme in RatingScheme.objects.order_by("-valid_from"):
        if scheme.covers_year(year):
            return scheme
    return None


@transaction.atomic
def rating_create(
    *,
    actor,
    year: int,
    self_score: Decimal,
    unit: Unit | None = None,
    commune: AdministrativeUnit | None = None,
    scheme: RatingScheme | None = None,
    note: str = "",
) -> MovementRating:
    subject_kind, area = _subject(unit=unit, commune=commune, for_certification=False)
    require_capability(actor=actor, area=area, capability=Capability.RATINGS_SELF_SCORE)
    if scheme is None:
        scheme = rating_scheme_for_year(year)
        if scheme is None:
            message = _("No rating scheme is in force for %(year)s.") % {"year": year}
            raise ApplicationError(message, field_errors={"scheme": [message]})
    subject_filter = {"unit": unit} if unit is not None else {"commune": commune}
    if MovementRating.objects.filter(**subject_filter, year=year, scheme=scheme).exists():
        raise ConflictError(
            _("%(subject)s already has a rating for %(year)s under this scheme.")
            % {"subject": (unit or commune).name, "year": year}
        )
    rating = MovementRating(
        subject_kind=subject_kind,
        unit=unit,
        commune=commune,
        area=area,
        year=year,
        scheme=scheme,
        self_score=self_score,
        note=note or "",
        scored_by=actor,
    )
    rating.full_clean()
    rating.band = scheme.band_for(rating.self_score)
    rating.save()
    audit.record(
        actor=actor, action="create", verb="rating_create", instance=rating, area=area, after=audit.snapshot(rating)
    )
    return rating


def _lock_rating(rating) -> MovementRating:
    return MovementRating.objects.select_for_update(of=("self",)).select_related("area", "scheme").get(pk=rating.pk)


@transaction.atomic
def rating_update(
    *,
    actor,
    rating: MovementRating,
    expected_version: int | None = None,
    self_score: Decimal | None = None,
    note: str | None = None,
) -> MovementRating:
    rating = _lock_rating(rating)
    require_capability(actor=actor, area=rating.area, capability=Capability.RATINGS_SELF_SCORE)
    if rating.status != MovementRating.Status.SELF_SCORED:
        raise _status_conflict(rating, [MovementRating.Status.SELF_SCORED])
    _check_version(rating, expected_version)
    before = audit.snapshot(rating)
    if self_score is not None:
        rating.self_score = self_score
    if note is not None:
        rating.note = note
    rating.scored_by = actor  # the record names who set the self-score now under review
    rating.full_clean()
    rating.band = rating.scheme.band_for(rating.self_score)
    rating.version += 1
    rating.save(update_fields=["self_score", "note", "band", "scored_by", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="rating_update",
        instance=rating,
        area=rating.area,
        before=before,
        after=audit.snapshot(rating),
    )
    return rating


@transaction.atomic
def rating_approve(
    *,
    actor,
    rating: MovementRating,
    score: Decimal | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> MovementRating:
    rating = _lock_rating(rating)
    require_capability(actor=actor, area=rating.area, capability=Capability.RATINGS_APPROVE)
    actor_pk = getattr(actor, "pk", None)
    if actor_pk and actor_pk in (rating.scored_by_id, audit.last_editor_id(rating)):
        # whoever last changed the self-score (scored_by, and the trail) may not approve it
        raise OwnSubmissionError(_("You cannot approve a score you entered yourself."))
    if rating.status != MovementRating.Status.SELF_SCORED:
        raise _status_conflict(rating, [MovementRating.Status.SELF_SCORED])
    _check_version(rating, expected_version)
    before = audit.snapshot(rating)
    rating.score = rating.self_score if score is None else score
    if note:
        rating.note = note
    rating.status = MovementRating.Status.APPROVED
    rating.approved_by, rating.approved_at = actor, timezone.now()
    rating.full_clean()
    rating.band = rating.scheme.band_for(rating.score)
    rating.version += 1
    rating.save(
        update_fields=["score", "note", "status", "band", "approved_by", "approved_at", "version", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="transition",
        verb="rating_approve",
        instance=rating,
        area=rating.area,
        before=before,
        after=audit.snapshot(rating),
    )
    return rating
