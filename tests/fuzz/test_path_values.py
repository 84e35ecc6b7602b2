"""Every operation of the API schema with hostile path values and format suffixes (issue 12, item 8):
`/api/v1/indicators/²/` ("²" passes `isdigit()`, not `int()`), `…/{id}/figures.json` (a format suffix on an
extra action), numbers beyond every integer type. Each answers 4xx, never 5xx, anonymously and as a
national admin (who reaches every record)."""

import base64

import pytest
from werkzeug.test import Client

from tests.fuzz.test_api_fuzz import APP, HOSTILE_PATH_VALUES, schema
from tests.trust.world import PASSWORD


def _operations():
    return [result.ok() for result in schema.get_all_operations()]


def _paths_with_parameters() -> list[tuple[str, str]]:
    return sorted({(op.method.upper(), op.path) for op in _operations() if "{" in op.path})


def _fill(path: str, value: str) -> str:
    import re

    return re.sub(r"\{[^}]+\}", value, path)


@pytest.mark.parametrize("value", HOSTILE_PATH_VALUES + ["%C2%B2"])
@pytest.mark.parametrize("role", [None, "national_admin"], ids=lambda r: r or "anonymous")
def test_hostile_path_values_never_give_a_server_error(value, role, fuzz_world, db):
    headers = {}
    if role:
        user = fuzz_world.users[role]
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    client = Client(APP)
    failures = []
    for method, path in _paths_with_parameters():
        url = _fill(path, value)
        response = client.open(url, method=method, headers=headers, json={} if method != "GET" else None)
        if response.status_code >= 500:
            failures.append(f"{method} {url}: {response.status_code}")
    assert not failures, failures


@pytest.mark.parametrize("role", [None, "national_admin"], ids=lambda r: r or "anonymous")
def test_format_suffixes_on_every_get_route_never_give_a_server_error(role, fuzz_world, db):
    headers = {}
    if role:
        user = fuzz_world.users[role]
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    published = fuzz_world.sides["in"]["conference_published"].pk
    client = Client(APP)
    failures = []
    for method, path in _paths_with_parameters():
        if method != "GET":
            continue
        for suffix in (".json", ".api", ".csv"):
            url = _fill(path, str(published)).rstrip("/") + suffix
            status = client.get(url, headers=headers).status_code
            if status >= 500:
                failures.append(f"GET {url}: {status}")
    assert not failures, failures
