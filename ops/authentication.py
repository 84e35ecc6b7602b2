"""HTTP Basic for API clients, refused for accounts protected by two-factor sign-in (a password alone
must not open an account that needs a code on the site)."""

from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from movement.throttling import AddressFailures
from ops import twofactor


class OTPAwareBasicAuthentication(BasicAuthentication):
    """Wrong credentials count per client address (API_THROTTLE_LOGIN): past the limit every HTTP Basic
    attempt from that address answers 429 before any password is checked, whatever the user name (axes
    locks one user name + address; this stops guessing across many user names)."""

    def authenticate_credentials(self, userid, password, request=None):
        failures = AddressFailures(request, "login") if request is not None else None
        if failures is not None:
            wait = failures.blocked()
            if wait is not None:
                raise exceptions.Throttled(wait=wait)
        try:
            return self._check(userid, password, request)
        except exceptions.AuthenticationFailed:
            if failures is not None:
                failures.add()
            raise

    def _check(self, userid, password, request):
        if "\x00" in userid or "\x00" in password:
            # PostgreSQL refuses NUL in strings: the lockout lookup would fail with a 500 (found by fuzzing)
            raise exceptions.AuthenticationFailed()
        user, auth = super().authenticate_credentials(userid, password, request)
        if twofactor.otp_required(user) or twofactor.confirmed_device(user) is not None:
            raise exceptions.AuthenticationFailed(
                _("This account uses two-factor sign-in: sign in on the portal instead of HTTP Basic.")
            )
        return user, auth


class OTPAwareBasicScheme(BasicScheme):
    """The OpenAPI description of the class above: plain HTTP Basic."""

    target_class = "ops.authentication.OTPAwareBasicAuthentication"
