"""Programmes, indicators, conferences, reported figures and award tallies.

The catalogues here (programmes, issuing authorities, award forms) are shared with `awards`, which
builds on this app."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from movement.attachments import AttachmentBase
from movement.models import TimeStampedModel
from reports.qualifiers import Qualifier

__all__ = [
    "AwardForm",
    "AwardTally",
    "Breakdown",
    "Conference",
    "ConferenceTransition",
    "Indicator",
    "IndicatorValue",
    "IssuingAuthority",
    "Programme",
    "Qualifier",
    "SourceDocument",
]


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


class Breakdown(BilingualNameMixin):
    """A split of a figure: by block (agency, enterprise, school …) or by kind of area (commune, ward …).

    A figure's `breakdown` holds the code of one of these rows, or "" for the total."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), default=100)

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        ordering = ["rank", "code"]


class Indicator(BilingualNameMixin):
    """What a reported figure counts (chỉ tiêu): its unit of measure, group, and what it allows."""

    class Group(models.TextChoices):
        PROPAGANDA = "propaganda", _("Propaganda and mobilisation")
        TIPS = "tips", _("Tips given to the police")
        MODELS = "models", _("Self-management and movement models")
        SECURITY_FORCE = "security_force", _("Security forces")
        CERTIFICATION = "certification", _("Safety certification")
        WEAPONS = "weapons", _("Weapons and explosives handed in")
        TRANSFORMATION = "transformation", _("Complex areas transformed")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    unit_vi = models.CharField(_("unit of measure (Vietnamese)"), max_length=40, help_text=_("e.g. buổi, người, tin"))
    unit_en = models.CharField(_("unit of measure (English)"), max_length=40, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, default=Group.OTHER)
    takes_out_of = models.BooleanField(
        _("takes an “out of” figure"), default=False, help_text=_("Reported as x/y, e.g. 113/128 communes.")
    )
    allows_decimals = models.BooleanField(_("allows decimals"), default=False, help_text=_("e.g. 12,5 kg"))
    allows_total = models.BooleanField(_("allows the total (no breakdown)"), default=True)
    breakdowns = models.ManyToManyField(
        Breakdown, verbose_name=_("allowed breakdowns"), blank=True, related_name="indicators"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["rank", "code"]

    @property
    def unit(self) -> str:
        if (get_language() or "vi").startswith("en") and self.unit_en:
            return self.unit_en
        return self.unit_vi


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Conference.Status.PUBLISHED)

    def subtree(self, area):
        return self.filter(area__path__startswith=area.path)


class Conference(TimeStampedModel):
    """A conference that reported results: launch, interim or final review, annual summary, thematic."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch (triển khai)")
        INTERIM_REVIEW = "interim_review", _("Interim review (sơ kết)")
        FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
        ANNUAL_SUMMARY = "annual_summary", _("Annual summary (tổng kết năm)")
        THEMATIC = "thematic", _("Thematic (chuyên đề)")

    class Status(models.TextChoices):
        # A context of their own: other apps use the same English words with other Vietnamese ones.
        DRAFT = "draft", pgettext_lazy("conference status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("conference status", "Submitted")
        APPROVED = "approved", pgettext_lazy("conference status", "Approved")
        PUBLISHED = "published", pgettext_lazy("conference status", "Published")
        RETURNED = "returned", pgettext_lazy("conference status", "Returned for changes")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="conferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    area = models.ForeignKey(
        "movement.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    is_date_from_publication = models.BooleanField(
        _("date is the publication date"),
        default=False,
        help_text=_("The report does not give the day of the conference; the date shown is when it was published."),
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_label = models.CharField(
        _("period label"), max_length=60, blank=True, help_text=_("e.g. 2014-2019, 2020, năm học 2019-2020")
    )
    chaired_by = models.TextField(_("chaired by"), blank=True, help_text=_("One person per line, as printed."))
    scope_note = models.CharField(_("scope"), max_length=300, blank=True, help_text=_("e.g. agencies and schools only"))
    note = models.TextField(_("note"), blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences_created",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences_submitted",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences_approved",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    search_name = models.CharField(max_length=400, editable=False, db_index=True)

    objects = ConferenceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["status", "held_on"], name="conference_status_held"),
            models.Index(fields=["programme", "period_start"], name="conference_prog_period"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def chaired_by_lines(self) -> list[str]:
        return [line.strip() for line in self.chaired_by.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end of the period cannot precede its start.")
        if self.held_on:
            if self.held_on > timezone.localdate():
                errors["held_on"] = _("The conference date cannot be in the future.")
            elif self.held_on < EARLIEST_DATE:
                errors["held_on"] = _("The conference date cannot be before 1945.")
        for field in ("period_start", "period_end"):
            value = getattr(self, field)
            if value and value < EARLIEST_DATE:
                errors[field] = _("The period cannot start or end before 1945.")
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            errors["return_reason"] = _("Give the reason for returning the report.")
        if errors:
            raise ValidationError(errors)


EARLIEST_DATE = datetime.date(1945, 9, 2)


class SourceDocument(TimeStampedModel):
    """Where a conference's figures come from: a report, article or decision, cited, with a summary or its full text."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="source_documents"
    )
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A short summary in our own words, when the full text is not kept.")
    )
    full_text = models.TextField(_("full text"), blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["conference", "id"]

    def __str__(self):
        return self.title


class IndicatorValue(TimeStampedModel):
    """One reported figure: "hơn 10.000 tin", "113/128 xã". One per conference, indicator and breakdown."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    # The code of a Breakdown, or "" for the total (never NULL, so the unique key holds on every database).
    breakdown = models.CharField(_("breakdown"), max_length=40, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    out_of = models.DecimalField(_("out of"), max_digits=16, decimal_places=3, null=True, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    period_label = models.CharField(
        _("period of this figure"),
        max_length=60,
        blank=True,
        help_text=_("Only when it differs from the conference's, e.g. school year 2019-2020."),
    )
    source_excerpt = models.TextField(_("source excerpt"), blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["conference", "indicator__rank", "indicator__code", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "indicator", "breakdown"], name="indicatorvalue_unique_breakdown"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="indicatorvalue_value_not_negative"),
        ]
        indexes = [models.Index(fields=["indicator", "breakdown"], name="indicatorvalue_ind_bd")]

    def __str__(self):
        text = f"{self.indicator.code}"
        if self.breakdown:
            text += f" [{self.breakdown}]"
        return f"{text} = {self.value}" + (f"/{self.out_of}" if self.out_of is not None else "")

    def clean(self):
        """Checks that need only this row and its indicator (the services also check the catalogue)."""
        errors = {}
        indicator = self.indicator if self.indicator_id else None
        if self.value is not None and self.value < 0:
            errors["value"] = _("A figure cannot be negative.")
        if self.out_of is not None:
            if self.out_of < 0:
                errors["out_of"] = _("A figure cannot be negative.")
            elif indicator is not None and not indicator.takes_out_of:
                errors["out_of"] = _("This indicator does not take an “out of” figure.")
            elif self.value is not None and self.value > self.out_of:
                errors["value"] = _("The value cannot be greater than its “out of” figure.")
        if indicator is not None and not indicator.allows_decimals:
            for field in ("value", "out_of"):
                number = getattr(self, field)
                if number is not None and number != number.to_integral_value():
                    errors.setdefault(field, _("This indicator counts whole units: no decimals."))
        if errors:
            raise ValidationError(errors)


class AwardTally(TimeStampedModel):
    """How many awards of one form one authority gave at the conference ("26 tập thể nhận Bằng khen")."""

    class RecipientKind(models.TextChoices):
        COLLECTIVE = "collective", _("Collectives")
        INDIVIDUAL = "individual", _("Individuals")
        MIXED = "mixed", _("Collectives and individuals (not split)")

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="tallies"
    )
    issuer = models.ForeignKey(
        IssuingAuthority, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="tallies"
    )
    form = models.ForeignKey(AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="tallies")
    recipient_kind = models.CharField(_("recipients"), max_length=12, choices=RecipientKind.choices)
    count = models.PositiveIntegerField(_("count"))
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    source_excerpt = models.TextField(_("source excerpt"), blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award tally")
        verbose_name_plural = _("award tallies")
        ordering = ["conference", "issuer__level", "form__rank", "recipient_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "issuer", "form", "recipient_kind"], name="awardtally_unique_kind"
            ),
        ]

    def __str__(self):
        return f"{self.issuer.code} · {self.form.code} · {self.recipient_kind}: {self.count}"


class ConferenceTransition(models.Model):
    """One change of a conference's status: who, when, from → to, and the reason (required to return)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Conference.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Conference.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_transitions",
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("conference status change")
        verbose_name_plural = _("conference status changes")
        ordering = ["conference", "occurred_at", "id"]

    def __str__(self):
        return f"{self.conference_id}: {self.from_status} → {self.to_status}"


# Summary rows kept fresh on write (reports/rollups.py), defined in their own module.
from reports.summary_rows import *  # noqa: E402, F403


class ConferenceAttachment(AttachmentBase):
    """A file of a conference report (the scanned report, the minutes, a table)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AttachmentBase.Meta):
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
