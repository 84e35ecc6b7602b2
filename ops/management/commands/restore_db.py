"""manage.py restore_db PATH: replace the whole database by a backup made with backup_db."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.backup import BackupError, backup_database, default_backup_path, restore_database


class Command(BaseCommand):
    help = (
        "Restore the database from a backup made with backup_db (all or nothing). By default the current "
        "content is first backed up into var/backups/pre-restore-*."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Backup file (.dump for PostgreSQL, .sqlite3 for SQLite).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--no-safety-backup", action="store_true", help="Do not back up the current content first.")

    def handle(self, *args, path, database="default", no_input=False, no_safety_backup=False, verbosity=1, **options):
        name = connections[database].settings_dict["NAME"]
        if not path.is_file():
            raise CommandError(f"No backup file at {path}")
        if not no_input:
            answer = input(f"This replaces ALL data in database {name!s} by {path}. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            if not no_safety_backup:
                safety = backup_database(
                    output=default_backup_path(using=database, prefix="pre-restore"), using=database
                )
                if verbosity:
                    self.stdout.write(f"Current content saved first: {safety}")
            restore_database(path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Database {name!s} restored from {path}"))
