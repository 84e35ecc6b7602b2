"""HTTP Basic for API clients, refused for accounts protected by two-factor sign-in (a password alone
must not open an account that needs a code on the site)."""

from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from ops import twofactor


class OTPAwareBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
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
