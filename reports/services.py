"""Writes: conferences, their reported figures, award tallies and source documents, and the approval workflow.

Keyword-only, actor first, atomic, capability-checked, validated with full_clean(), audited. Every change of
a conference, of one of its figures or tallies, and every status change is written to the audit trail as an
event of the conference (object type `reports.conference`), so the conference page shows the whole history.

Figures and tallies are given as dicts; reference data may be given as model instances or codes:

    conference_create(
        actor=user, programme="CT07-2014", kind="interim_review", title="…", area=area,
        period_start=date(2014, 8, 15), period_end=date(2019, 8, 15), period_label="2014-2019",
        figures=[{"indicator": "tips_provided", "value": 10000, "qualifier": "more_than", "source_excerpt": "…"},
                 {"indicator": "safety_certified", "breakdown": "commune", "value": 113, "out_of": 128}],
        tallies=[{"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "collective",
                  "count": 26}],
        source_documents=[{"title": "…", "publisher": "…", "full_text": "…"}],
    )
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from movement import areas, audit
from movement.access import Capability, has_capability, require_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from movement.lookups import as_id
from movement.models import AdministrativeUnit, AuditEvent
from movement.text import fold
from notifications.services import notify
from reports import rollups
from reports.models import EARLIEST_DATE as CONFERENCE_EARLIEST_DATE
from reports.models import (
    AwardForm,
    AwardTally,
    Breakdown,
    Conference,
    ConferenceTransition,
    Indicator,
    IndicatorValue,
    IssuingAuthority,
    Programme,
    Qualifier,
    SourceDocument,
)
from workday import corrections

CONFERENCE_FIELDS = [  # a conference's facts (also what a published snapshot keeps: workday/corrections.py)
    "programme",
    "kind",
    "title",
    "area",
    "organiser",
    "held_on",
    "is_date_from_publication",
    "period_start",
    "period_end",
    "period_label",
    "chaired_by",
    "scope_note",
    "note",
]
FIGURE_FIELDS = ["indicator", "breakdown", "value", "out_of", "qualifier", "period_label", "source_excerpt", "note"]
TALLY_FIELDS = ["issuer", "form", "recipient_kind", "count", "qualifier", "source_excerpt", "note"]
SOURCE_FIELDS = ["title", "publisher", "author", "published_on", "url", "summary", "full_text"]

Status = Conference.Status


# ---------------------------------------------------------------------------------------------------------------
# Helpers


def _invalid(errors: dict, message=None) -> ApplicationError:
    return ApplicationError(message or _("Please correct the errors below."), field_errors=errors)


def _clean(instance, *, exclude=None) -> None:
    """full_clean() with the errors as an ApplicationError (400, field by field)."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise _invalid(exc.message_dict)


def _check_version(conference: Conference, expected_version: int | None) -> None:
    if expected_version is not None and conference.version != expected_version:
        raise PreconditionFailedError(
            _("Someone else changed this report since you opened it (version %(now)s, yours %(yours)s).")
            % {"now": conference.version, "yours": expected_version}
        )


def _lock(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().select_related("area", "programme").get(pk=conference.pk)


def _require_editable(*, actor, conference: Conference) -> None:
    require_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_EDIT)
    if not conference.is_editable:
        if conference.status in (Status.APPROVED, Status.PUBLISHED):
            raise ApplicationError(
                _("This report is approved: its figures are locked until an approver reopens it."),
                field_errors={"status": [conference.get_status_display()]},
            )
        raise ApplicationError(
            _("This report has been submitted: it can be changed only after it is returned."),
            field_errors={"status": [conference.get_status_display()]},
        )


def _require_approver(*, actor, conference: Conference) -> None:
    require_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_APPROVE)
    if conference.submitted_by_id and conference.submitted_by_id == getattr(actor, "pk", None):
        error = PermissionDeniedError(Capability.CONFERENCES_APPROVE)
        error.message = _("You submitted this report: another approver must review it.")
        raise error


def _bump(conference: Conference) -> None:
    conference.version += 1
    conference.save(update_fields=["version", "updated_at"])


def _audit(*, actor, conference, action, verb, before=None, after=None, note="") -> AuditEvent:
    return audit.record(
        actor=actor,
        action=action,
        verb=verb,
        instance=conference,
        area=conference.area,
        before=before,
        after=after,
        note=note,
    )


def _by_code(model, value, *, field: str, label: str):
    """A catalogue row given as an instance, an id or a code."""
    if isinstance(value, model):
        return value
    if value in (None, ""):
        raise _invalid({field: [_("This field is required.")]})
    rows = model.objects.all()
    row = rows.filter(code=str(value)).first()
    if row is None and as_id(value):
        row = rows.filter(pk=as_id(value)).first()
    if row is None:
        raise _invalid({field: [_("Unknown %(what)s: %(value)s.") % {"what": label, "value": value}]})
    return row


def _decimal(value, *, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise _invalid({field: [_("Enter a number.")]})
    if not number.is_finite():
        raise _invalid({field: [_("Enter a number.")]})
    return number


def _prefix_errors(error: ApplicationError, *, key: str, index: int, total: int) -> ApplicationError:
    """Errors of item `index` of a list, shaped like DRF's list errors: [{}, {...}, {}]."""
    errors: list[dict] = [{} for _i in range(total)]
    errors[index] = error.field_errors or {"non_field_errors": [str(error)]}
    return _invalid({key: errors}, error.message)


# ---------------------------------------------------------------------------------------------------------------
# Conferences


def _conference_data(data: dict) -> dict:
    unknown = set(data) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    data = dict(data)
    if "programme" in data:
        data["programme"] = _by_code(Programme, data["programme"], field="programme", label=_("programme"))
    if "area" in data and data["area"] is None:
        raise _invalid({"area": [_("This field is required.")]})
    if "area" in data and not isinstance(data["area"], AdministrativeUnit):
        area_id = as_id(data["area"])
        area = AdministrativeUnit.objects.filter(pk=area_id).first() if area_id else areas.lookup(str(data["area"]))
        if area is None:
            raise _invalid({"area": [_("Unknown administrative unit: %(value)s.") % {"value": data["area"]}]})
        data["area"] = area
    for field in ("organiser", "period_label", "chaired_by", "scope_note", "note", "title"):
        if field in data and data[field] is None:
            data[field] = ""
    if isinstance(data.get("chaired_by"), list | tuple):
        data["chaired_by"] = "\n".join(str(line).strip() for line in data["chaired_by"] if str(line).strip())
    return data


def _check_area_date(conference: Conference) -> None:
    """The area must have existed on the conference's date (or, without one, during its period): a 2019
    conference cannot be recorded against a commune created in 2025."""
    dates = {}
    for name in ("held_on", "period_start", "period_end"):
        try:
            value = Conference._meta.get_field(name).to_python(getattr(conference, name))
        except ValidationError:
            return  # the model's own checks report it
        if value is not None and not (CONFERENCE_EARLIEST_DATE <= value <= timezone.localdate()):
            return  # an implausible date: the model's own checks report it
        dates[name] = value
    problem = areas.record_date_problem(
        conference.area, day=dates["held_on"], start=dates["period_start"], end=dates["period_end"]
    )
    if problem:
        raise _invalid({"area": [problem]}, problem)


def _refresh_search(conference: Conference) -> None:
    conference.search_name = fold(f"{conference.title} {conference.organiser}")[:400]


def _build_conference(*, actor, data: dict, figures, tallies, source_documents) -> Conference:
    """Create a draft with everything in it; no capability check (callers check)."""
    conference = Conference(created_by=actor if getattr(actor, "is_authenticated", False) else None, **data)
    _refresh_search(conference)
    _clean(conference)
    conference.save()
    _audit(
        actor=actor, conference=conference, action="create", verb="conference_create", after=audit.snapshot(conference)
    )
    ConferenceTransition.objects.create(
        conference=conference, from_status="", to_status=Status.DRAFT, actor=_user(actor)
    )
    figures, tallies, source_documents = list(figures or []), list(tallies or []), list(source_documents or [])
    catalogue = _Catalogue()
    seen = set()
    for index, item in enumerate(figures):
        try:
            figure = _figure_from(conference=conference, data=item, catalogue=catalogue)
            key = (figure.indicator_id, figure.breakdown)
            if key in seen:
                raise _invalid({"breakdown": [_duplicate_figure_message(figure)]})
            seen.add(key)
            figure.save()
        except ApplicationError as error:
            raise _prefix_errors(error, key="figures", index=index, total=len(figures))
        _audit(
            actor=actor,
            conference=conference,
            action="create",
            verb="indicator_value_create",
            after=_figure_snapshot(figure),
            note=_figure_label(figure),
        )
    seen = set()
    for index, item in enumerate(tallies):
        try:
            tally = _tally_from(conference=conference, data=item, catalogue=catalogue)
            key = (tally.issuer_id, tally.form_id, tally.recipient_kind)
            if key in seen:
                raise _invalid({"recipient_kind": [_("This issuer, form and recipient kind already has a tally.")]})
            seen.add(key)
            tally.save()
        except ApplicationError as error:
            raise _prefix_errors(error, key="tallies", index=index, total=len(tallies))
        _audit(
            actor=actor,
            conference=conference,
            action="create",
            verb="award_tally_create",
            after=_tally_snapshot(tally),
            note=_tally_label(tally),
        )
    for index, item in enumerate(source_documents):
        try:
            _source_document_build(actor=actor, conference=conference, data=item)
        except ApplicationError as error:
            raise _prefix_errors(error, key="source_documents", index=index, total=len(source_documents))
    return conference


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def conference_create(
    *,
    actor,
    programme: Programme | str,
    kind: str,
    title: str,
    area: AdministrativeUnit,
    figures: Iterable[dict] = (),
    tallies: Iterable[dict] = (),
    source_documents: Iterable[dict] = (),
    **data,
) -> Conference:
    """A draft conference report, optionally with its figures, tallies and source documents (all or nothing).

    Other fields: organiser, held_on, is_date_from_publication, period_start, period_end, period_label,
    chaired_by (text, one per line, or a list), scope_note, note."""
    data = _conference_data({"programme": programme, "kind": kind, "title": title, "area": area, **data})
    require_capability(actor=actor, area=data["area"], capability=Capability.CONFERENCES_EDIT)
    _check_area_date(Conference(**{k: v for k, v in data.items() if k != "programme"}))
    return _build_conference(
        actor=actor, data=data, figures=figures, tallies=tallies, source_documents=source_documents
    )


@transaction.atomic
def conference_update(*, actor, conference: Conference, expected_version: int | None = None, **data) -> Conference:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    data = _conference_data(data)
    if "area" in data:
        require_capability(actor=actor, area=data["area"], capability=Capability.CONFERENCES_EDIT)
    before = audit.snapshot(conference)
    changed = []
    for field, value in data.items():
        if getattr(conference, field) != value:
            setattr(conference, field, value)
            changed.append(field)
    if not changed:
        return conference
    if {"area", "held_on", "period_start", "period_end"} & set(changed):
        _check_area_date(conference)
    _refresh_search(conference)
    conference.version += 1
    _clean(conference)
    conference.save(update_fields=[*changed, "search_name", "version", "updated_at"])
    _audit(
        actor=actor,
        conference=conference,
        action="update",
        verb="conference_update",
        before=before,
        after=audit.snapshot(conference),
    )
    return conference


@transaction.atomic
def conference_delete(*, actor, conference: Conference, expected_version: int | None = None) -> None:
    """Delete a draft that was never submitted (the audit trail keeps what it held): its author, or an
    approver in scope."""
    conference = _lock(conference)
    if not has_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_APPROVE):
        _require_editable(actor=actor, conference=conference)
        if conference.created_by_id and conference.created_by_id != getattr(actor, "pk", None):
            raise PermissionDeniedError(Capability.CONFERENCES_APPROVE)  # only its author, or an approver
    elif not conference.is_editable:
        _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    if conference.submitted_at is not None:
        raise ApplicationError(_("A report that has been submitted cannot be deleted; ask an approver."))
    _audit(
        actor=actor, conference=conference, action="delete", verb="conference_delete", before=audit.snapshot(conference)
    )
    conference.delete()


# ---------------------------------------------------------------------------------------------------------------
# Figures and tallies


class _Catalogue:
    """Indicators, breakdowns, issuers and forms looked up once per service call."""

    def __init__(self):
        self._indicators = None
        self._breakdowns = None

    def indicator(self, value) -> Indicator:
        if isinstance(value, Indicator):
            return value
        if self._indicators is None:
            self._indicators = {}
            for indicator in Indicator.objects.prefetch_related("breakdowns"):
                self._indicators[indicator.code] = indicator
                self._indicators[str(indicator.pk)] = indicator
        indicator = self._indicators.get(str(value).strip()) if value not in (None, "") else None
        if indicator is None:
            if value in (None, ""):
                raise _invalid({"indicator": [_("This field is required.")]})
            raise _invalid({"indicator": [_("Unknown indicator: %(value)s.") % {"value": value}]})
        return indicator

    def breakdown_codes(self) -> set[str]:
        if self._breakdowns is None:
            self._breakdowns = set(Breakdown.objects.values_list("code", flat=True))
        return self._breakdowns


def _duplicate_figure_message(figure: IndicatorValue) -> str:
    return _("This report already has a figure for %(indicator)s (%(breakdown)s).") % {
        "indicator": figure.indicator.name,
        "breakdown": figure.breakdown or _("total"),
    }


def _figure_from(*, conference: Conference, data: dict, catalogue: _Catalogue, figure=None) -> IndicatorValue:
    """Validate figure data into an unsaved IndicatorValue (a new one, or `figure` updated)."""
    unknown = set(data) - set(FIGURE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    errors: dict[str, list] = {}
    if figure is None:
        figure = IndicatorValue(conference=conference)
        data = {"breakdown": "", "qualifier": Qualifier.EXACT, **data}
    try:
        indicator = catalogue.indicator(
            data.get("indicator") if "indicator" in data or not figure.indicator_id else figure.indicator
        )
    except ApplicationError as error:
        errors.update(error.field_errors)
        indicator = None
    breakdown = data.get("breakdown", figure.breakdown)
    breakdown = (breakdown or "").strip()
    if breakdown and breakdown not in catalogue.breakdown_codes():
        errors["breakdown"] = [_("Unknown breakdown: %(value)s.") % {"value": breakdown}]
    elif indicator is not None:
        if breakdown and breakdown not in {b.code for b in indicator.breakdowns.all()}:
            errors["breakdown"] = [
                _("The indicator %(indicator)s cannot be split by %(breakdown)s.")
                % {"indicator": indicator.name, "breakdown": breakdown}
            ]
        elif not breakdown and not indicator.allows_total:
            errors["breakdown"] = [_("This indicator is reported by breakdown only: choose one.")]
    values = {}
    for field in ("value", "out_of"):
        if field in data:
            try:
                values[field] = _decimal(data[field], field=field)
            except ApplicationError as error:
                errors.update(error.field_errors)
    if "value" in values and values["value"] is None:
        errors["value"] = [_("This field is required.")]
    qualifier = data.get("qualifier", figure.qualifier) or Qualifier.EXACT
    if qualifier not in Qualifier.values:
        errors["qualifier"] = [_("Unknown qualifier: %(value)s.") % {"value": qualifier}]
    if errors:
        raise _invalid(errors)
    figure.indicator = indicator
    figure.breakdown = breakdown
    figure.qualifier = qualifier
    for field, number in values.items():
        setattr(figure, field, number)
    for field in ("period_label", "source_excerpt", "note"):
        if field in data:
            setattr(figure, field, data[field] or "")
    _clean(figure, exclude=["conference"])
    return figure


def _tally_from(*, conference: Conference, data: dict, catalogue: _Catalogue, tally=None) -> AwardTally:
    unknown = set(data) - set(TALLY_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if tally is None:
        tally = AwardTally(conference=conference)
        data = {"qualifier": Qualifier.EXACT, **data}
    errors: dict[str, list] = {}
    for field, model, label in (
        ("issuer", IssuingAuthority, _("issuing authority")),
        ("form", AwardForm, _("award form")),
    ):
        if field in data or not getattr(tally, f"{field}_id"):
            try:
                setattr(tally, field, _by_code(model, data.get(field), field=field, label=label))
            except ApplicationError as error:
                errors.update(error.field_errors)
    if "recipient_kind" in data:
        tally.recipient_kind = data["recipient_kind"] or ""
    if "count" in data:
        try:
            count = _decimal(data["count"], field="count")
        except ApplicationError as error:
            errors.update(error.field_errors)
        else:
            if count is None:
                errors["count"] = [_("This field is required.")]
            elif count < 0:
                errors["count"] = [_("A figure cannot be negative.")]
            elif count != count.to_integral_value():
                errors["count"] = [_("A number of awards is a whole number.")]
            else:
                tally.count = int(count)
    if "qualifier" in data:
        tally.qualifier = data["qualifier"] or Qualifier.EXACT
    for field in ("source_excerpt", "note"):
        if field in data:
            setattr(tally, field, data[field] or "")
    if errors:
        raise _invalid(errors)
    _clean(tally, exclude=["conference"])
    if tally.issuer.forms.exists() and not tally.issuer.forms.filter(pk=tally.form_id).exists():
        raise _invalid(
            {
                "form": [
                    _("%(issuer)s does not issue %(form)s.") % {"issuer": tally.issuer.name, "form": tally.form.name}
                ]
            }
        )
    return tally


def _figure_snapshot(figure: IndicatorValue) -> dict:
    return {
        "indicator": figure.indicator.code,
        "breakdown": figure.breakdown,
        "value": _number(figure.value),
        "out_of": _number(figure.out_of),
        "qualifier": figure.qualifier,
        "period_label": figure.period_label,
        "source_excerpt": figure.source_excerpt,
        "note": figure.note,
    }


def _tally_snapshot(tally: AwardTally) -> dict:
    return {
        "issuer": tally.issuer.code,
        "form": tally.form.code,
        "recipient_kind": tally.recipient_kind,
        "count": tally.count,
        "qualifier": tally.qualifier,
        "source_excerpt": tally.source_excerpt,
        "note": tally.note,
    }


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value.normalize())


def _figure_label(figure: IndicatorValue) -> str:
    return f"{figure.indicator.code}" + (f" · {figure.breakdown}" if figure.breakdown else "")


def _tally_label(tally: AwardTally) -> str:
    return f"{tally.issuer.code} · {tally.form.code} · {tally.recipient_kind}"


def _figure_in(conference: Conference, figure: IndicatorValue | int) -> IndicatorValue:
    pk = figure.pk if isinstance(figure, IndicatorValue) else figure
    found = (
        IndicatorValue.objects.select_for_update()
        .select_related("indicator")
        .filter(conference=conference, pk=pk)
        .first()
    )
    if found is None:
        raise ApplicationError(_("This figure does not belong to this report."))
    return found


def _tally_in(conference: Conference, tally: AwardTally | int) -> AwardTally:
    pk = tally.pk if isinstance(tally, AwardTally) else tally
    found = (
        AwardTally.objects.select_for_update()
        .select_related("issuer", "form")
        .filter(conference=conference, pk=pk)
        .first()
    )
    if found is None:
        raise ApplicationError(_("This award tally does not belong to this report."))
    return found


@transaction.atomic
def indicator_value_create(
    *, actor, conference: Conference, expected_version: int | None = None, **data
) -> IndicatorValue:
    """Add a figure: indicator (instance or code), breakdown (code, "" = total), value, out_of, qualifier,
    period_label, source_excerpt, note. A second figure for the same indicator and breakdown is refused."""
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    figure = _figure_from(conference=conference, data=data, catalogue=_Catalogue())
    if IndicatorValue.objects.filter(
        conference=conference, indicator=figure.indicator, breakdown=figure.breakdown
    ).exists():
        raise _invalid({"breakdown": [_duplicate_figure_message(figure)]})
    figure.save()
    _bump(conference)
    _audit(
        actor=actor,
        conference=conference,
        action="create",
        verb="indicator_value_create",
        after=_figure_snapshot(figure),
        note=_figure_label(figure),
    )
    return figure


@transaction.atomic
def indicator_value_update(
    *, actor, conference: Conference, figure: IndicatorValue | int, expected_version: int | None = None, **data
) -> IndicatorValue:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    figure = _figure_in(conference, figure)
    before = _figure_snapshot(figure)
    figure = _figure_from(conference=conference, data=data, catalogue=_Catalogue(), figure=figure)
    if (
        IndicatorValue.objects.filter(conference=conference, indicator=figure.indicator, breakdown=figure.breakdown)
        .exclude(pk=figure.pk)
        .exists()
    ):
        raise _invalid({"breakdown": [_duplicate_figure_message(figure)]})
    after = _figure_snapshot(figure)
    if after == before:
        return figure
    figure.save(update_fields=[*FIGURE_FIELDS, "updated_at"])
    _bump(conference)
    _audit(
        actor=actor,
        conference=conference,
        action="update",
        verb="indicator_value_update",
        before=before,
        after=after,
        note=_figure_label(figure),
    )
    return figure


@transaction.atomic
def indicator_value_delete(
    *, actor, conference: Conference, figure: IndicatorValue | int, expected_version: int | None = None
) -> None:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    figure = _figure_in(conference, figure)
    before = _figure_snapshot(figure)
    label = _figure_label(figure)
    figure.delete()
    _bump(conference)
    _audit(
        actor=actor, conference=conference, action="delete", verb="indicator_value_delete", before=before, note=label
    )


@transaction.atomic
def award_tally_create(*, actor, conference: Conference, expected_version: int | None = None, **data) -> AwardTally:
    """Add a tally: issuer and form (instances or codes), recipient_kind, count, qualifier, source_excerpt, note."""
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    tally = _tally_from(conference=conference, data=data, catalogue=_Catalogue())
    if AwardTally.objects.filter(
        conference=conference, issuer=tally.issuer, form=tally.form, recipient_kind=tally.recipient_kind
    ).exists():
        raise _invalid({"recipient_kind": [_("This issuer, form and recipient kind already has a tally.")]})
    tally.save()
    _bump(conference)
    _audit(
        actor=actor,
        conference=conference,
        action="create",
        verb="award_tally_create",
        after=_tally_snapshot(tally),
        note=_tally_label(tally),
    )
    return tally


@transaction.atomic
def award_tally_update(
    *, actor, conference: Conference, tally: AwardTally | int, expected_version: int | None = None, **data
) -> AwardTally:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    tally = _tally_in(conference, tally)
    before = _tally_snapshot(tally)
    tally = _tally_from(conference=conference, data=data, catalogue=_Catalogue(), tally=tally)
    if (
        AwardTally.objects.filter(
            conference=conference, issuer=tally.issuer, form=tally.form, recipient_kind=tally.recipient_kind
        )
        .exclude(pk=tally.pk)
        .exists()
    ):
        raise _invalid({"recipient_kind": [_("This issuer, form and recipient kind already has a tally.")]})
    after = _tally_snapshot(tally)
    if after == before:
        return tally
    tally.save(update_fields=[*TALLY_FIELDS, "updated_at"])
    _bump(conference)
    _audit(
        actor=actor,
        conference=conference,
        action="update",
        verb="award_tally_update",
        before=before,
        after=after,
        note=_tally_label(tally),
    )
    return tally


@transaction.atomic
def award_tally_delete(
    *, actor, conference: Conference, tally: AwardTally | int, expected_version: int | None = None
) -> None:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    tally = _tally_in(conference, tally)
    before, label = _tally_snapshot(tally), _tally_label(tally)
    tally.delete()
    _bump(conference)
    _audit(actor=actor, conference=conference, action="delete", verb="award_tally_delete", before=before, note=label)


@transaction.atomic
def conference_figures_replace(
    *, actor, conference: Conference, figures: list[dict], expected_version: int | None = None
) -> list[IndicatorValue]:
    """Make the report's figure table exactly `figures` (the page's table editor): figures are matched by
    indicator and breakdown; new ones are added, changed ones updated, missing ones deleted. All or nothing;
    errors come back as {"figures": [{…}, …]} in the order given."""
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    catalogue = _Catalogue()
    existing = {
        (f.indicator_id, f.breakdown): f
        for f in IndicatorValue.objects.select_for_update().select_related("indicator").filter(conference=conference)
    }
    wanted: dict[tuple, IndicatorValue] = {}
    events = []
    for index, item in enumerate(figures):
        try:
            probe = _figure_from(conference=conference, data=item, catalogue=catalogue)
            key = (probe.indicator_id, probe.breakdown)
            if key in wanted:
                raise _invalid({"breakdown": [_duplicate_figure_message(probe)]})
            current = existing.get(key)
            if current is None:
                wanted[key] = probe
                events.append(("create", None, probe))
            else:
                before = _figure_snapshot(current)
                full = {"indicator": current.indicator, "breakdown": current.breakdown, **item}
                full.setdefault("out_of", None)
                for field in ("period_label", "source_excerpt", "note"):
                    full.setdefault(field, "")
                updated = _figure_from(conference=conference, data=full, catalogue=catalogue, figure=current)
                wanted[key] = updated
                if _figure_snapshot(updated) != before:
                    events.append(("update", before, updated))
        except ApplicationError as error:
            raise _prefix_errors(error, key="figures", index=index, total=len(figures))
    for key, figure in existing.items():
        if key not in wanted:
            events.append(("delete", _figure_snapshot(figure), figure))
    if not events:
        return list(wanted.values())
    _apply_row_events(
        actor=actor,
        conference=conference,
        events=events,
        verb_prefix="indicator_value",
        fields=FIGURE_FIELDS,
        snapshot=_figure_snapshot,
        label=_figure_label,
    )
    _bump(conference)
    return list(wanted.values())


@transaction.atomic
def conference_tallies_replace(
    *, actor, conference: Conference, tallies: list[dict], expected_version: int | None = None
) -> list[AwardTally]:
    """Make the report's award tallies exactly `tallies` (matched by issuer, form and recipient kind)."""
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    catalogue = _Catalogue()
    existing = {
        (t.issuer_id, t.form_id, t.recipient_kind): t
        for t in AwardTally.objects.select_for_update().select_related("issuer", "form").filter(conference=conference)
    }
    wanted: dict[tuple, AwardTally] = {}
    events = []
    for index, item in enumerate(tallies):
        try:
            probe = _tally_from(conference=conference, data=item, catalogue=catalogue)
            key = (probe.issuer_id, probe.form_id, probe.recipient_kind)
            if key in wanted:
                raise _invalid({"recipient_kind": [_("This issuer, form and recipient kind already has a tally.")]})
            current = existing.get(key)
            if current is None:
                wanted[key] = probe
                events.append(("create", None, probe))
            else:
                before = _tally_snapshot(current)
                full = {"source_excerpt": "", "note": "", **item}
                updated = _tally_from(conference=conference, data=full, catalogue=catalogue, tally=current)
                wanted[key] = updated
                if _tally_snapshot(updated) != before:
                    events.append(("update", before, updated))
        except ApplicationError as error:
            raise _prefix_errors(error, key="tallies", index=index, total=len(tallies))
    for key, tally in existing.items():
        if key not in wanted:
            events.append(("delete", _tally_snapshot(tally), tally))
    if not events:
        return list(wanted.values())
    _apply_row_events(
        actor=actor,
        conference=conference,
        events=events,
        verb_prefix="award_tally",
        fields=TALLY_FIELDS,
        snapshot=_tally_snapshot,
        label=_tally_label,
    )
    _bump(conference)
    return list(wanted.values())


# ---------------------------------------------------------------------------------------------------------------
# Source documents


def _source_document_build(*, actor, conference: Conference, data: dict) -> SourceDocument:
    unknown = set(data) - set(SOURCE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    document = SourceDocument(
        conference=conference, **{k: ("" if v is None and k != "published_on" else v) for k, v in data.items()}
    )
    _clean(document, exclude=["conference"])
    document.save()
    after = audit.snapshot(document, fields=["id", "title", "publisher", "author", "published_on", "url"])
    _audit(actor=actor, conference=conference, action="create", verb="source_document_create", after=after)
    return document


@transaction.atomic
def source_document_create(
    *, actor, conference: Conference, expected_version: int | None = None, **data
) -> SourceDocument:
    """Attach a source: title, publisher, author, published_on, url, summary, full_text."""
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    document = _source_document_build(actor=actor, conference=conference, data=data)
    _bump(conference)
    return document


@transaction.atomic
def source_document_delete(*, actor, conference: Conference, document: SourceDocument | int) -> None:
    conference = _lock(conference)
    _require_editable(actor=actor, conference=conference)
    pk = document.pk if isinstance(document, SourceDocument) else document
    document = SourceDocument.objects.filter(conference=conference, pk=pk).first()
    if document is None:
        raise ApplicationError(_("This source document does not belong to this report."))
    before = audit.snapshot(document, fields=["id", "title", "publisher", "author", "published_on", "url"])
    document.delete()
    _bump(conference)
    _audit(actor=actor, conference=conference, action="delete", verb="source_document_delete", before=before)


# ---------------------------------------------------------------------------------------------------------------
# Workflow: draft → submitted → approved → published; submitted → returned (reason) → submitted …;
# approved / published → draft by an explicit reopen.


def _transition(*, actor, conference: Conference, to_status: str, verb: str, reason: str = "", fields=()) -> Conference:
    from_status = conference.status
    before = audit.snapshot(conference, fields=["status", *fields])
    conference.status = to_status
    conference.version += 1
    _clean(conference)
    conference.save(update_fields=["status", "version", "updated_at", *fields])
    ConferenceTransition.objects.create(
        conference=conference, from_status=from_status, to_status=to_status, actor=_user(actor), reason=reason
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRANSITION,
        verb=verb,
        instance=conference,
        area=conference.area,
        before=before,
        after=audit.snapshot(conference, fields=["status", *fields]),
        note=reason,
    )
    corrections.on_transition(
        conference=conference, from_status=from_status, to_status=to_status, actor=actor, reason=reason
    )
    notify(event=verb, instance=conference, actor=actor, reason=reason)  # after the commit (notifications)
    if Status.PUBLISHED in (from_status, to_status):
        rollups.conference_changed(conference)  # the summary rows and the public cache, in this transaction
    return conference


def _expect_status(conference: Conference, allowed: tuple, message) -> None:
    if conference.status not in allowed:
        raise ApplicationError(message, field_errors={"status": [conference.get_status_display()]})


@transaction.atomic
def conference_submit(*, actor, conference: Conference, expected_version: int | None = None) -> Conference:
    conference = _lock(conference)
    require_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_EDIT)
    _check_version(conference, expected_version)
    _expect_status(conference, Conference.EDITABLE_STATUSES, _("Only a draft or a returned report can be submitted."))
    if not conference.figures.exists() and not conference.tallies.exists():
        raise ApplicationError(_("Enter at least one figure or award tally before submitting the report."))
    conference.submitted_by, conference.submitted_at = _user(actor), timezone.now()
    return _transition(
        actor=actor,
        conference=conference,
        to_status=Status.SUBMITTED,
        verb="conference_submit",
        fields=["submitted_by", "submitted_at"],
    )


@transaction.atomic
def conference_approve(*, actor, conference: Conference, expected_version: int | None = None) -> Conference:
    conference = _lock(conference)
    _require_approver(actor=actor, conference=conference)
    if audit.last_editor_id(conference) == getattr(actor, "pk", None):
        # the two-person rule holds for whoever last changed the report or its figures, not only the submitter
        error = PermissionDeniedError(Capability.CONFERENCES_APPROVE)
        error.message = _("You made the last change to this report: another approver must review it.")
        raise error
    _check_version(conference, expected_version)
    _expect_status(conference, (Status.SUBMITTED,), _("Only a submitted report can be approved."))
    conference.approved_by, conference.approved_at = _user(actor), timezone.now()
    return _transition(
        actor=actor,
        conference=conference,
        to_status=Status.APPROVED,
        verb="conference_approve",
        fields=["approved_by", "approved_at"],
    )


@transaction.atomic
def conference_return(*, actor, conference: Conference, reason: str, expected_version: int | None = None) -> Conference:
    conference = _lock(conference)
    _require_approver(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    _expect_status(conference, (Status.SUBMITTED,), _("Only a submitted report can be returned."))
    reason = (reason or "").strip()
    if not reason:
        raise _invalid({"reason": [_("Give the reason for returning the report.")]})
    conference.return_reason = reason
    return _transition(
        actor=actor,
        conference=conference,
        to_status=Status.RETURNED,
        verb="conference_return",
        reason=reason,
        fields=["return_reason"],
    )


@transaction.atomic
def conference_publish(*, actor, conference: Conference, expected_version: int | None = None) -> Conference:
    conference = _lock(conference)
    _require_approver(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    _expect_status(conference, (Status.APPROVED,), _("Only an approved report can be published."))
    conference.published_at = timezone.now()
    return _transition(
        actor=actor,
        conference=conference,
        to_status=Status.PUBLISHED,
        verb="conference_publish",
        fields=["published_at"],
    )


@transaction.atomic
def conference_reopen(
    *, actor, conference: Conference, reason: str = "", expected_version: int | None = None
) -> Conference:
    """Unlock an approved or published report for changes (a reason is required): it goes back to draft; a
    published one stays on the public pages as last published, with a notice (workday.corrections)."""
    conference = _lock(conference)
    _require_approver(actor=actor, conference=conference)
    _check_version(conference, expected_version)
    _expect_status(
        conference, (Status.APPROVED, Status.PUBLISHED), _("Only an approved or published report can be reopened.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise _invalid({"reason": [_("Give the reason for reopening the report.")]})
    conference.approved_by, conference.approved_at, conference.published_at = None, None, None
    conference.return_reason = ""
    return _transition(
        actor=actor,
        conference=conference,
        to_status=Status.DRAFT,
        verb="conference_reopen",
        reason=(reason or "").strip(),
        fields=["approved_by", "approved_at", "published_at", "return_reason"],
    )


def summary_records_changed(*, source: str | None, areas, years=None) -> None:
    """Records behind a dashboard record count changed (e.g. awards: a certification registered, recognised
    or revoked, an award decision issued or annulled). Call inside the writing transaction: the stored counts
    of these areas' provinces (and years, when given) are asked again of the provider named `source` (every
    provider when None), and the public summaries' cache moves on."""
    rollups.records_changed(source=source, areas=areas, years=years)


TRANSITIONS = {
    "submit": conference_submit,
    "approve": conference_approve,
    "return": conference_return,
    "publish": conference_publish,
    "reopen": conference_reopen,
}


def conference_allowed_actions(*, actor, conference: Conference) -> list[str]:
    """The transitions (and "edit") this actor may use on this conference now (no queries beyond the
    actor's cached role paths)."""
    actions = []
    may_edit = has_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_EDIT)
    may_approve = has_capability(actor=actor, area=conference.area, capability=Capability.CONFERENCES_APPROVE)
    is_submitter = bool(conference.submitted_by_id) and conference.submitted_by_id == getattr(actor, "pk", None)
    if may_edit and conference.is_editable:
        actions += ["edit", "submit"]
    if may_approve and not is_submitter:
        if conference.status == Status.SUBMITTED:
            actions += ["approve", "return"]
        elif conference.status == Status.APPROVED:
            actions += ["publish", "reopen"]
        elif conference.status == Status.PUBLISHED:
            actions += ["reopen"]
    return actions


# ---------------------------------------------------------------------------------------------------------------
# Imports without a person (the demo loader): a published report recorded as the system's doing.


@transaction.atomic
def conference_import_published(*, data: dict, figures, tallies, source_documents, published_on=None) -> Conference:
    """Record a report that was already published elsewhere (the seed reports): created, approved and
    published in one step, each transition recorded with no actor. For loaders, never for user input."""
    data = _conference_data(data)
    conference = _build_conference(
        actor=None, data=data, figures=figures, tallies=tallies, source_documents=source_documents
    )
    moment = timezone.now()
    if published_on:
        moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(12, 0)))
    conference.approved_at = conference.published_at = moment
    for to_status, verb, fields in (
        (Status.APPROVED, "conference_approve", ["approved_at"]),
        (Status.PUBLISHED, "conference_publish", ["published_at"]),
    ):
        _transition(actor=None, conference=conference, to_status=to_status, verb=verb, fields=fields)
    return conference


def _apply_row_events(*, actor, conference, events, verb_prefix, fields, snapshot, label) -> None:
    """Write a table replacement (deletes first, then creates and updates), auditing every row."""
    for action, before, row in events:
        if action == "delete":
            note = label(row)
            row.delete()
            _audit(
                actor=actor,
                conference=conference,
                action="delete",
                verb=f"{verb_prefix}_delete",
                before=before,
                note=note,
            )
    for action, before, row in events:
        if action == "create":
            row.save()
        elif action == "update":
            row.save(update_fields=[*fields, "updated_at"])
        else:
            continue
        _audit(
            actor=actor,
            conference=conference,
            action=action,
            verb=f"{verb_prefix}_{action}",
            before=before,
            after=snapshot(row),
            note=label(row),
        )
