"""Stale forms on the staff pages: what changed since the user opened a versioned record.

A page's form carries the record's `version` in a hidden field; the service refuses a stale one
(PreconditionFailedError). The page then saves nothing, shows again what the user typed, and above it
what changed since they opened it: "field: your value → current value", with who saved the changes and
when (from the audit trail). The hidden version is moved to the current one, so that saving again, after
checking, keeps the user's values knowingly.

    except PreconditionFailedError:
        context["stale"] = staleness.for_form(form, instance=record_now, since_version=typed_version)

and in the template: {% include "movement/_stale_changes.html" %}.
"""

import datetime
import decimal
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from movement.errors import PreconditionRequiredError
from movement.lookups import parse_version
from movement.models import AuditEvent

HIDDEN_KEYS = {"version", "updated_at", "created_at", "search_name"}


def missing_version_message() -> str:
    return _(
        "The page did not send the version of the record you opened, so your change could overwrite a "
        "colleague's: reload the page and try again."
    )


class MissingVersionError(PreconditionRequiredError):
    """A staff form or transition posted without the record's version (or with an unreadable one): nothing
    is saved (the API answers 428 likewise)."""

    def __init__(self):
        message = missing_version_message()
        super().__init__(message, field_errors={"version": [message]})


def require_version(form):
    """Make the hidden `version` field of an edit or transition form required: posted without it (or empty,
    or not a number) the form is invalid with a clear message, instead of saving without the check."""
    field = form.fields.get("version")
    if field is not None:
        field.required = True
        field.error_messages = {**field.error_messages, "required": missing_version_message()}
        field.error_messages["invalid"] = missing_version_message()
        original_clean = form.clean

        def clean():
            # a hidden field's error is shown with the form's own errors (templates print no hidden field)
            if "version" in form._errors:
                form.add_error(None, list(form._errors.pop("version")))
            return original_clean()

        form.clean = clean
    return form


MISSING_VERSION = -1  # no record has it: the service still checks rights and state first, then refuses


def version_from_post(request) -> int:
    """The version a plain staff POST (a button form) carries, or MISSING_VERSION without a readable one.
    Passed on as `expected_version`, MISSING_VERSION makes the service answer as it would to a stale page
    (after its permission checks, so a 403 stays a 403); `explain` turns that answer into the message
    about the missing version."""
    version = parse_version(request.POST.get("version"))
    return MISSING_VERSION if version is None else version


def explain(error: Exception, version: int | None) -> Exception:
    """MissingVersionError for the stale-version refusal of a post that sent no version; `error` otherwise."""
    from movement.errors import PreconditionFailedError

    if version == MISSING_VERSION and isinstance(error, PreconditionFailedError):
        return MissingVersionError()
    return error


@dataclass(frozen=True)
class Change:
    label: str
    yours: str
    current: str


@dataclass
class Stale:
    """What the template shows: the differing values, and the saves made since the user's version."""

    changes: list[Change]
    edits: list[AuditEvent] = field(default_factory=list)
    current_version: int | None = None


def display(value) -> str:
    """A value as the pages show it (Vietnamese formats), "" shown as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime | datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, decimal.Decimal):  # 3072.000 → 3.072; 12.500 → 12,5
        value = int(value) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, decimal.Decimal | float):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, list | tuple):
        return "; ".join(display(v) for v in value)
    return str(value)


def edits_since(instance, since_version: int | None, *, limit: int = 20) -> list[AuditEvent]:
    """Audit events of `instance` that raised its version above `since_version` (oldest first). Changes
    recorded without the version (a figure of a report) are left out: the comparison still shows them."""
    events = AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk))
    events = list(events.select_related("actor").order_by("-occurred_at", "-id")[: limit * 10])
    if since_version is not None:
        events = [e for e in events if (e.after or {}).get("version", 0) > since_version]
    return list(reversed(events[:limit]))


def changed_fields(events: list[AuditEvent]) -> set[str]:
    """Field names (foreign keys without their `_id`) that these events changed."""
    names = set()
    for event in events:
        before, after = event.before or {}, event.after or {}
        for key in set(before) | set(after):
            if key not in HIDDEN_KEYS and before.get(key) != after.get(key):
                names.add(key.removesuffix("_id"))
    return names


def _choice_label(form_field, value) -> str:
    if isinstance(form_field, forms.ModelChoiceField):
        return display(value)
    if isinstance(form_field, forms.ChoiceField):
        labels = {str(k): v for k, v in form_field.choices}
        return str(labels.get(str(value), display(value)))
    return display(value)


def _same(yours, current) -> bool:
    if isinstance(current, models.Model) or isinstance(yours, models.Model):
        return getattr(yours, "pk", yours) == getattr(current, "pk", current)
    if isinstance(current, list) and isinstance(yours, str):
        yours = [line.strip() for line in yours.splitlines() if line.strip()]
    if yours in (None, "") and current in (None, ""):
        return True
    if isinstance(current, decimal.Decimal | int) and isinstance(yours, decimal.Decimal | int):
        return decimal.Decimal(yours) == decimal.Decimal(current)
    return yours == current


def for_form(form, *, instance, since_version: int | None, current=None) -> Stale:
    """Compare what the user submitted in `form` with `instance` as it is now. Fields that the audit
    trail shows changed since `since_version` come first; fields the user changed alone are left out
    when the trail says which fields others changed. `current(name)` overrides how a field's current value
    is read (default: the attribute of the same name)."""
    edits = edits_since(instance, since_version)
    others = changed_fields(edits)
    data = getattr(form, "cleaned_data", {}) or {}
    changes = []
    for name, form_field in form.fields.items():
        if name in HIDDEN_KEYS or isinstance(form_field.widget, forms.HiddenInput):
            continue
        if others and name not in others:
            continue
        yours = data[name] if name in data else form.data.get(form.add_prefix(name))
        now = current(name) if current else getattr(instance, name, None)
        if _same(yours, now):
            continue
        changes.append(
            Change(str(form_field.label or name), _choice_label(form_field, yours), _choice_label(form_field, now))
        )
    move_version(form, instance)
    return Stale(changes=changes, edits=edits, current_version=getattr(instance, "version", None))


def for_rows(yours: dict, current: dict, *, instance, since_version: int | None, labels: dict) -> Stale:
    """Compare two tables of rows keyed alike ({key: display text}); `labels` names each key."""
    changes = []
    for key in list(current) + [k for k in yours if k not in current]:
        mine, now = yours.get(key, "—"), current.get(key, "—")
        if mine != now:
            changes.append(Change(str(labels.get(key, key)), mine, now))
    return Stale(
        changes=changes, edits=edits_since(instance, since_version), current_version=getattr(instance, "version", None)
    )


def move_version(form, instance) -> None:
    """Put the record's current version in the form's hidden field: saving again, after checking the
    changes, keeps the user's values knowingly."""
    if "version" not in form.fields or not form.is_bound:
        return
    data = form.data.copy()
    data[form.add_prefix("version")] = str(instance.version)
    form.data = data
