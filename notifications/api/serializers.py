from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "event",
            "text",
            "object_type",
            "object_id",
            "object_label",
            "reason",
            "url",
            "created_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_text(self, obj) -> str:
        return str(obj)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        max_length=500,
        help_text="Notifications to mark read; all unread ones when left out.",
    )


class PreferenceSerializer(serializers.Serializer):
    email_enabled = serializers.BooleanField()
