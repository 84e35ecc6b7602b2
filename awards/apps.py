from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Certifications and awards")

    def ready(self):
        from awards.record_sources import PROVIDERS, READS_UNITS
        from reports import record_sources

        for name, provider in PROVIDERS.items():
            record_sources.register(name, provider, reads_units=name in READS_UNITS)
