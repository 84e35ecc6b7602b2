"""notify(): the one call the workflow services make (one line per transition).

It waits for the transition's transaction to commit (`transaction.on_commit`), then writes the in-app
notifications and queues one email task per recipient who wants emails. Nothing is sent inside the request:
the task (django-q2, on the ORM broker: the existing database) sends it, and a failure is retried
(notifications.tasks)."""

import logging

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from notifications import events
from notifications.models import EmailDelivery, Notification, NotificationPreference

logger = logging.getLogger(__name__)


def notify(*, event: str, instance, actor, reason: str = "") -> None:
    """Call inside the service's transaction, after the change: the notifications follow its commit."""
    if actor is None or event not in events.EVENTS:  # loaders (no person) notify nobody
        return
    transaction.on_commit(lambda: _deliver(event=event, instance=instance, actor=actor, reason=reason))


def _deliver(*, event, instance, actor, reason) -> None:
    try:
        deliver(event=event, instance=instance, actor=actor, reason=reason)
    except Exception:  # the change is committed: a notification problem must not turn it into an error page
        logger.exception("notifications: %s on %s could not be delivered", event, instance._meta.label_lower)


@transaction.atomic
def deliver(*, event: str, instance, actor, reason: str = "", users=None) -> list[Notification]:
    users = events.recipients(event, instance, actor) if users is None else users
    if not users:
        return []
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                event=event,
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_label=events.label(instance)[:300],
                reason=(reason or "")[:2000],
                url=events.detail_url(instance),
                created_at=now,
            )
            for user in users
        ]
    )
    muted = set(
        NotificationPreference.objects.filter(user__in=users, email_enabled=False).values_list("user_id", flat=True)
    )
    deliveries = []
    for notification, user in zip(notifications, users, strict=True):
        if user.pk in muted or not user.email:
            continue
        subject, body = events.email_text(notification)
        deliveries.append(EmailDelivery(notification=notification, to=user.email, subject=subject, body=body))
    for delivery in EmailDelivery.objects.bulk_create(deliveries):
        queue_delivery(delivery)
    return notifications


def queue_delivery(delivery: EmailDelivery) -> None:
    """Queue the sending task once the delivery row is committed."""
    delivery_id = delivery.pk
    transaction.on_commit(
        lambda: async_task("notifications.tasks.send_delivery", delivery_id, task_name=f"email-{delivery_id}")
    )


def email_enabled(user) -> bool:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_enabled if preference else True


def set_email_enabled(*, user, enabled: bool) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"email_enabled": bool(enabled)})


def mark_read(*, user, ids=None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); the number marked."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
