"""Backup and restore of the whole database, chosen by the engine of DATABASES["default"] (DATABASE_URL).

- PostgreSQL: `pg_dump --format=custom` into a file, `pg_restore --clean --if-exists --single-transaction`
  back (all or nothing). The client programs must be on PATH (package postgresql-client, same major
  version as the server or newer).
- SQLite: the SQLite online backup API (Python's sqlite3 `Connection.backup`), which copies a consistent
  snapshot while the portal keeps running; restore copies the backup's pages back into the live
  database in one step, after `PRAGMA integrity_check` on the backup.

Backups go to settings.BACKUP_DIR (var/backups/ by default) unless a path is given.
"""

import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump/pg_restore with an argument list, never a shell
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SUFFIX = {SQLITE: ".sqlite3", POSTGRESQL: ".dump"}
SQLITE_HEADER = b"SQLite format 3\x00"
PGDUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    pass


def database_kind(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor in (SQLITE, POSTGRESQL):
        return vendor
    raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")


def backup_dir() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "var" / "backups"))


def default_backup_path(*, using: str = "default", prefix: str = "portal") -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return backup_dir() / f"{prefix}-{stamp}{SUFFIX[database_kind(using)]}"


FILE_MODE = 0o600  # backups hold password hashes, sessions and TOTP keys
FOLDER_MODE = 0o700


def _private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) 0700; the configured backup folder is made 0700 even when it
    exists. Another existing folder given with --output is left as its owner set it."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is masked by the umask
    elif folder.resolve() == backup_dir().resolve():
        os.chmod(folder, FOLDER_MODE)


def backup_database(*, output: Path | None = None, using: str = "default") -> Path:
    """Write a backup of the database to `output` (or a new file in BACKUP_DIR); return its path.

    The file appears only when complete (written under a temporary name, then renamed)."""
    kind = database_kind(using)
    output = Path(output) if output else default_backup_path(using=using)
    _private_folder(output.parent)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    # created 0600 before anything is written (never readable by others, whatever the umask)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    try:
        os.chmod(partial, FILE_MODE)
        if kind == SQLITE:
            _sqlite_backup(using, partial)
        else:
            _pg_dump(using, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def restore_database(path: Path, *, using: str = "default") -> None:
    """Replace the whole content of the database by the backup at `path` (all or nothing)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("cannot restore inside a transaction")
    kind = database_kind(using)
    with path.open("rb") as handle:
        header = handle.read(16)
    if kind == SQLITE:
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{path} is not a SQLite backup")
        _sqlite_restore(using, path)
    else:
        if not header.startswith(PGDUMP_HEADER):
            raise BackupError(f"{path} is not a pg_dump custom-format backup")
        _pg_restore(using, path)


# SQLite ---------------------------------------------------------------------------------------------


def _sqlite_backup(using: str, target_path: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    try:
        with target:
            connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_restore(using: str, path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (result,) = source.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(f"{path} failed the integrity check: {result}")
        connection = connections[using]
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


# PostgreSQL -----------------------------------------------------------------------------------------


def _pg_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return program


def _pg_args_env(using: str) -> tuple[list[str], dict]:
    params = connections[using].settings_dict
    env = dict(os.environ)
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [option, str(params[key])]
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])  # never on the command line
    args += ["--dbname", params["NAME"]]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603  # fixed argument list, no shell
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _pg_dump(using: str, target_path: Path) -> None:
    args, env = _pg_args_env(using)
    _run([_pg_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(target_path), *args], env)


def _pg_restore(using: str, path: Path) -> None:
    args, env = _pg_args_env(using)
    connections[using].close()  # hold no locks on the tables being replaced
    command = [
        _pg_program("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        *args,
        str(path),
    ]
    _run(command, env)
