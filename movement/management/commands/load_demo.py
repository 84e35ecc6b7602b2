"""Load the demo data of every app, in dependency order (movement, reports, awards).

Each app contributes an optional <app>.demo.load(stdout=…, verbosity=…); every loader is idempotent."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from movement.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Load the demo data (the seed reports and demo records). Idempotent."

    def handle(self, *args, verbosity=1, **options):
        if not AdministrativeUnit.objects.exists():
            raise CommandError("Load the administrative units first: manage.py load_admin_units")
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout, verbosity=verbosity)
