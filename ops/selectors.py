"""Reads of the audit trail, scoped: approvers see the events of records in their areas (by the event's
administrative unit), national administrators see everything, including events without an area."""

import datetime

from django.db.models import Q

from movement.access import Capability, area_scope_q, has_any_capability
from movement.models import AuditEvent

AUDIT_CAPABILITIES = (Capability.CONFERENCES_APPROVE, Capability.AWARDS_ISSUE)


def audit_is_visible_to(*, actor) -> bool:
    """Whether the actor may open the audit trail at all (an approver somewhere, or national admin)."""
    return any(has_any_capability(actor=actor, capability=capability) for capability in AUDIT_CAPABILITIES)


def audit_scope_q(*, actor) -> Q:
    parts = [area_scope_q(actor=actor, capability=capability, via="area") for capability in AUDIT_CAPABILITIES]
    if any(not part for part in parts):  # an empty Q() means "everywhere"
        return Q()
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def audit_event_list(
    *,
    actor,
    object_type: str = "",
    action: str = "",
    actor_username: str = "",
    occurred_from: datetime.date | None = None,
    occurred_to: datetime.date | None = None,
):
    """Audit events in the actor's scope, newest first, with who and where (two joins, one query)."""
    events = AuditEvent.objects.filter(audit_scope_q(actor=actor)).select_related("actor", "area")
    if object_type:
        events = events.filter(object_type=object_type)
    if action:
        events = events.filter(action=action)
    if actor_username:
        events = events.filter(actor__username__iexact=actor_username)
    if occurred_from:
        events = events.filter(occurred_at__date__gte=occurred_from)
    if occurred_to:
        events = events.filter(occurred_at__date__lte=occurred_to)
    return events.order_by("-occurred_at", "-pk")


def audit_object_types(*, actor) -> list[str]:
    """The record types present in the actor's scope (for the filter's choices)."""
    return list(
        AuditEvent.objects.filter(audit_scope_q(actor=actor))
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def audit_changes(event: AuditEvent) -> list[tuple[str, object, object]]:
    """(field, before, after) for display; creation shows after only, deletion before only."""
    before, after = event.before or {}, event.after or {}
    keys = list(after) + [key for key in before if key not in after]
    return [(key, before.get(key), after.get(key)) for key in keys]
