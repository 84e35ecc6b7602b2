"""Certifications ("An toàn về an ninh, trật tự"), award decisions with their recipients, and movement
ratings: the records entered as the work happens.

Rules change over time, so the criteria sets and rating schemes are versioned data with a legal basis
and validity dates (seeded by a data migration, editable in the admin), never hard-coded labels."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from movement.attachments import AttachmentBase
from movement.models import AdministrativeUnit, TimeStampedModel, Unit


def _pick(vi: str, en: str) -> str:
    if (get_language() or "vi").startswith("en") and en:
        return en
    return vi


class SubjectKind(models.TextChoices):
    """What a certification or a rating is about: a unit (by its kind) or a commune-level area."""

    RESIDENTIAL_AREA = "residential_area", _("Residential area")
    COMMUNE = "commune", pgettext_lazy("subject kind", "Commune")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")


class CriteriaSubject(models.TextChoices):
    """The groups the legal texts give criteria for (hospitals are public service units: agencies)."""

    RESIDENTIAL_AREA = "residential_area", _("Residential area")
    COMMUNE = "commune", _("Commune, ward, township")
    AGENCY_ENTERPRISE = "agency_enterprise", _("Agency, enterprise")
    SCHOOL = "school", _("Educational institution")


SUBJECT_TO_CRITERIA = {
    SubjectKind.RESIDENTIAL_AREA: CriteriaSubject.RESIDENTIAL_AREA,
    SubjectKind.COMMUNE: CriteriaSubject.COMMUNE,
    SubjectKind.AGENCY: CriteriaSubject.AGENCY_ENTERPRISE,
    SubjectKind.ENTERPRISE: CriteriaSubject.AGENCY_ENTERPRISE,
    SubjectKind.HOSPITAL: CriteriaSubject.AGENCY_ENTERPRISE,
    SubjectKind.SCHOOL: CriteriaSubject.SCHOOL,
}


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    SCHOOL_YEAR = "school_year", _("School year")


class CriteriaSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class CriteriaSet(TimeStampedModel):
    """The numbered criteria of the standard for one kind of subject under one legal text."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, help_text=_("e.g. Thông tư 124/2021/TT-BCA"))
    legal_basis_issued_on = models.DateField(_("legal text issued on"), null=True, blank=True)
    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=CriteriaSubject.choices)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_summary = models.BooleanField(
        _("criteria are summaries"),
        default=True,
        help_text=_("The criteria texts are short summaries, not the legal wording; check them against the text."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["subject_kind", "-valid_from", "code"]
        indexes = [models.Index(fields=["subject_kind", "valid_from"], name="criteriaset_kind_from")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity cannot precede its start.")})

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_until is None or start <= self.valid_until
        )


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="criteria"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_vi = models.TextField(_("text (Vietnamese)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    is_summary = models.BooleanField(_("summary, not the legal wording"), default=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @property
    def text(self) -> str:
        return _pick(self.text_vi, self.text_en)


class SubjectMixin(models.Model):
    """A unit, or a commune-level area; `area` is the administrative unit that scopes the record
    (the unit's area or the commune itself), denormalised for scoping and aggregation."""

    subject_kind = models.CharField(_("subject kind"), max_length=20, choices=SubjectKind.choices, db_index=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("administrative unit"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.unit if self.unit_id else self.commune

    @property
    def subject_name(self) -> str:
        subject = self.subject
        return subject.name if subject else ""

    def clean_subject(self, errors: dict):
        if bool(self.unit_id) == bool(self.commune_id):
            errors["unit"] = _("Give either a unit or a commune, not both.")
            return
        if self.commune_id:
            if self.commune.level != AdministrativeUnit.Level.COMMUNE:
                errors["commune"] = _("The subject must be a commune-level administrative unit.")
            if self.subject_kind != SubjectKind.COMMUNE:
                errors["subject_kind"] = _("The subject kind must match the subject.")
            if self.area_id != self.commune_id:
                errors["area"] = _("The administrative unit must be the commune itself.")
        else:
            if self.subject_kind != self.unit.kind:
                errors["subject_kind"] = _("The subject kind must match the subject.")
            if self.area_id != self.unit.area_id:
                errors["area"] = _("The administrative unit must be the unit's own.")


class RecognitionDecision(TimeStampedModel):
    """A decision recognising one or more approved certifications (number and symbol, date, issuer)."""

    number = models.CharField(_("number and symbol"), max_length=60)
    signed_on = models.DateField(_("signed on"))
    issuer = models.CharField(_("issuer"), max_length=255, help_text=_("As printed, e.g. Chủ tịch UBND xã Vạn Ninh"))
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="recognition_decisions",
        help_text=_("Where the issuer sits; scopes who may see the decision."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        ordering = ["-signed_on", "-id"]

    def __str__(self):
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"

    def clean(self):
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("A decision cannot be signed in the future.")})


class SafetyCertification(SubjectMixin, TimeStampedModel):
    """One subject's certification against the "An toàn về an ninh, trật tự" standard for one period."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        RECOGNISED = "recognised", _("Recognised")
        REVOKED = "revoked", _("Revoked")

    period_kind = models.CharField(_("period kind"), max_length=12, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2020 or 2019-2020"))
    year = models.PositiveSmallIntegerField(
        _("assessment year"), db_index=True, help_text=_("The year the period ends in (used for counts).")
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="certifications"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    recognition_decision = models.ForeignKey(
        RecognitionDecision,
        verbose_name=_("recognition decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certifications",
    )
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recognised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recognised_at = models.DateTimeField(_("recognised at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("safety certification")
        verbose_name_plural = _("safety certifications")
        ordering = ["-year", "area__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_kind", "period_start"],
                condition=Q(unit__isnull=False),
                name="certification_unique_unit_period",
            ),
            models.UniqueConstraint(
                fields=["commune", "period_kind", "period_start"],
                condition=Q(commune__isnull=False),
                name="certification_unique_commune_period",
            ),
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(commune__isnull=True))
                | (Q(unit__isnull=True) & Q(commune__isnull=False)),
                name="certification_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "year"], name="certification_status_year"),
            models.Index(fields=["year", "subject_kind"], name="certification_year_kind"),
            models.Index(fields=["area", "status"], name="certification_area_status"),
        ]

    def __str__(self):
        return f"{self.subject_name} · {self.period_label}"

    def clean(self):
        errors: dict = {}
        self.clean_subject(errors)
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end of the period cannot precede its start.")
        if self.criteria_set_id and self.subject_kind:
            expected = SUBJECT_TO_CRITERIA.get(self.subject_kind)
            if self.criteria_set.subject_kind != expected:
                errors["criteria_set"] = _("This criteria set is for another kind of subject.")
            elif self.period_start and not self.criteria_set.overlaps(self.period_start, self.period_end):
                errors["criteria_set"] = _("This criteria set was not in force during the period.")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("A rejection needs a reason.")
        if self.status == self.Status.REVOKED and not self.revocation_reason.strip():
            errors["revocation_reason"] = _("A revocation needs a reason.")
        if self.status == self.Status.RECOGNISED and not self.recognition_decision_id:
            errors["recognition_decision"] = _("A recognised certification needs its recognition decision.")
        if errors:
            raise ValidationError(errors)


class CertificationCriterionResult(models.Model):
    """The self-assessment of one criterion: met or not, with an evidence note."""

    certification = models.ForeignKey(
        SafetyCertification, verbose_name=_("certification"), on_delete=models.CASCADE, related_name="results"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    is_met = models.BooleanField(_("met"), null=True, blank=True)
    evidence_note = models.TextField(_("evidence note"), blank=True)

    class Meta:
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        ordering = ["certification", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "criterion"], name="criterion_result_unique"),
        ]

    def __str__(self):
        return f"{self.certification} · {self.criterion.number}"


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class AwardDecision(TimeStampedModel):
    """A decision awarding a form of commendation to numbered recipients.

    An issued decision is never edited in place: it can only be annulled (with a reason)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        ANNULLED = "annulled", _("Annulled")

    number = models.CharField(_("number and symbol"), max_length=60, help_text=_("e.g. 1234/QĐ-UBND"))
    signed_on = models.DateField(_("signed on"))
    issuing_authority = models.ForeignKey(
        "reports.IssuingAuthority", verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(_("signer (as printed)"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title (as printed)"), max_length=255, blank=True)
    form = models.ForeignKey("reports.AwardForm", verbose_name=_("form"), on_delete=models.PROTECT, related_name="+")
    achievement = models.TextField(_("achievement"), help_text=_("As printed, e.g. Đã có thành tích xuất sắc …"))
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
        help_text=_(
            "The area the decision is recorded for (the issuer's area; for a central issuer, the area whose "
            "recipients it commends)."
        ),
    )
    programme = models.ForeignKey(
        "reports.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conference = models.ForeignKey(
        "reports.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The conference at which the awards were announced, when known."),
    )
    period_from = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=500, blank=True, help_text=_("Report, article or link"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("marked issued at"), null=True, blank=True)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annulled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    annulled_at = models.DateTimeField(_("annulled at"), null=True, blank=True)
    annulment_reason = models.TextField(_("reason for annulment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["status", "signed_on"], name="awarddecision_status_signed"),
        ]

    def __str__(self):
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self):
        errors = {}
        if self.signed_on and self.signed_on > timezone.localdate():
            errors["signed_on"] = _("A decision cannot be signed in the future.")
        if self.period_from and self.period_to and self.period_to < self.period_from:
            errors["period_to"] = _("The end of the period cannot precede its start.")
        if self.status == self.Status.ANNULLED and not self.annulment_reason.strip():
            errors["annulment_reason"] = _("An annulment needs a reason.")
        if errors:
            raise ValidationError(errors)


class AwardRecipient(models.Model):
    """A numbered recipient of an award decision: name and title as printed, linked to a unit or an area
    when known. Deliberately no citizen ID number, birth date or home address: the portal keeps none."""

    decision = models.ForeignKey(
        AwardDecision, verbose_name=_("award decision"), on_delete=models.CASCADE, related_name="recipients"
    )
    order = models.PositiveIntegerField(_("order"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=12, choices=RecipientKind.choices)
    name_as_printed = models.CharField(_("name as printed"), max_length=255)
    title_as_printed = models.CharField(_("title as printed"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="award_recipients"
    )
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_recipients",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award recipient")
        verbose_name_plural = _("award recipients")
        ordering = ["decision", "order"]
        constraints = [models.UniqueConstraint(fields=["decision", "order"], name="awardrecipient_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.name_as_printed}"


class RatingScheme(TimeStampedModel):
    """A versioned scheme for rating the movement (e.g. Quyết định 510/QĐ-BCA-V05 of 2022, out of 100)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2, default=Decimal("100"))
    is_summary = models.BooleanField(
        _("bands are summaries"),
        default=True,
        help_text=_("The labels and bands are a summary to check against the document, editable here."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rating scheme")
        verbose_name_plural = _("rating schemes")
        ordering = ["-valid_from", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity cannot precede its start.")})

    def covers_year(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= datetime.date(year, 12, 31)) and (
            self.valid_until is None or datetime.date(year, 1, 1) <= self.valid_until
        )

    def band_for(self, score: Decimal, bands=None):
        """The band whose minimum is the highest one not above the score (bands leave no gaps)."""
        bands = sorted(bands if bands is not None else self.bands.all(), key=lambda b: b.min_score, reverse=True)
        for band in bands:
            if score >= band.min_score:
                return band
        return None


class RatingBand(models.Model):
    """One class of a rating scheme: scores from `min_score` up to the next band's minimum."""

    scheme = models.ForeignKey(
        RatingScheme, verbose_name=_("rating scheme"), on_delete=models.CASCADE, related_name="bands"
    )
    code = models.SlugField(_("code"), max_length=30)
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)
    min_score = models.DecimalField(_("minimum score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("rating band")
        verbose_name_plural = _("rating bands")
        ordering = ["scheme", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="ratingband_unique_code"),
            models.UniqueConstraint(fields=["scheme", "min_score"], name="ratingband_unique_min"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return _pick(self.label_vi, self.label_en)


class MovementRating(SubjectMixin, TimeStampedModel):
    """A subject's movement rating for a year under a scheme: self-score, approved score, resulting class."""

    class Status(models.TextChoices):
        SELF_SCORED = "self_scored", _("Self-scored")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    scheme = models.ForeignKey(
        RatingScheme, verbose_name=_("rating scheme"), on_delete=models.PROTECT, related_name="ratings"
    )
    self_score = models.DecimalField(_("self-score"), max_digits=6, decimal_places=2)
    score = models.DecimalField(_("approved score"), max_digits=6, decimal_places=2, null=True, blank=True)
    band = models.ForeignKey(
        RatingBand, verbose_name=_("class"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SELF_SCORED)
    note = models.TextField(_("note"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("self-scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movement rating")
        verbose_name_plural = _("movement ratings")
        ordering = ["-year", "area__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "scheme"], condition=Q(unit__isnull=False), name="rating_unique_unit_year"
            ),
            models.UniqueConstraint(
                fields=["commune", "year", "scheme"],
                condition=Q(commune__isnull=False),
                name="rating_unique_commune_year",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} · {self.year}"

    @property
    def effective_score(self):
        return self.score if self.score is not None else self.self_score

    def clean(self):
        errors: dict = {}
        self.clean_subject(errors)
        if self.scheme_id:
            for field in ("self_score", "score"):
                value = getattr(self, field)
                if value is not None and not (Decimal(0) <= value <= self.scheme.max_score):
                    top = self.scheme.max_score
                    top = int(top) if top == top.to_integral_value() else top
                    errors[field] = _("The score must lie between 0 and %(max)s.") % {"max": top}
            if self.year and not self.scheme.covers_year(self.year):
                errors["scheme"] = _("This rating scheme was not in force in that year.")
        if errors:
            raise ValidationError(errors)


class RecordAttachment(AttachmentBase):
    """A file of a certification (evidence), a recognition decision or an award decision (exactly one)."""

    certification = models.ForeignKey(
        SafetyCertification, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    recognition_decision = models.ForeignKey(
        RecognitionDecision, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    award_decision = models.ForeignKey(
        AwardDecision, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AttachmentBase.Meta):
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        certification__isnull=False, recognition_decision__isnull=True, award_decision__isnull=True
                    )
                    | models.Q(
                        certification__isnull=True, recognition_decision__isnull=False, award_decision__isnull=True
                    )
                    | models.Q(
                        certification__isnull=True, recognition_decision__isnull=True, award_decision__isnull=False
                    )
                ),
                name="recordattachment_exactly_one_record",
            )
        ]
