"""An API client that behaves like a careful integrator: on a write to an existing versioned record
(`/api/v1/<resource>/<id>/…`) it sends the record's current ETag in If-Match, which the API requires
(428 without it, 412 when stale). Tests that are about something else (workflows, permissions) use it;
a test that sets HTTP_IF_MATCH itself keeps its own value."""

import re

from rest_framework.test import APIClient

from awards.models import AwardDecision, MovementRating, SafetyCertification
from movement.models import SelfManagementModel, Unit
from reports.models import Conference

VERSIONED = {
    "units": Unit,
    "models": SelfManagementModel,
    "conferences": Conference,
    "certifications": SafetyCertification,
    "award-decisions": AwardDecision,
    "ratings": MovementRating,
}
_RECORD = re.compile(r"^/api/v1/([\w-]+)/(\d+)/")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class IfMatchAPIClient(APIClient):
    def generic(self, method, path, *args, **extra):
        if method.upper() in WRITES and "HTTP_IF_MATCH" not in extra:
            match = _RECORD.match(path)
            model = VERSIONED.get(match.group(1)) if match else None
            if model is not None:
                version = model.objects.filter(pk=match.group(2)).values_list("version", flat=True).first()
                if version is not None:
                    extra["HTTP_IF_MATCH"] = f'"v{version}"'
        return super().generic(method, path, *args, **extra)


def if_match_api(user=None) -> IfMatchAPIClient:
    client = IfMatchAPIClient(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_authenticate(user)
    return client
