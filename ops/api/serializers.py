from rest_framework import serializers

from movement.models import AuditEvent


class AuditEventOutputSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor",
            "action",
            "verb",
            "object_type",
            "object_id",
            "object_repr",
            "area",
            "area_name",
            "before",
            "after",
            "note",
        ]
        read_only_fields = fields
