from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations and security: two-step sign-in (TOTP), lockout page, the audit-trail pages, database
    faults (503), backup and restore. No models of its own."""

    name = "ops"
    verbose_name = _("Operations and security")
