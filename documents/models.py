"""The header and signer of a province's (or any area's) official documents, editable in the admin.

A document takes the profile of its kind nearest to its area: the area itself, then the units above it,
then (for a unit recorded before 1 July 2025) today's province that holds it. Without one, the header's
issuing body and the signer are left as marked blanks for the clerk (docs/decisions/0005)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from movement.models import AdministrativeUnit, TimeStampedModel

MAX_RECIPIENT_LINES = 20


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report draft")
    RECOGNITION = "recognition", _("Recognition decision")
    AWARD = "award", _("Award decision")


class DocumentProfile(TimeStampedModel):
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.CASCADE,
        related_name="document_profiles",
        help_text=_("Documents of this unit and of every unit below it use this header (unless a nearer one exists)."),
    )
    kind = models.CharField(_("kind of document"), max_length=12, choices=DocumentKind.choices)
    parent_body = models.CharField(
        _("governing body"),
        max_length=200,
        blank=True,
        help_text=_("Printed above the issuing body, e.g. ỦY BAN NHÂN DÂN TỈNH THANH HÓA (may be empty)."),
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, help_text=_("e.g. BAN CHỈ ĐẠO 138 or ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=40,
        blank=True,
        help_text=_("The symbol after the number, which is left blank for the clerk, e.g. BC-BCĐ138 or QĐ-UBND."),
    )
    place = models.CharField(_("place name"), max_length=100, help_text=_("Printed before the date, e.g. Thanh Hóa"))
    signer_title = models.CharField(
        _("signer's title"),
        max_length=200,
        blank=True,
        help_text=_("One line each, e.g. KT. TRƯỞNG BAN then PHÓ TRƯỞNG BAN."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"),
        blank=True,
        help_text=_("One recipient a line, e.g. Như Điều 3; then Lưu: VT."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document header and signer")
        verbose_name_plural = _("document headers and signers")
        ordering = ["area__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["area", "kind"], name="documentprofile_unique_area_kind")]

    def __str__(self):
        return f"{self.area.name} – {self.get_kind_display()}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def signer_title_lines(self) -> list[str]:
        return [line.strip() for line in self.signer_title.splitlines() if line.strip()]

    def clean(self):
        if len(self.recipient_lines) > MAX_RECIPIENT_LINES:
            raise ValidationError(
                {"recipients": _("At most %(count)d recipient lines.") % {"count": MAX_RECIPIENT_LINES}}
            )
