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


@pytest.fixture
def hierarchy(db):
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
