"""API routes of this app; config/api.py calls register() on the one router."""

from ops.api.views import AuditEventViewSet


def register(router) -> None:
    router.register("audit-events", AuditEventViewSet, basename="audit-event")
