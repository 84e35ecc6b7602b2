"""Menu entry: the notifications, with the number of unread ones (movement.context_processors.portal_nav)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.services import unread_count


def nav_items(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return [
        {
            "url": reverse("notification-list"),
            "label": _("Notifications"),
            "count": unread_count(user),
            "count_label": _("unread"),
        }
    ]
