from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Conference reports")

    def ready(self):
        from movement import hooks
        from reports import rollups

        hooks.on_units_changed(rollups.units_changed)  # the record counts kept as summary rows
