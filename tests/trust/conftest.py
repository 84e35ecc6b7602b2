import pytest
from django.db import transaction

from tests.trust.world import build_world


@pytest.fixture(scope="module")
def trust_world(django_db_setup, django_db_blocker):
    """The trust world (tests/trust/world.py), built once per module inside a transaction that is rolled
    back when the module ends; each test's own transaction nests inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
