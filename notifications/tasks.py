"""The email task (django-q2). Run by `manage.py qcluster` (`make worker`; `make run` starts one).

A failure raises: django-q2 leaves the task unacknowledged (`ack_failures` off), so the ORM broker hands it
out again after Q_CLUSTER["retry"] seconds, up to Q_CLUSTER["max_attempts"]. Each attempt is counted on the
EmailDelivery; after the last one it is marked failed and every national administrator gets an in-app
notification (and sees it in "Việc của tôi" and in the admin)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from movement.models import Role
from notifications.models import EmailDelivery


def max_attempts() -> int:
    return int(settings.Q_CLUSTER.get("max_attempts") or 5)


def send_delivery(delivery_id: int) -> str:
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status in (EmailDelivery.Status.SENT, EmailDelivery.Status.FAILED):
            return "nothing to do"
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.save(update_fields=["attempts", "last_attempt_at"])
    try:
        send_mail(delivery.subject, delivery.body, None, [delivery.to], fail_silently=False)
    except Exception as exc:
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        final = delivery.attempts >= max_attempts()
        delivery.status = EmailDelivery.Status.FAILED if final else EmailDelivery.Status.RETRYING
        delivery.save(update_fields=["last_error", "status"])
        if final:
            _tell_admins(delivery)
        raise
    delivery.status, delivery.sent_at, delivery.last_error = EmailDelivery.Status.SENT, timezone.now(), ""
    delivery.save(update_fields=["status", "sent_at", "last_error"])
    return "sent"


def _tell_admins(delivery: EmailDelivery) -> None:
    """In-app only (no email about an email that fails); the admin lists every delivery too."""
    from notifications.models import Notification

    admins = (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(role_assignments__role=Role.NATIONAL_ADMIN), is_active=True)
        .distinct()
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                event="email_failed",
                object_type=EmailDelivery._meta.label_lower,
                object_id=str(delivery.pk),
                object_label=delivery.to,
                reason=delivery.last_error[:500],
                url=f"/admin/notifications/emaildelivery/{delivery.pk}/change/",
            )
            for user in admins
        ]
    )
