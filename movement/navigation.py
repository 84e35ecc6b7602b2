"""Menu entries of this app (see movement.context_processors.portal_nav)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from movement.access import Capability, has_any_capability


def nav_items(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not has_any_capability(actor=user, capability=Capability.UNITS_EDIT):
        return []
    return [{"url": reverse("unit-registry"), "label": _("Units")}]
