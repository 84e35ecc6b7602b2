from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from notifications.models import EmailDelivery, Notification, NotificationPreference
from notifications.services import queue_delivery


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Failed emails are visible to national administrators here (filter "Failed") and can be sent again."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "last_attempt_at", "last_error"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in EmailDelivery._meta.fields]
    actions = ["send_again"]

    @admin.action(description=_("Send the selected emails again"))
    def send_again(self, request, queryset):
        count = 0
        for delivery in queryset.exclude(status=EmailDelivery.Status.SENT):
            delivery.status, delivery.attempts = EmailDelivery.Status.QUEUED, 0
            delivery.save(update_fields=["status", "attempts"])
            queue_delivery(delivery)
            count += 1
        messages.success(request, _("%(n)s emails queued again.") % {"n": count})

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "event", "object_label", "read_at"]
    list_filter = ["event"]
    search_fields = ["object_label", "recipient__username"]
    raw_id_fields = ["recipient", "actor"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled"]
    raw_id_fields = ["user"]
