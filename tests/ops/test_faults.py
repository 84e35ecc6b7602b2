"""Database faults: a database that goes away mid-request answers 503 and leaves nothing half-written;
a full disk or read-only database during an import leaves nothing half-imported."""

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection
from django.db.models.query import QuerySet
from django.test import RequestFactory

from movement.loaders import load_admin_units
from movement.models import AdministrativeUnit as AU
from movement.models import AuditEvent, Role, SelfManagementModel, Succession, Unit
from ops.views import server_error


class FailWrites:
    """connection.execute_wrapper that lets the first `allow` INSERT/UPDATE statements through and then
    raises `error` — the database going away in the middle of a transaction."""

    def __init__(self, error, allow=1):
        self.error, self.allow, self.writes, self.failed = error, allow, 0, False

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            self.writes += 1
            if self.writes > self.allow:
                self.failed = True
                raise self.error
        return execute(sql, params, many, context)


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa)


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection unexpectedly"), InterfaceError("connection already closed")],
)
def test_database_failing_after_first_write_gives_503_json_and_writes_nothing(api, clerk, thanh_hoa, error):
    commune = AU.objects.filter(parent=thanh_hoa).first()
    units, events = Unit.objects.count(), AuditEvent.objects.count()
    failing = FailWrites(error, allow=1)
    with connection.execute_wrapper(failing):
        response = api(clerk).post(
            "/api/v1/units/", {"kind": "agency", "name": "Cơ quan lỗi giữa chừng", "area": commune.pk}, format="json"
        )
    assert failing.failed and failing.writes >= 2  # the unit row was written, then the database went away
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.json()
    assert body["code"] == "service_unavailable"
    assert "Không có gì được lưu" in body["detail"]
    assert Unit.objects.count() == units
    assert AuditEvent.objects.count() == events
    assert not Unit.objects.filter(name="Cơ quan lỗi giữa chừng").exists()


def test_database_failing_on_a_page_gives_the_vietnamese_503_page(client, hierarchy):
    def fail_reads(execute, sql, params, many, context):
        if "movement_administrativeunit" in sql:
            raise OperationalError("could not connect to server")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_reads):
        response = client.get("/areas/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Dịch vụ tạm thời gián đoạn" in html
    assert "Không có gì được lưu" in html
    assert "503.html" in [t.name for t in response.templates]


def test_handler500_answers_503_for_database_errors_raised_outside_views(rf: RequestFactory):
    request = rf.get("/api/v1/units/")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def _empty_hierarchy():
    """Remove the hierarchy inside the test's transaction (rolled back afterwards; FK checks deferred)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Succession._meta.db_table}")  # noqa: S608 - model table names
        cursor.execute(f"DELETE FROM {AU._meta.db_table}")  # noqa: S608 - model table names
    assert not AU.objects.exists()


@pytest.mark.parametrize("message", ["database or disk is full", "attempt to write a readonly database"])
def test_hierarchy_import_failing_midway_leaves_nothing_half_imported(hierarchy, monkeypatch, message):
    _empty_hierarchy()
    real_bulk_create = QuerySet.bulk_create
    seen = {"calls": 0, "rows_before_failure": 0}

    def bulk_create_then_fail(self, objs, *args, **kwargs):
        seen["calls"] += 1
        if seen["calls"] >= 3:
            seen["rows_before_failure"] = AU.objects.count()
            raise OperationalError(message)
        return real_bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", bulk_create_then_fail)
    with pytest.raises(OperationalError, match=message):
        load_admin_units()
    assert seen["rows_before_failure"] > 0  # part of the import had been written when the disk filled up
    assert AU.objects.count() == 0
    assert Succession.objects.count() == 0


def test_hierarchy_import_command_failing_midway_leaves_nothing(hierarchy, monkeypatch):
    _empty_hierarchy()
    real_bulk_create = QuerySet.bulk_create
    calls = []

    def bulk_create_then_fail(self, objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise OperationalError("database or disk is full")
        return real_bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", bulk_create_then_fail)
    with pytest.raises(OperationalError):
        call_command("load_admin_units", verbosity=0)
    assert calls[0] > 0
    assert not AU.objects.exists()


def test_demo_import_on_a_read_only_database_leaves_no_demo_rows(hierarchy):
    units, models = Unit.objects.count(), SelfManagementModel.objects.count()
    failing = FailWrites(OperationalError("attempt to write a readonly database"), allow=3)
    with connection.execute_wrapper(failing), pytest.raises(OperationalError, match="readonly"):
        call_command("load_demo", verbosity=0)
    assert failing.failed and failing.writes > 3
    assert Unit.objects.count() == units
    assert SelfManagementModel.objects.count() == models
