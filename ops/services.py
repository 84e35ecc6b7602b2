"""Writes of this app: confirming and removing a user's TOTP device (audited; the secret never is)."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from movement import audit
from movement.models import AuditEvent


@transaction.atomic
def otp_device_confirm(*, actor, device: TOTPDevice, token: str) -> bool:
    """Confirm the actor's pending device with a first valid code; False when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, verb="otp_device_confirm", instance=device)
    return True


@transaction.atomic
def otp_device_remove(*, actor, device: TOTPDevice) -> None:
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    audit.record(actor=actor, action=AuditEvent.Action.DELETE, verb="otp_device_remove", instance=device)
    device.delete()
