"""Backup and restore round-trip the demo data with no difference (every table's rows and checksum)."""

import hashlib
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from movement.models import AdministrativeUnit as AU
from movement.models import AuditEvent, Unit
from ops.backup import BackupError, restore_database


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """{table: (row count, sha256 of its sorted rows)} for every table of the database."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def _skip_without_pg_tools():
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed (apt-get install postgresql-client)")


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_round_trips_the_demo_data_exactly(hierarchy, tmp_path, settings):
    _skip_without_pg_tools()
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("load_demo", verbosity=0)
    call_command("create_demo_accounts", verbosity=0)
    before = table_fingerprints()
    assert before[Unit._meta.db_table][0] > 0 and before[AU._meta.db_table][0] > 10000

    backup = tmp_path / "portal-backup"
    call_command("backup_db", output=backup, verbosity=0)
    assert backup.stat().st_size > 0

    # Damage the data: edit records and the hierarchy, delete the audit trail, add an account.
    Unit.objects.update(name="Tên đã bị sửa")
    AuditEvent.objects.all().delete()
    AU.objects.filter(level=AU.Level.PROVINCE, code="38").update(name="Tên sai")
    get_user_model().objects.create_user(username="intruder", password="x-1234567890")
    damaged = table_fingerprints()
    assert damaged != before

    call_command("restore_db", str(backup), no_input=True, verbosity=0)

    after = table_fingerprints()
    differing = sorted(table for table in before if before[table] != after.get(table))
    assert differing == []
    assert after == before
    # The safety backup of the damaged content was written first.
    assert len(list((tmp_path / "backups").glob("pre-restore-*"))) == 1


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(hierarchy, tmp_path):
    _skip_without_pg_tools()
    before = AU.objects.count()
    bogus = tmp_path / "not-a-backup.dump"
    bogus.write_bytes(b"this is not a database backup" * 10)
    with pytest.raises(BackupError, match="not a"):
        restore_database(bogus)
    with pytest.raises(CommandError):
        call_command("restore_db", str(tmp_path / "missing.dump"), no_input=True, verbosity=0)
    assert AU.objects.count() == before


def test_restore_asks_for_confirmation(monkeypatch, tmp_path, db):
    backup = tmp_path / "x.dump"
    backup.write_bytes(b"whatever")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore_db", str(backup), verbosity=0)
