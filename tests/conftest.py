"""Shared fixtures. The administrative hierarchy is loaded once per test database (a few seconds) and
reloaded by `hierarchy` when a transactional test has flushed it."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from movement.models import AdministrativeUnit as AU
from movement.models import Role, RoleAssignment
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_admin_units", verbosity=0)


def reseed_reference_data() -> None:
    """Run the data migrations again (catalogues: programmes, indicators, criteria sets, synonyms …).

    A transactional test ends by flushing every table, which also empties the reference data that the
    data migrations seeded; the next test that needs it calls this (the seeds are idempotent)."""
    from django.apps import apps as global_apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(connection)
    plan = []
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            if key not in plan:
                plan.append(key)
    with connection.schema_editor(atomic=False) as schema_editor:
        for key in plan:
            for operation in loader.graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(global_apps, schema_editor)


@pytest.fixture
def hierarchy(db):
    from reports.models import Programme

    if not Programme.objects.exists():
        reseed_reference_data()
    if not AU.objects.exists():
        call_command("load_admin_units", verbosity=0)
    return AU.objects


def get_area(code: str, *, generation: str = "2025", level: str = "province") -> AU:
    return AU.objects.get(generation=generation, level=level, code=code)


@pytest.fixture
def area(hierarchy):
    return get_area


@pytest.fixture
def make_user(hierarchy):
    def _make(role: str | None = None, area: AU | None = None, **kwargs):
        user = UserFactory(**kwargs)
        if role:
            RoleAssignment.objects.create(user=user, role=role, area=area)
        return user

    return _make


@pytest.fixture
def api():
    def _client(user=None):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
        if user is not None:
            client.force_authenticate(user)
        return client

    return _client


@pytest.fixture
def thanh_hoa(area):
    return area("38")


@pytest.fixture
def ha_noi(area):
    return area("01")


@pytest.fixture
def national_admin(make_user):
    return make_user(Role.NATIONAL_ADMIN, None)
