from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """A synthetic national dataset for benchmarks and scale tests (manage.py generate_national_dataset).

    A data tool: it writes the other apps' tables in bulk (never through their services, which would take
    hours at national scale) and marks every row it creates so that `--reset` can remove exactly those."""

    name = "synthetic"
    verbose_name = "Synthetic data"  # a developer tool: nothing here is shown to users, so not translated
