"""Fuzzing the REST API with schemathesis, from the OpenAPI schema served at /api/schema/, as every role
(data_entry, approver, police_reviewer, viewer, national_admin on Thanh Hóa) and anonymously, against the
in-process WSGI application with the demo data and the trust world loaded.

Checks: no server error (5xx), and every answer conforms to the schema: its status code is documented, its
content type is documented, its body matches the documented schema. FUZZ_EXAMPLES sets the examples per
operation and role (default 3 in the test suite; `make fuzz` runs more, plus schemathesis' coverage
cases with FUZZ_COVERAGE=1); FUZZ_RANDOM=1 draws fresh examples instead of the deterministic ones.

Path parameters and If-Match are steered: three times in four (decided by the generated values, so a run
is reproducible) the id is replaced by a real record's (both in and out of scope) and If-Match by the
record's current ETag, so that the fuzzed bodies reach the services rather than stopping at 404 and 412.

Nothing is excluded: every operation of the schema is fuzzed. Destructive operations (DELETE, transitions)
run inside the test transaction, which is rolled back after each test."""

import base64
import os
import random
import zlib

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from awards.models import AwardRecipient
from reports.models import AwardTally, IndicatorValue
from tests.fuzz.conftest import FAILURES, RUNS, STATS
from tests.trust.world import PASSWORD, ROLES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") not in ("1", "true", "yes")
# The explicit phase holds schemathesis' coverage cases (boundaries, every enum value, missing fields…):
# about a hundred per operation, whatever FUZZ_EXAMPLES says. `make fuzz` turns it on (FUZZ_COVERAGE=1).
COVERAGE = os.environ.get("FUZZ_COVERAGE", "") in ("1", "true", "yes")
PHASES = [hypothesis.Phase.explicit, hypothesis.Phase.generate] if COVERAGE else [hypothesis.Phase.generate]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

APP = WSGIHandler()
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", APP)


def _ids(world) -> dict[str, list[str]]:
    """Real ids (and codes, for reference data) per resource, both sides of the scope line."""
    from awards.models import CriteriaSet, RatingScheme
    from movement.models import AuditEvent
    from reports.models import Breakdown, Conference, Indicator, Programme

    def pks(keys):
        return [str(side[key].pk) for side in world.sides.values() for key in keys]

    return {
        "admin-units": [
            str(pk)
            for side in world.sides.values()
            for pk in (side.province.pk, side.legacy.pk, side.commune.pk, side.commune.parent_id)
        ],
        "units": pks(["unit", "school"]),
        "models": pks(["model"]),
        "conferences": pks(["conference_draft", "conference_submitted", "conference_approved", "conference_published"])
        + [str(pk) for pk in Conference.objects.filter(status="published").values_list("pk", flat=True)[:5]],
        "certifications": pks(
            ["certification_draft", "certification_submitted", "certification_approved", "certification_recognised"]
        ),
        "recognition-decisions": pks(["recognition_decision"]),
        "award-decisions": pks(["award_draft", "award_issued"]),
        "ratings": pks(["rating_self_scored", "rating_approved"]),
        "audit-events": [str(pk) for pk in AuditEvent.objects.order_by("-pk").values_list("pk", flat=True)[:6]],
        "programmes": [p for pk, code in Programme.objects.values_list("pk", "code")[:4] for p in (str(pk), code)],
        "indicators": [p for pk, code in Indicator.objects.values_list("pk", "code")[:4] for p in (str(pk), code)],
        "breakdowns": [p for pk, code in Breakdown.objects.values_list("pk", "code")[:3] for p in (str(pk), code)],
        "criteria-sets": [p for pk, code in CriteriaSet.objects.values_list("pk", "code")[:3] for p in (str(pk), code)],
        "rating-schemes": [
            p for pk, code in RatingScheme.objects.values_list("pk", "code")[:2] for p in (str(pk), code)
        ],
    }


# Path values that once gave 500s: "²" passes str.isdigit() but not int(); the others are not ids at all.
HOSTILE_PATH_VALUES = ["²", "٣", "abc", "0", "-1", "1.5", "9" * 30, "1e3", "%00"]

CHILDREN = {
    "figure_id": (IndicatorValue, "conference_id"),
    "tally_id": (AwardTally, "conference_id"),
    "recipient_id": (AwardRecipient, "decision_id"),
}


@pytest.fixture(scope="module")
def real_ids(fuzz_world):
    return _ids(fuzz_world)


def _auth(user) -> dict:
    if user is None:
        return {}
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _steer(case, *, ids, headers, client_call) -> None:
    """Point three cases in four at real records, with their current ETag."""
    parts = case.operation.path.strip("/").split("/")  # api, v1, resource, {id}, …
    resource = parts[2] if len(parts) > 2 else ""
    seed = zlib.crc32(repr(sorted((case.path_parameters or {}).items())).encode() + case.operation.label.encode())
    rnd = random.Random(seed)
    params = case.path_parameters or {}
    if params and rnd.random() < 0.1:
        # hostile path values (issue 12): Unicode digits, words, numbers beyond every integer type
        for name in params:
            params[name] = rnd.choice(HOSTILE_PATH_VALUES)
        return
    if "id" in params and ids.get(resource) and rnd.random() < 0.75:
        params["id"] = rnd.choice(ids[resource])
        for name, (model, parent_field) in CHILDREN.items():
            if name in params and str(params["id"]).isdigit() and rnd.random() < 0.8:
                children = list(model.objects.filter(**{parent_field: params["id"]}).values_list("pk", flat=True))
                if children:
                    params[name] = str(rnd.choice(children))
    has_if_match = any(p.name == "If-Match" for p in case.operation.headers)
    if has_if_match and "id" in params and rnd.random() < 0.75:
        detail = client_call(f"/api/v1/{resource}/{params['id']}/", headers)
        etag = detail.headers.get("ETag")
        if etag:
            case.headers = {**(case.headers or {}), "If-Match": etag}


def _summary(error) -> str:
    """The failure's titles and where it breaks the schema, on one line."""
    keep = ("- ", "Schema at", "Received:", "Documented:", "[")
    lines = [line.strip() for line in str(error).splitlines() if line.strip().startswith(keep)]
    return " | ".join(line[:160] for line in lines[:6]) or str(error).splitlines()[0][:200]


def _get(path, headers):
    from werkzeug.test import Client

    return Client(APP).get(path, headers=headers)


@pytest.mark.parametrize("role", [None, *ROLES], ids=lambda r: r or "anonymous")
@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=DERANDOMIZE,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=PHASES,
)
def test_api_answers_conform_and_never_fail(case, role, fuzz_world, real_ids, db):
    user = fuzz_world.users[role] if role else None
    # The API answers gzip when asked (issue 16); schemathesis' in-process WSGI client asks but does not unzip.
    headers = {"Accept-Encoding": "identity", **_auth(user)}
    _steer(case, ids=real_ids, headers=headers, client_call=_get)
    STATS["examples"] += 1
    RUNS.add((case.operation.label, role))
    STATS["operations"] = len(RUNS)
    try:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
    except (Exception, BaseExceptionGroup) as error:
        label = f"{case.operation.label} as {role or 'anonymous'}: {_summary(error)}"
        if label not in FAILURES:
            FAILURES.append(label)
        raise
    STATS[f"status {response.status_code}"] += 1


def test_every_operation_of_the_schema_is_fuzzed():
    """The schema has the API's operations (a guard against fuzzing an empty or partial schema)."""
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert len(labels) >= 70
    assert "PATCH /api/v1/conferences/{id}/" in labels and "POST /api/v1/extractions/" in labels
