"""Middleware: a 503 answer when the database goes away, and the two-factor requirement for staff."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ops import twofactor

logger = logging.getLogger("ops.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response(request) -> HttpResponse:
    """The 503 answer: JSON {"detail": ...} under /api/, else the Vietnamese page templates/503.html.

    Rendered without the request context, so that showing it never touches the database (no session,
    no user, no menu queries)."""
    message = _("The service is temporarily unavailable. Nothing was saved; please try again in a moment.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "code": "service_unavailable"}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns django.db.OperationalError / InterfaceError raised by a view into a 503 answer.

    Every write goes through an atomic service, so when the database fails mid-request the transaction
    is rolled back and nothing is half-written; the user is told to try again. (Errors raised outside
    views, e.g. in another middleware, reach handler500 = ops.views.server_error, which does the same.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database unavailable during %s %s: %s", request.method, request.path, exception)
            return database_unavailable_response(request)
        return None


# Paths a signed-in staff user without a verified second factor may still use.
OTP_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/admin/login/", "/admin/logout/")


class OTPRequiredMiddleware:
    """With OTP_REQUIRED_FOR_STAFF on, a signed-in staff user must have a verified second factor:

    - without a confirmed TOTP device: sent to the enrolment page (/accounts/two-factor/);
    - with a device but an unverified session (e.g. signed in another way): sent to the code step.

    API requests get 403 JSON instead of a redirect. Must come after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._check(request)
        return refused if refused is not None else self.get_response(request)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OTP_EXEMPT_PREFIXES):
            return None
        if not twofactor.otp_required(user) or user.is_verified():
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Two-factor sign-in is required for this account."), "code": "otp_required"},
                status=403,
            )
        has_device = twofactor.confirmed_device(user) is not None
        target = reverse("otp-verify") if has_device else reverse("otp-setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
