"""The audit trail every service writes: who did what to which record, when, before → after.

Call `record()` inside the service's transaction, after the change, so the event and the change commit
together or not at all. `snapshot()` gives a JSON-safe dict of a model instance's fields."""

import datetime
import decimal
import uuid

from django.db import models

from movement.models import AdministrativeUnit, AuditEvent


def _json_safe(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance, fields: list[str] | None = None) -> dict:
    """The instance's concrete field values (foreign keys as ids), JSON-safe."""
    result = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("search_name", "created_at", "updated_at"):
            continue
        result[field.attname if field.is_relation else field.name] = _json_safe(field.value_from_object(instance))
    return result


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Keep only the keys that changed (both sides), for compact update events."""
    if not before or not after:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    *,
    actor,
    action: str,
    verb: str,
    instance,
    area: AdministrativeUnit | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEvent:
    if action == AuditEvent.Action.UPDATE:
        before, after = diff(before, after)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        verb=verb,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        area=area,
        before=before,
        after=after,
        note=note,
    )


EDITS = ("create", "update", "delete")


def last_editor_id(instance) -> int | None:
    """The user who last changed `instance`'s values (its latest create, update or delete event in the
    trail, the record's parts included, e.g. a report's figures): the two-person rule keeps that person from
    approving what they changed."""
    return (
        AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk), action__in=EDITS)
        .order_by("-occurred_at", "-id")
        .values_list("actor_id", flat=True)
        .first()
    )
