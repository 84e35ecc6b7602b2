"""What each event says, to whom it goes, and where it links.

The events are the audit verbs of the transitions (reports.services, awards.services). Texts are built when
shown, in the reader's language (Vietnamese first); emails carry the Vietnamese text, then the English one."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from movement.access import Capability, roles_with
from movement.models import Role, RoleAssignment

MESSAGES = {
    "conference_submit": gettext_lazy("%(actor)s submitted the report “%(object)s” for your approval."),
    "conference_return": gettext_lazy("The report “%(object)s” was returned for changes: %(reason)s"),
    "conference_approve": gettext_lazy("The report “%(object)s” was approved."),
    "conference_publish": gettext_lazy("The report “%(object)s” was published."),
    "conference_reopen": gettext_lazy("The report “%(object)s” was reopened for changes: %(reason)s"),
    "certification_approve": gettext_lazy("The certification of %(object)s was approved."),
    "certification_reject": gettext_lazy("The certification of %(object)s was rejected: %(reason)s"),
    "certification_recognise": gettext_lazy("%(object)s was recognised as meeting the standard."),
    "certification_revoke": gettext_lazy("The recognition of %(object)s was revoked: %(reason)s"),
    "award_decision_issue": gettext_lazy("The award decision %(object)s was issued."),
    "award_decision_annul": gettext_lazy("The award decision %(object)s was annulled: %(reason)s"),
    "email_failed": gettext_lazy("An email to %(object)s could not be sent: %(reason)s"),
}
EVENTS = frozenset(MESSAGES)
# The object types whose detail page a notification links to.
DETAIL_URLS = {
    "reports.conference": "conference-detail",
    "awards.safetycertification": "certification-detail",
    "awards.awarddecision": "award-detail",
}


def message(notification) -> str:
    actor = notification.actor
    text = MESSAGES.get(notification.event)
    if text is None:
        return notification.object_label
    return str(text) % {
        "actor": (actor.get_full_name() or actor.username) if actor else _("the system"),
        "object": notification.object_label,
        "reason": notification.reason or "—",
    }


def detail_url(instance) -> str:
    name = DETAIL_URLS.get(instance._meta.label_lower)
    if not name:
        return ""
    try:
        return reverse(name, kwargs={"pk": instance.pk})
    except NoReverseMatch:
        return ""


def label(instance) -> str:
    if instance._meta.label_lower == "awards.safetycertification":
        return getattr(instance, "subject_name", "") or str(instance)
    if instance._meta.label_lower == "awards.awarddecision":
        return getattr(instance, "number", "") or str(instance)
    return getattr(instance, "title", "") or str(instance)


def _holders(capability: Capability, area) -> set[int]:
    """Users holding `capability` on this area through a role on it or on one of its ancestors (also a 2025
    province holding a legacy area); national administrators only when nobody else holds it there."""
    paths = set(_prefixes(area.path))
    current = getattr(area, "current_province", None)
    if current is not None:
        paths |= set(_prefixes(current.path))
    roles = set(roles_with(capability))
    local = set(
        RoleAssignment.objects.filter(role__in=roles - {Role.NATIONAL_ADMIN}, area__path__in=paths).values_list(
            "user_id", flat=True
        )
    )
    if local:
        return local
    return set(
        RoleAssignment.objects.filter(Q(role=Role.NATIONAL_ADMIN) | Q(area__isnull=True, role__in=roles)).values_list(
            "user_id", flat=True
        )
    )


def _prefixes(path: str) -> list[str]:
    result, start = [], 0
    while (end := path.find("/", start)) >= 0:
        result.append(path[: end + 1])
        start = end + 1
    return result


def recipients(event: str, instance, actor) -> list:
    """The users concerned by this event on this record, never the one who did it."""
    ids: set[int] = set()
    if event == "conference_submit":
        ids = _holders(Capability.CONFERENCES_APPROVE, instance.area)
    elif event.startswith("conference_"):
        ids = {instance.submitted_by_id, instance.created_by_id}
    elif event.startswith("certification_"):
        ids = {instance.submitted_by_id, getattr(instance, "created_by_id", None)}
    elif event.startswith("award_decision_"):
        ids = {instance.created_by_id}
        if event == "award_decision_annul":
            ids.add(instance.issued_by_id)
    ids.discard(None)
    ids.discard(getattr(actor, "pk", None))
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def email_text(notification) -> tuple[str, str]:
    """(subject, body): Vietnamese first, then English."""
    parts = []
    for language in ("vi", "en"):
        with translation.override(language):
            parts.append((_("Movement portal"), message(notification), _("Open: %(url)s")))
    subject = f"[{parts[0][0]}] {parts[0][1]}"[:300]
    lines = []
    for _name, text, link in parts:
        lines += [text]
        if notification.url:
            lines += [link % {"url": notification.absolute_url}]
        lines += [""]
    with translation.override("vi"):
        lines += ["—", _("You can turn these emails off on your notifications page.")]
    return subject, "\n".join(lines)
