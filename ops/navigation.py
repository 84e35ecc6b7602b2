from django.urls import reverse
from django.utils.translation import gettext as _

from ops.selectors import audit_is_visible_to


def nav_items(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not audit_is_visible_to(actor=user):
        return []
    return [{"url": reverse("audit-list"), "label": _("Audit trail")}]
