"""manage.py recompute_summaries [--check]: recompute every summary row from scratch and report any
difference from the stored rows (there must be none: they are kept fresh on every write).

    --check        only compare; exit with status 1 when a row differs (nothing is written)
    --no-progress  no progress bar
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from reports import rollups


class Command(BaseCommand):
    help = "Recompute the summary rows from the published data and report any difference from the stored rows."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only; exit 1 on any difference")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, check, no_progress, verbosity, **options):
        started = time.monotonic()
        bar = tqdm(
            total=len(rollups._cells()),
            desc="Provinces × programmes",
            disable=no_progress or verbosity == 0,
            file=sys.stderr,
        )
        with transaction.atomic():
            differences = rollups.recompute(write=not check, progress=bar.update)
        bar.close()
        seconds = time.monotonic() - started
        for line in differences:
            self.stdout.write(line)
        if differences:
            message = f"{len(differences)} differences between the stored summary rows and a recomputation."
            if check:
                raise CommandError(message)
            self.stdout.write(self.style.WARNING(message + " The stored rows were replaced."))
        elif verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"0 differences ({seconds:.1f} s)."))
