from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdayConfig(AppConfig):
    name = "workday"
    verbose_name = _("Staff workday")

    def ready(self):
        from workday import signals  # noqa: F401  (a report deleted while corrected)
