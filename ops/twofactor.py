"""Two-factor sign-in with TOTP devices (django-otp): who must use it, and the pending-login state.

Sign-in is two steps. The password step (ops.views.LoginView) does not log a user with a confirmed
TOTP device in: it keeps the user's id in the session as a *pending* login for a few minutes, and the
code step (ops.views.otp_verify) logs the user in and marks the session verified. With
OTP_REQUIRED_FOR_STAFF on (production), users holding a staff role (data_entry, approver,
police_reviewer, national_admin) or Django-admin access must have a confirmed device: until they do,
ops.middleware.OTPRequiredMiddleware sends them to the enrolment page.
"""

import time

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from movement.models import Role, RoleAssignment

STAFF_ROLES = (Role.DATA_ENTRY, Role.APPROVER, Role.POLICE_REVIEWER, Role.NATIONAL_ADMIN)
PENDING_SESSION_KEY = "ops_pending_login"
PENDING_MAX_AGE = 300  # seconds between the password step and the code step
PENDING_MAX_ATTEMPTS = 5  # wrong codes before the password must be entered again
DEVICE_NAME = "authenticator"


def is_staff_user(user) -> bool:
    """Holds a staff role or Django-admin access (cached on the user object: one query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = user.__dict__.get("_ops_is_staff_user")
    if cached is None:
        cached = bool(
            user.is_staff
            or user.is_superuser
            or RoleAssignment.objects.filter(user=user, role__in=STAFF_ROLES).exists()
        )
        user.__dict__["_ops_is_staff_user"] = cached
    return cached


def otp_required(user) -> bool:
    return bool(settings.OTP_REQUIRED_FOR_STAFF) and is_staff_user(user)


def confirmed_device(user) -> TOTPDevice | None:
    if getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device for enrolment (created on first visit, reused until confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps ask for it when typed by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# Pending login (between the password step and the code step) ------------------------------------


def start_pending_login(request, user, *, next_url: str) -> None:
    request.session.cycle_key()  # a new session key for the half-signed-in state
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "started": int(time.time()),
        "attempts": 0,
        "next": next_url,
    }


def get_pending_login(request) -> dict | None:
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending:
        return None
    if time.time() - pending.get("started", 0) > PENDING_MAX_AGE or pending.get("attempts", 0) >= PENDING_MAX_ATTEMPTS:
        clear_pending_login(request)
        return None
    return pending


def count_failed_attempt(request, pending: dict) -> None:
    pending["attempts"] = pending.get("attempts", 0) + 1
    request.session[PENDING_SESSION_KEY] = pending


def clear_pending_login(request) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)
