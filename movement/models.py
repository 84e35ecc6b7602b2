"""The administrative hierarchy (both generations and the successions between them), units,
self-management models, and the roles that scope every read and write."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from movement.text import fold


class TimeStampedModel(models.Model):
    """Base for every domain model: when it was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AdministrativeUnitQuerySet(models.QuerySet):
    def subtree(self, unit: "AdministrativeUnit"):
        """The unit and everything below it (one indexed prefix query)."""
        return self.filter(path__startswith=unit.path)

    def legacy(self):
        return self.filter(generation=AdministrativeUnit.Generation.LEGACY)

    def current(self):
        return self.filter(generation=AdministrativeUnit.Generation.Y2025)

    def provinces(self):
        return self.filter(level=AdministrativeUnit.Level.PROVINCE)

    def search(self, text: str):
        folded = fold(text)
        return self.filter(Q(search_name__contains=folded) | Q(code=text.strip())) if folded else self


class AdministrativeUnit(models.Model):
    class Generation(models.TextChoices):
        LEGACY = "legacy", _("Before 1 July 2025 (63 provinces)")
        Y2025 = "2025", _("From 1 July 2025 (34 provinces)")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province (tỉnh)")
        CENTRAL_CITY = "central_city", _("Centrally-run city")
        URBAN_DISTRICT = "urban_district", _("Urban district (quận)")
        RURAL_DISTRICT = "rural_district", _("Rural district (huyện)")
        TOWN = "town", _("Town (thị xã)")
        PROVINCIAL_CITY = "provincial_city", _("Provincial city")
        COMMUNE = "commune", _("Commune (xã)")
        WARD = "ward", _("Ward (phường)")
        TOWNSHIP = "township", _("Township (thị trấn)")
        SPECIAL_ZONE = "special_zone", _("Special zone (đặc khu)")

    generation = models.CharField(_("generation"), max_length=8, choices=Generation.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(_("official code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=64, db_index=True, editable=False)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    search_name = models.CharField(max_length=240, editable=False, db_index=True)
    # Denormalised on load: the 2025 province that holds this unit now (itself for a 2025 province).
    current_province = models.ForeignKey(
        "self",
        verbose_name=_("now part of province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_units",
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["generation", "path"]
        constraints = [
            models.UniqueConstraint(fields=["generation", "level", "code"], name="adminunit_unique_code"),
        ]
        indexes = [models.Index(fields=["generation", "level"], name="adminunit_gen_level")]

    def __str__(self):
        return self.name

    @property
    def is_legacy(self) -> bool:
        return self.generation == self.Generation.LEGACY

    def clean(self):
        errors = {}
        if self.parent_id:
            parent = self.parent
            if parent.generation != self.generation:
                errors["parent"] = _("The parent must belong to the same generation.")
            expected = {self.Level.DISTRICT: [self.Level.PROVINCE], self.Level.COMMUNE: [self.Level.DISTRICT]}
            if self.generation == self.Generation.Y2025:
                expected[self.Level.COMMUNE] = [self.Level.PROVINCE]
            if parent.level not in expected.get(self.level, []):
                errors.setdefault("parent", _("A unit of this level cannot sit under that parent."))
        elif self.level != self.Level.PROVINCE:
            errors["parent"] = _("Only a province has no parent.")
        if self.generation == self.Generation.Y2025 and self.level == self.Level.DISTRICT:
            errors["level"] = _("There is no district level from 1 July 2025.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot precede its start.")
        if errors:
            raise ValidationError(errors)

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ("L" if self.is_legacy else "N")
        return f"{prefix}{self.code}/"

    def refresh_derived(self):
        """Fill path and search column (called by the services before saving)."""
        self.path = self.build_path()
        self.search_name = fold(f"{self.name} | {self.short_name}")


class Succession(models.Model):
    """A legacy unit taken over (wholly or in part) by a 2025 unit."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merged whole into")
        SPLIT = "split", _("Split among")

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("legacy unit"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("2025 unit"), on_delete=models.CASCADE, related_name="predecessions"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    is_default = models.BooleanField(_("default successor"), default=False)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Unit(TimeStampedModel):
    """An agency, enterprise, school, hospital or residential area that takes part in the movement."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        ENTERPRISE = "enterprise", _("Enterprise")
        SCHOOL = "school", _("School")
        HOSPITAL = "hospital", _("Hospital")
        RESIDENTIAL_AREA = "residential_area", _("Residential area")

    class SchoolLevel(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
        MULTI_LEVEL = "multi_level", _("Multi-level school")
        VOCATIONAL = "vocational", _("Vocational school")
        HIGHER_EDUCATION = "higher_education", _("College or university")

    class EnterpriseSize(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

    class SecurityForce(models.TextChoices):
        NONE = "none", _("None")
        PART_TIME = "part_time", _("Part-time")
        FULL_TIME = "full_time", _("Full-time")

    EXCLUDED_SCHOOL_LEVELS = {SchoolLevel.KINDERGARTEN, SchoolLevel.PRIMARY}
    EXCLUDED_ENTERPRISE_SIZES = {EnterpriseSize.MICRO, EnterpriseSize.SMALL}

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("administrative unit"), on_delete=models.PROTECT, related_name="units"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=20, blank=True)
    school_level = models.CharField(_("school level"), max_length=20, choices=SchoolLevel.choices, blank=True)
    enterprise_size = models.CharField(
        _("enterprise size class"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    security_force = models.CharField(
        _("security force"), max_length=10, choices=SecurityForce.choices, default=SecurityForce.NONE
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["area", "kind"], name="unit_area_kind")]

    def __str__(self):
        return self.name

    @property
    def is_eligible_for_safety_standard(self) -> bool:
        """Small and micro enterprises, primary schools and kindergartens are outside the standard."""
        if self.kind == self.Kind.SCHOOL and self.school_level in self.EXCLUDED_SCHOOL_LEVELS:
            return False
        return not (self.kind == self.Kind.ENTERPRISE and self.enterprise_size in self.EXCLUDED_ENTERPRISE_SIZES)

    def clean(self):
        errors = {}
        if self.school_level and self.kind != self.Kind.SCHOOL:
            errors["school_level"] = _("Only a school has a school level.")
        if self.enterprise_size and self.kind != self.Kind.ENTERPRISE:
            errors["enterprise_size"] = _("Only an enterprise has a size class.")
        if self.tax_code and not self.tax_code.replace("-", "").isdigit():
            errors["tax_code"] = _("A tax code has digits only (and an optional dash).")
        if errors:
            raise ValidationError(errors)


class SelfManagementModelType(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("self-management model type")
        verbose_name_plural = _("self-management model types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Block(models.TextChoices):
    AGENCY = "agency", _("Agencies")
    ENTERPRISE = "enterprise", _("Enterprises")
    SCHOOL = "school", _("Schools")
    RESIDENTIAL = "residential", _("Residential areas")


class SelfManagementModel(TimeStampedModel):
    """A self-management or movement model (mô hình tự quản), possibly an exemplary one."""

    name = models.CharField(_("name"), max_length=255)
    type = models.ForeignKey(
        SelfManagementModelType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="models"
    )
    block = models.CharField(_("block"), max_length=12, choices=Block.choices)
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="self_management_models",
    )
    host_units = models.ManyToManyField(Unit, verbose_name=_("host units"), blank=True, related_name="models")
    place_as_printed = models.CharField(_("place as printed"), max_length=255, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_exemplary = models.BooleanField(_("exemplary"), default=False)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[host_units])

    class Meta:
        verbose_name = _("self-management model")
        verbose_name_plural = _("self-management models")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.established_on and self.ended_on and self.ended_on < self.established_on:
            raise ValidationError({"ended_on": _("The end date cannot precede the date it was established.")})


class Role(models.TextChoices):
    DATA_ENTRY = "data_entry", _("Data entry")
    APPROVER = "approver", _("Approver")
    POLICE_REVIEWER = "police_reviewer", _("Police reviewer")
    VIEWER = "viewer", _("Viewer")
    NATIONAL_ADMIN = "national_admin", _("National administrator")


class RoleAssignment(models.Model):
    """A user holds a role on an administrative unit; it covers the unit and everything below it.

    A national_admin role has no area: it covers the whole country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area"], name="roleassignment_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.area or _('whole country')}"

    def clean(self):
        if self.role != Role.NATIONAL_ADMIN and not self.area_id:
            raise ValidationError({"area": _("This role must be held on an administrative unit.")})


class AuditEvent(models.Model):
    """One create, update, delete or transition of a record, with who, when and before → after.

    Written only by movement.audit.record() inside the service's transaction; never edited through the
    UI or the API (the admin shows it read-only)."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        TRANSITION = "transition", _("Status changed")
        BULK = "bulk", _("Bulk operation")

    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    verb = models.CharField(_("operation"), max_length=60, help_text=_("e.g. conference_submit"))
    object_type = models.CharField(_("record type"), max_length=60, db_index=True)
    object_id = models.CharField(_("record id"), max_length=40, db_index=True)
    object_repr = models.CharField(_("record"), max_length=255)
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"], name="audit_object")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.verb} {self.object_repr}"
