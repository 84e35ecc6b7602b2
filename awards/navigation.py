"""Menu entries of this app (see movement.context_processors.portal_nav). No database query: the pages
themselves show only what the user's roles allow."""

from django.urls import reverse
from django.utils.translation import gettext as _


def nav_items(request) -> list[dict]:
    items = [{"url": reverse("award-public-list"), "label": _("Award decisions")}]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items += [
            {"url": reverse("certification-queue"), "label": _("Certification review")},
            {"url": reverse("award-list"), "label": _("Award records")},
            {"url": reverse("rating-list"), "label": _("Movement ratings")},
        ]
    return items
