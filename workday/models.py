"""Reporting deadlines (per programme and period, edited by national administrators in the admin), the
snapshot of a report's published content, and the corrections of published reports ("Đính chính")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from movement.models import AdministrativeUnit


class ReportingDeadline(models.Model):
    """e.g. the annual TDBVANTQ report of 2024 is due from every commune by 31/01/2025."""

    programme = models.ForeignKey(
        "reports.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="deadlines"
    )
    period_label = models.CharField(_("period"), max_length=20, help_text=_("as the reports give it: 2024, 2014-2019"))
    due_on = models.DateField(_("due on"))
    level = models.CharField(
        _("who reports"),
        max_length=10,
        choices=AdministrativeUnit.Level.choices,
        default=AdministrativeUnit.Level.COMMUNE,
        help_text=_("the level of the administrative units that must each send a report"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["due_on", "programme__code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "period_label"], name="deadline_one_per_period"),
        ]

    def __str__(self):
        return f"{self.programme.code} {self.period_label} ({self.due_on:%d/%m/%Y})"


class PublishedSnapshot(models.Model):
    """What the public saw of a report when it was last published: its facts, figures and tallies, as
    displayed (names, not ids). Written in the publishing transaction; read while the report is reopened."""

    conference = models.OneToOneField("reports.Conference", on_delete=models.CASCADE, related_name="published_snapshot")
    taken_at = models.DateTimeField(_("taken at"))
    data = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("published snapshot")
        verbose_name_plural = _("published snapshots")

    def __str__(self):
        return str(self.conference_id)


class Correction(models.Model):
    """A published report reopened for changes: open (the public sees the notice and the last published
    content) until it is published again, then closed with what changed."""

    conference = models.ForeignKey(
        "reports.Conference", verbose_name=_("report"), on_delete=models.CASCADE, related_name="corrections"
    )
    opened_at = models.DateTimeField(_("reopened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    before = models.JSONField(_("published content before"))
    closed_at = models.DateTimeField(_("published again at"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["conference", "closed_at"], name="correction_open")]

    def __str__(self):
        return f"{self.conference_id} {self.opened_at:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
