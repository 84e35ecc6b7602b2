from notifications.models import Notification


def notification_list(*, user, unread_only: bool = False):
    rows = Notification.objects.filter(recipient=user).select_related("actor")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows
