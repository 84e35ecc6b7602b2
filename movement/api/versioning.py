"""Lost-update protection over HTTP, for every app: versioned records send an ETag `"v<version>"`; a
write to an existing versioned record (PUT, PATCH, DELETE and the state-changing POST actions on it) MUST
send it back in If-Match: without it the answer is 428 Precondition Required, with a stale one 412
Precondition Failed (the service compares it under the row lock).

    from movement.api.versioning import IF_MATCH, VersionedRetrieveMixin, required_version

    @extend_schema(request=…, responses=…, parameters=[IF_MATCH])
    def partial_update(self, request, pk=None):
        record = services.thing_update(actor=request.user, thing=self.get_object(),
                                       expected_version=required_version(request), **data)
"""

import re

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from movement.errors import PreconditionRequiredError

_ETAG = re.compile(r'^(?:W/)?"?v?(\d{1,9})"?$')
ETAG_PATTERN = r'^(W/)?"?v?[0-9]{1,9}"?$'

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    pattern=ETAG_PATTERN,
    description=(
        'The ETag of the record as you read it, e.g. "v3" (from its ETag header). Required: 428 without it, '
        "412 when someone else changed the record since."
    ),
)


def etag_for(instance) -> str:
    return f'"v{instance.version}"'


def _parse(header: str) -> int:
    match = _ETAG.match(header.strip())
    if not match:
        raise ValidationError({"If-Match": _('If-Match must be the ETag you received, such as "v3".')})
    return int(match.group(1))


def expected_version(request) -> int | None:
    """The version in If-Match, or None when the header is absent (or "*")."""
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return None
    return _parse(header)


def required_version(request) -> int:
    """The version in If-Match; PreconditionRequiredError (428) when it is missing. "*" (any version) is
    refused too: it would overwrite whatever someone else saved."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        raise PreconditionRequiredError(
            _(
                "This record may have been changed by someone else: send the If-Match header with the ETag you "
                'received when you read it (e.g. If-Match: "v3"), so that no change is overwritten.'
            )
        )
    return _parse(header)


class VersionedRetrieveMixin:
    """Adds the record's ETag to detail responses."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        instance = getattr(self, "_etag_instance", None)
        if instance is not None and response.status_code < 300:
            response["ETag"] = etag_for(instance)
        return response
