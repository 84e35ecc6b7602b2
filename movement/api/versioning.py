"""Lost-update protection over HTTP: versioned records send an ETag; writes may send If-Match."""

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

_ETAG = re.compile(r'^(?:W/)?"?v?(\d+)"?$')


def etag_for(instance) -> str:
    return f'"v{instance.version}"'


def expected_version(request) -> int | None:
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return None
    match = _ETAG.match(header.strip())
    if not match:
        raise ValidationError({"If-Match": _('If-Match must be the ETag you received, such as "v3".')})
    return int(match.group(1))


class VersionedRetrieveMixin:
    """Adds the record's ETag to detail responses."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        instance = getattr(self, "_etag_instance", None)
        if instance is not None and response.status_code < 300:
            response["ETag"] = etag_for(instance)
        return response
