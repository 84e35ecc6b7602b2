"""Rate limits every app can put on its login, import and export entry points.

Rates come from settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], environment variables
API_THROTTLE_LOGIN / API_THROTTLE_IMPORT / API_THROTTLE_EXPORT) and are read at each request, so a
changed setting takes effect without a restart of the class. Counters live in the default cache
(Redis in production, so all workers share them).

- DRF views: ``throttle_classes = [ImportRateThrottle]`` (or ``ExportRateThrottle``, ``LoginRateThrottle``).
- Django views: ``@rate_limit("export")`` on a function view, ``method_decorator(rate_limit("import"),
  name="dispatch")`` on a class-based view. Over the limit the answer is 429 with ``Retry-After``.

Signed-in users are counted per user, anonymous ones per client address.
"""

import math
import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class _SettingsRateThrottle(UserRateThrottle):
    """A UserRateThrottle whose rate is looked up in the settings at each request (DRF's own classes
    copy the rates once at import, which ignores later overrides)."""

    def __init__(self):
        pass  # the rate is resolved in allow_request

    def get_rate(self):
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        return rates.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request):
        """The client's address, trusting X-Forwarded-For only for DJANGO_TRUSTED_PROXY_COUNT proxies (DRF's
        own get_ident keys on the raw, client-supplied header when NUM_PROXIES is unset)."""
        from ops.security import client_ip

        return client_ip(request) or "unknown"


class LoginRateThrottle(_SettingsRateThrottle):
    """Sign-in attempts (per client address when anonymous). django-axes locks accounts as well."""

    scope = "login"


class ImportRateThrottle(_SettingsRateThrottle):
    """Uploads and imports of data files."""

    scope = "import"


class ExportRateThrottle(_SettingsRateThrottle):
    """Downloads of whole data sets (CSV, XLSX, JSON, DOCX)."""

    scope = "export"


THROTTLES = {cls.scope: cls for cls in (LoginRateThrottle, ImportRateThrottle, ExportRateThrottle)}


def too_many_requests(request, wait: float | None) -> HttpResponse:
    message = _("Too many requests. Please wait a moment and try again.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    if wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


POST_ONLY = {"login", "import"}  # showing the sign-in or upload form is free; sending it counts


def check_rate(request, scope: str) -> HttpResponse | None:
    """None when the request may go on, else the 429 answer. Only POST requests count for "login" and
    "import"."""
    if scope in POST_ONLY and request.method != "POST":
        return None
    throttle = THROTTLES[scope]()
    if throttle.allow_request(request, None):
        return None
    return too_many_requests(request, throttle.wait())


def rate_limit(scope: str):
    """Decorator for Django views: limit by the settings' rate for `scope` ("login", "import", "export")."""
    if scope not in THROTTLES:
        raise ValueError(f"unknown rate-limit scope {scope!r}; one of {sorted(THROTTLES)}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = check_rate(request, scope)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class AddressFailures:
    """Failed attempts from one client address (e.g. wrong HTTP Basic credentials, whatever the user name),
    limited by the settings' rate for `scope`: `blocked()` is the wait in seconds once the address used up
    its failures (None while it may try), `add()` records one failure."""

    def __init__(self, request, scope: str = "login"):
        from ops.security import client_ip

        throttle = THROTTLES[scope]()
        self.num, self.duration = throttle.parse_rate(throttle.get_rate())
        self.key = f"throttle_failures_{scope}_{client_ip(request) or 'unknown'}"

    def _history(self, now: float) -> list[float]:
        return [moment for moment in cache.get(self.key, []) if moment > now - self.duration]

    def blocked(self) -> float | None:
        if self.num is None:
            return None
        now = time.time()
        history = self._history(now)
        if len(history) < self.num:
            return None
        return max(1.0, self.duration - (now - history[-1]))

    def add(self) -> None:
        if self.num is None:
            return
        now = time.time()
        cache.set(self.key, [now, *self._history(now)][: self.num], self.duration)
