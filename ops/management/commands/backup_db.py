"""manage.py backup_db [--output PATH]: back up the whole database (pg_dump or SQLite's backup API)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Back up the database into var/backups/ (or --output): pg_dump custom format, or a SQLite copy."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: a new file in var/backups/).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output=None, database="default", verbosity=1, **options):
        try:
            path = backup_database(output=output, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            size = path.stat().st_size
            self.stdout.write(self.style.SUCCESS(f"Backup written: {path} ({size:,} bytes)"))
