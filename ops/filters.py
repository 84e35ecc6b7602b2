import django_filters

from movement.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    """Optional filters of /api/v1/audit-events/ (the selector scopes; this only narrows)."""

    object_type = django_filters.CharFilter()
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices)
    verb = django_filters.CharFilter()
    object_id = django_filters.CharFilter()
    actor = django_filters.CharFilter(field_name="actor__username", lookup_expr="iexact", label="actor (user name)")
    area = django_filters.NumberFilter(field_name="area_id")
    occurred_after = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__lte")

    class Meta:
        model = AuditEvent
        fields = ["object_type", "action", "verb", "object_id", "actor", "area", "occurred_after", "occurred_before"]
