"""The synonym catalogue the extractor reads: data an administrator extends in the admin, not code.

Indicator and breakdown synonyms are keyed by the code of the reports catalogue row (validated against it);
issuer, award-form and programme synonyms point at the reports catalogue rows themselves."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from movement.models import TimeStampedModel
from reports.models import AwardForm, IssuingAuthority, Programme


class SynonymBase(TimeStampedModel):
    phrase = models.CharField(
        _("phrase"),
        max_length=200,
        help_text=_("As printed in reports; case, spacing and old/new tone placement do not matter."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.phrase

    def clean(self):
        self.phrase = " ".join((self.phrase or "").split())
        if not self.phrase:
            raise ValidationError({"phrase": _("Enter the phrase as printed in reports.")})


class IndicatorSynonym(SynonymBase):
    """A phrase that names an indicator of the reports catalogue."""

    class Position(models.TextChoices):
        NOUN = "noun", _("Noun phrase right after the number")
        PREDICATE = "predicate", _("Later in the sentence, when the number counts units")
        PREFIX = "prefix", _("Before the number, when it counts units")

    indicator_code = models.CharField(_("indicator"), max_length=80, db_index=True)
    position = models.CharField(_("where it stands"), max_length=10, choices=Position.choices, default=Position.NOUN)
    after_indicator_code = models.CharField(
        _("only after a figure of"),
        max_length=80,
        blank=True,
        help_text=_("Applies only when a figure of this indicator comes earlier in the same paragraph."),
    )
    measure = models.CharField(
        _("only with the measure word"),
        max_length=20,
        blank=True,
        help_text=_("e.g. “lượt”: applies only to numbers counted in occurrences."),
    )

    class Meta:
        verbose_name = _("indicator synonym")
        verbose_name_plural = _("indicator synonyms")
        ordering = ["indicator_code", "position", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_code", "phrase", "position", "after_indicator_code", "measure"],
                name="extraction_indicatorsynonym_unique",
            )
        ]

    def clean(self):
        super().clean()
        from extraction.catalogue import known_indicator_codes

        known = known_indicator_codes()
        errors = {}
        if known is not None:
            if self.indicator_code not in known:
                errors["indicator_code"] = _("Unknown indicator: %(code)s.") % {"code": self.indicator_code}
            if self.after_indicator_code and self.after_indicator_code not in known:
                errors["after_indicator_code"] = _("Unknown indicator: %(code)s.") % {"code": self.after_indicator_code}
        if "+" in self.phrase:
            errors["phrase"] = _("A “+” combines issuers only; name an indicator with one phrase.")
        if errors:
            raise ValidationError(errors)


class BreakdownSynonym(SynonymBase):
    """A phrase that names a breakdown (kind of unit or area); an empty breakdown means the whole population
    ("cơ quan, doanh nghiệp, nhà trường"), i.e. no breakdown."""

    breakdown_code = models.CharField(
        _("breakdown"), max_length=40, blank=True, help_text=_("Empty: the whole population, no breakdown.")
    )
    matches_inside = models.BooleanField(
        _("also inside a noun phrase"),
        default=False,
        help_text=_("e.g. “khối cơ quan” in “13 loại mô hình trong khối cơ quan”."),
    )

    class Meta:
        verbose_name = _("breakdown synonym")
        verbose_name_plural = _("breakdown synonyms")
        ordering = ["breakdown_code", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["breakdown_code", "phrase"], name="extraction_breakdownsynonym_unique")
        ]

    def clean(self):
        super().clean()
        from extraction.catalogue import known_breakdown_codes

        known = known_breakdown_codes()
        if known is not None and self.breakdown_code and self.breakdown_code not in known:
            raise ValidationError({"breakdown_code": _("Unknown breakdown: %(code)s.") % {"code": self.breakdown_code}})


class IssuerSynonym(SynonymBase):
    """A phrase that names an issuing authority. Join parts with “+” for authorities named together
    (“bộ công an + ubnd tỉnh”). Without an authority: a person who hands awards over on someone's behalf
    (“phó chủ tịch ubnd tỉnh”), never taken for the issuer."""

    issuer = models.ForeignKey(
        IssuingAuthority,
        verbose_name=_("issuing authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="extraction_synonyms",
        help_text=_("Empty: not an issuer (a deputy who hands awards over)."),
    )

    class Meta:
        verbose_name = _("issuer synonym")
        verbose_name_plural = _("issuer synonyms")
        ordering = ["issuer__code", "phrase"]
        constraints = [models.UniqueConstraint(fields=["issuer", "phrase"], name="extraction_issuersynonym_unique")]


class AwardFormSynonym(SynonymBase):
    form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.CASCADE, related_name="extraction_synonyms"
    )

    class Meta:
        verbose_name = _("award form synonym")
        verbose_name_plural = _("award form synonyms")
        ordering = ["form__rank", "phrase"]
        constraints = [models.UniqueConstraint(fields=["form", "phrase"], name="extraction_awardformsynonym_unique")]


class ProgrammeSynonym(SynonymBase):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="extraction_synonyms"
    )
    priority = models.SmallIntegerField(
        _("priority"), default=0, help_text=_("When several programmes are named, the highest priority wins.")
    )

    class Meta:
        verbose_name = _("programme synonym")
        verbose_name_plural = _("programme synonyms")
        ordering = ["-priority", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "phrase"], name="extraction_programmesynonym_unique")
        ]
