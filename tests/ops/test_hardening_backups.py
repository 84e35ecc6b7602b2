"""Issue 12, item 9: backups hold password hashes, sessions and TOTP keys: files 0600 in a 0700 folder,
whatever the umask (they were 0644 in a 0755 folder)."""

import os
import shutil
import stat

import pytest
from django.db import connection

from ops.backup import backup_database


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db(transaction=True)
def test_backups_are_private_files_in_a_private_folder(tmp_path, settings, open_umask):
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    settings.BACKUP_DIR = tmp_path / "backups"
    made = backup_database()
    assert made.parent == settings.BACKUP_DIR and made.stat().st_size > 0
    assert _mode(settings.BACKUP_DIR) == 0o700
    assert _mode(made) == 0o600
    # a backup folder that already exists with open permissions is closed
    os.chmod(settings.BACKUP_DIR, 0o755)  # noqa: S103 - the old, open mode on purpose
    second = backup_database(output=settings.BACKUP_DIR / "again.sqlite3")
    assert _mode(settings.BACKUP_DIR) == 0o700 and _mode(second) == 0o600
    # --output into a new folder elsewhere: that folder is created 0700 too
    third = backup_database(output=tmp_path / "elsewhere" / "portal.dump")
    assert _mode(third.parent) == 0o700 and _mode(third) == 0o600
    assert not list(tmp_path.rglob("*.partial"))
