import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from movement.loaders import load_admin_units


class Command(BaseCommand):
    help = "Load both generations of administrative units and the successions (from vietnamadminunits)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, dry_run=False, no_progress=False, verbosity=1, **options):
        started = time.perf_counter()
        report = load_admin_units(dry_run=dry_run, progress=not no_progress and verbosity > 0)
        elapsed = time.perf_counter() - started
        if verbosity == 0:
            return
        for (generation, level), total in sorted(report.totals.items()):
            key = (generation, level)
            self.stdout.write(
                f"{generation:>6} {level:<9} {total:>6}  "
                f"+{report.created[key]} ~{report.updated[key]} ={report.unchanged[key]}"
            )
        self.stdout.write(
            f"successions {report.successions_total:>6}  +{report.successions_created} "
            f"~{report.successions_updated} -{report.successions_deleted}"
        )
        prefix = _("Dry run, nothing saved.") + " " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + _("Done in %(s).1f s.") % {"s": elapsed}))
