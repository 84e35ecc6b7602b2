"""Fixtures of the API fuzz run: a database with the hierarchy, the demo data and the trust world (one
user per role on Thanh Hóa, records in every state in and out of scope), built once per module inside a
transaction that is rolled back at the end, and the in-process WSGI application the cases are sent to.

Counts of examples tried and failures found are written at the end of the session (terminal summary and
var/fuzz-report.json)."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from tests.trust.world import build_world

STATS: Counter = Counter()
FAILURES: list[str] = []
RUNS: set = set()


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """load_demo + the trust world, inside one transaction rolled back when the module ends. Each test's
    own transaction (pytest-django `db`) nests inside it, so what a fuzzed request writes is undone too."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            world = build_world()
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module", autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" connections at the start and end of every request; in a test that
    would close the connection holding the test transaction (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not STATS:
        return
    terminalreporter.section("API fuzzing (schemathesis)")
    terminalreporter.write_line(
        f"examples tried: {STATS['examples']} over {STATS['operations']} operation × role runs; "
        f"failures: {len(FAILURES)}"
    )
    for status, count in sorted((k, v) for k, v in STATS.items() if k.startswith("status ")):
        terminalreporter.write_line(f"  {status}: {count}")
    for failure in FAILURES[:20]:
        terminalreporter.write_line(f"  FAILED {failure}")
    report = Path(config.rootpath) / "var" / "fuzz-report.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps({"stats": dict(STATS), "failures": FAILURES}, indent=1, ensure_ascii=False))
