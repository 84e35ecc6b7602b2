"""Small security helpers shared by the settings: the client's IP address behind trusted proxies."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind DJANGO_TRUSTED_PROXY_COUNT reverse proxies, the
    address the outermost trusted proxy saw (X-Forwarded-For counted from the right, so a client cannot
    spoof it by sending its own header). Used by django-axes (AXES_CLIENT_IP_CALLABLE)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
