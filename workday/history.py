"""Readable history: audit events (before → after) as people read them.

Field labels (the models' verbose names, Vietnamese first), values as displayed (names, not ids; choices by
their label; local dates "dd/mm/yyyy" and times "dd/mm/yyyy HH:MM"; years, codes and ids without a thousands
separator, counts and figures with one), and only the fields that changed. Used by the report history
(reports.selectors.conference_history) and the audit page (/staff/audit/)."""

import datetime
import decimal
from collections import defaultdict

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SKIPPED = {"id", "version", "search_name", "created_at", "updated_at"}
GROUPED = {"value", "out_of", "count", "self_score", "score", "approved_score", "population", "households"}
EXTRA_LABELS = {
    "results": gettext_lazy("criteria results"),
    "recipients": gettext_lazy("recipients"),
    "figures": gettext_lazy("figures"),
    "tallies": gettext_lazy("award tallies"),
    "certifications": gettext_lazy("certifications"),
}
# audit verbs whose rows describe a child record of the event's object (e.g. a figure of a conference)
VERB_MODELS = {
    "indicator_value": "reports.IndicatorValue",
    "award_tally": "reports.AwardTally",
    "source_document": "reports.SourceDocument",
    "award_recipient": "awards.AwardRecipient",
}
VERB_LABELS = {
    "create": gettext_lazy("created"),
    "update": gettext_lazy("changed"),
    "delete": gettext_lazy("deleted"),
    "add": gettext_lazy("added"),
    "submit": gettext_lazy("submitted"),
    "approve": gettext_lazy("approved"),
    "return": gettext_lazy("returned for changes"),
    "publish": gettext_lazy("published"),
    "reopen": gettext_lazy("reopened for changes"),
    "reject": gettext_lazy("rejected"),
    "recognise": gettext_lazy("recognised"),
    "revoke": gettext_lazy("revoked"),
    "issue": gettext_lazy("issued"),
    "annul": gettext_lazy("annulled"),
    "register": gettext_lazy("registered"),
    "assess": gettext_lazy("self-assessed"),
    "import": gettext_lazy("imported"),
}


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def event_model(event):
    for prefix, label in VERB_MODELS.items():
        if event.verb.startswith(prefix + "_"):
            return _model(label)
    return _model(event.object_type)


def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name).capitalize() if model else object_type


VERB_SUBJECTS = {
    **VERB_MODELS,
    "award_recipients": "awards.AwardRecipient",
    "conference": "reports.Conference",
    "certification": "awards.SafetyCertification",
    "award_decision": "awards.AwardDecision",
    "recognition_decision": "awards.RecognitionDecision",
    "rating": "awards.MovementRating",
    "unit": "movement.Unit",
    "self_management_model": "movement.SelfManagementModel",
}


def verb_label(verb: str) -> str:
    """ "indicator_value_update" → "Số liệu: đã sửa" (the record's name, then what was done)."""
    for prefix in sorted(VERB_SUBJECTS, key=len, reverse=True):
        if verb.startswith(prefix + "_"):
            model, action = _model(VERB_SUBJECTS[prefix]), verb[len(prefix) + 1 :]
            break
    else:
        model, action = None, verb
    text = str(VERB_LABELS.get(action, action.replace("_", " ")))
    if model is None:
        return text.capitalize()
    return f"{str(model._meta.verbose_name).capitalize()}: {text}"


def _field(model, key: str):
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") and not field.auto_created else None


def field_label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None:
        return str(field.verbose_name).capitalize()
    if key in EXTRA_LABELS:
        return str(EXTRA_LABELS[key]).capitalize()
    return key.removesuffix("_id").replace("_", " ").capitalize()


def _changed_keys(event) -> list[tuple[str, object, object]]:
    before, after = event.before or {}, event.after or {}
    keys = list(after) + [k for k in before if k not in after]
    result = []
    for key in keys:
        if key in SKIPPED:
            continue
        old, new = before.get(key), after.get(key)
        if event.action == "create":
            old = None
            if new in (None, "", [], {}):
                continue
        elif event.action == "delete":
            new = None
            if old in (None, "", [], {}):
                continue
        elif old == new:
            continue
        result.append((key, old, new))
    return result


def _is_empty(value) -> bool:
    return value is None or value == ""


def display_value(field, value, names: dict, key: str = "") -> str:
    if _is_empty(value):
        return "—"
    if isinstance(value, list | dict):
        return _("%(n)s items") % {"n": len(value)}
    if key == "breakdown" and field is not None and field.model._meta.app_label == "reports":
        return _breakdown(str(value))
    if field is None:
        return str(value)
    if field.is_relation and field.many_to_one:
        return names.get(_name_key(field, key, value), str(value) if key == field.name else f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is None:
            return str(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.DateField):
        day = parse_date(str(value)[:10])
        return day.strftime("%d/%m/%Y") if day else str(value)
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            return str(value)
        if number == number.to_integral_value():
            number = number.quantize(decimal.Decimal(1))
        if key in GROUPED or field.name in GROUPED:
            return formats.number_format(number, force_grouping=True)
        if number == number.to_integral_value():
            return str(int(number))  # years, codes, ids: no thousands separator
        return formats.number_format(number)
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _by_code(field, key: str) -> bool:
    """The services store some foreign keys by their code under the field's name ("indicator":
    "tips_provided"), others by id under the column's name ("area_id": 12)."""
    return key == field.name and any(f.name == "code" for f in field.related_model._meta.concrete_fields)


def _name_key(field, key: str, value) -> tuple[str, str, str]:
    return (field.related_model._meta.label_lower, "code" if _by_code(field, key) else "pk", str(value))


def _names(events) -> dict[tuple[str, str, str], str]:
    """(model label, "pk"|"code", value) → the record's name, for every foreign key these events mention
    (one query per model and kind)."""
    wanted: dict = defaultdict(set)
    for event in events:
        model = event_model(event)
        for key, old, new in _changed_keys(event):
            field = _field(model, key)
            if field is not None and field.is_relation and field.many_to_one:
                for value in (old, new):
                    if not _is_empty(value):
                        wanted[(field.related_model, "code" if _by_code(field, key) else "pk")].add(value)
    names = {}
    for (model, kind), values in wanted.items():
        values = list(values)[:500]
        if kind == "code":
            found = {obj.code: obj for obj in model._default_manager.filter(code__in=values)}
        else:
            found = model._default_manager.in_bulk([v for v in values if str(v).isdigit()])
        for value, obj in found.items():
            names[(model._meta.label_lower, kind, str(value))] = _record_name(obj)
    return names


def _record_name(obj) -> str:
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def subject(event, lines) -> str:
    """What a child-record event is about, readable ("Tin báo tố giác · Xã"), instead of its codes."""
    model = event_model(event)
    if model is None or model._meta.label_lower == event.object_type:
        return event.note if event.action != "transition" else ""
    data = event.after or event.before or {}
    keys = {
        "reports.indicatorvalue": ("indicator", "breakdown"),
        "reports.awardtally": ("issuer", "form", "recipient_kind"),
    }.get(model._meta.label_lower)
    if not keys:
        return event.note
    names = _names([event])
    parts = []
    for key in keys:
        field, value = _field(model, key), data.get(key)
        if not _is_empty(value):
            parts.append(display_value(field, value, names, key) if key != "breakdown" else _breakdown(value))
    return " · ".join(parts) or event.note


def _breakdown(code: str) -> str:
    from reports.selectors import breakdown_names

    return breakdown_names().get(code, code)


def readable(events) -> list[list[tuple[str, str | None, str | None]]]:
    """For each event: [(field label, before or None, after or None)] of the fields that changed."""
    events = list(events)
    names = _names(events)
    result = []
    for event in events:
        model = event_model(event)
        lines = []
        for key, old, new in _changed_keys(event):
            field = _field(model, key)
            lines.append(
                (
                    field_label(model, key),
                    None if event.action == "create" else display_value(field, old, names, key),
                    None if event.action == "delete" else display_value(field, new, names, key),
                )
            )
        result.append(lines)
    return result


def local_datetime(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


# Corrections: what changed between the published versions (for the public "Đính chính" list) ---------------


def correction_lines(correction) -> list[str]:
    from reports.models import AwardForm, Conference, Indicator, IndicatorValue, IssuingAuthority
    from reports.summaries import format_number, qualified

    lines = []
    indicators = Indicator.objects.in_bulk(
        {c["key"][0] for c in correction.changes if c["kind"] == "figure" and c["key"][0]}
    )
    issuers = IssuingAuthority.objects.in_bulk({c["key"][0] for c in correction.changes if c["kind"] == "tally"})
    forms = AwardForm.objects.in_bulk({c["key"][1] for c in correction.changes if c["kind"] == "tally"})
    value_field = IndicatorValue._meta.get_field("value")

    def amount(row, name):
        if row is None:
            return "—"
        number = decimal.Decimal(str(row[name]))
        text = qualified(number, row.get("qualifier", "exact"))
        if row.get("out_of") not in (None, ""):
            text += "/" + format_number(decimal.Decimal(str(row["out_of"])))
        return text

    for change in correction.changes:
        if change["kind"] == "figure":
            indicator = indicators.get(change["key"][0])
            name = indicator.name if indicator else str(value_field.verbose_name)
            if change["key"][1]:
                name += f" ({change['key'][1]})"
            lines.append(f"{name}: {amount(change['before'], 'value')} → {amount(change['after'], 'value')}")
        elif change["kind"] == "tally":
            issuer, form = issuers.get(change["key"][0]), forms.get(change["key"][1])
            name = " · ".join(str(x) for x in (issuer, form) if x)
            lines.append(f"{name}: {amount(change['before'], 'count')} → {amount(change['after'], 'count')}")
        else:
            field = _field(Conference, change["key"])
            lines.append(
                f"{field_label(Conference, change['key'])}: {display_value(field, change['before'], {})} → "
                f"{display_value(field, change['after'], {})}"
            )
    return lines
