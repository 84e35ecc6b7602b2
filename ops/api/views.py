from rest_framework import mixins, permissions, viewsets

from ops.api.serializers import AuditEventOutputSerializer
from ops.filters import AuditEventFilter
from ops.selectors import audit_event_list, audit_is_visible_to


class CanReadAuditTrail(permissions.BasePermission):
    """Approvers (somewhere) and national administrators; the queryset then keeps their areas only."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and audit_is_visible_to(actor=request.user))


class AuditEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail, read-only: who created, changed or moved which record, when, before → after.
    Approvers see the events of their areas; national administrators see all."""

    serializer_class = AuditEventOutputSerializer
    permission_classes = [CanReadAuditTrail]
    filterset_class = AuditEventFilter
    ordering_fields = ["occurred_at", "id"]

    def get_queryset(self):
        return audit_event_list(actor=self.request.user)
