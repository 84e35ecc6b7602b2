"""Programmes, indicators, conferences, reported figures and award tallies.

The catalogues here (programmes, issuing authorities, award forms) are shared with `awards`, which
builds on this app."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from movement.models import TimeStampedModel


class BilingualNameMixin(models.Model):
    """Catalogue rows carry their own Vietnamese and English names (data, not code)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi


class Programme(TimeStampedModel):
    """A programme, directive or plan whose results conferences review (e.g. Chỉ thị 07/CT-BCA-V28)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    document_number = models.CharField(_("document number and symbol"), max_length=60, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    review_period_years = models.PositiveSmallIntegerField(
        _("default review period (years)"), null=True, blank=True, help_text=_("e.g. 5 for a five-year review")
    )
    is_recurring = models.BooleanField(_("recurring yearly"), default=False)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-issued_on", "code"]

    def __str__(self):
        if (get_language() or "vi").startswith("en") and self.title_en:
            return self.title_en
        return self.title


class AwardForm(BilingualNameMixin):
    """A form of commendation: Cờ thi đua, Bằng khen, Giấy khen … (`mixed` when a report does not split)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), default=100, help_text=_("Lower is more senior."))

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["rank", "code"]


class IssuingAuthority(BilingualNameMixin):
    """Who may issue commendations (Law 06/2022/QH15 on emulation and commendation), with the dates the
    authority existed (no district-level issuer after 30 Jun 2025) and the forms it may issue."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")
        COMBINED = "combined", _("Several authorities together")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    forms = models.ManyToManyField(
        AwardForm, verbose_name=_("forms it may issue"), blank=True, related_name="authorities"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["level", "code"]

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity cannot precede its start.")})

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )
