"""manage.py generate_national_dataset --scale 1 --seed 1: a synthetic national dataset for benchmarks.

--scale S      1 = national size (300,000 units, 1.5 M certifications, 20,000 conferences …); 0.01 in seconds
--seed N       the same seed, scale and last year give the same data
--end-year Y   the last year with data (default: this year from November, else last year)
--reuse        do nothing when a complete dataset with these parameters is already there
--reset        delete what the generator wrote before (alone: delete and stop)
--no-progress  no progress bars
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from movement.models import AdministrativeUnit
from synthetic.cleanup import delete_generated
from synthetic.generator import NationalDatasetGenerator, default_end_year
from synthetic.models import GeneratedDataset


class Command(BaseCommand):
    help = "Generate a deterministic synthetic national dataset (bulk inserts) for benchmarks and scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=None, help="1 = national size; 0.01 for tests")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--end-year", type=int, default=None)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--reuse", action="store_true", help="keep a complete dataset with the same parameters")
        parser.add_argument("--reset", action="store_true", help="delete the generated rows first")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, scale, seed, end_year, batch_size, reuse, reset, no_progress, verbosity, **options):
        end_year = end_year or default_end_year()
        if reset:
            counts = delete_generated()
            deleted = sum(n for label, n in counts.items() if label != "synthetic.GeneratedDataset")
            self.stdout.write(f"Deleted {deleted:,} generated rows.")
            if scale is None:
                return
        if scale is None:
            raise CommandError("Give --scale (1 for national size, 0.01 for tests), or --reset alone.")
        existing = GeneratedDataset.objects.first()
        if existing is not None:
            same = float(existing.scale) == scale and existing.seed == seed and existing.end_year == end_year
            if reuse and same and existing.is_complete:
                self.stdout.write(
                    f"Reusing the dataset of {existing.started_at:%Y-%m-%d %H:%M} (scale {scale:g}, seed {seed}, "
                    f"{end_year}): {sum(existing.counts.values()):,} rows."
                )
                return
            raise CommandError(
                f"A generated dataset is already here ({existing}, complete: {existing.is_complete}); "
                "add --reset to replace it."
            )
        if not AdministrativeUnit.objects.exists():
            call_command("load_admin_units", verbosity=0)
        generator = NationalDatasetGenerator(
            scale=scale,
            seed=seed,
            end_year=end_year,
            batch_size=batch_size,
            progress=not no_progress and verbosity > 0,
            stdout=self.stdout if verbosity > 0 else None,
        )
        dataset = generator.run()
        total = sum(dataset.counts.values())
        if verbosity > 0:
            for label, count in dataset.counts.items():
                self.stdout.write(f"  {label:<40} {count:>12,}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {total:,} rows in {dataset.seconds:.1f} s ({total / max(dataset.seconds, 1e-9):,.0f} rows/s)."
                )
            )
