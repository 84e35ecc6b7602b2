"""Writes: units and self-management models. Keyword-only, actor first, atomic, capability-checked."""

from django.db import transaction
from django.utils.translation import gettext as _

from movement import audit, hooks
from movement.access import Capability, require_capability
from movement.errors import ApplicationError, PreconditionFailedError
from movement.models import AdministrativeUnit, SelfManagementModel, Unit
from movement.text import fold

UNIT_FIELDS = [
    "kind",
    "name",
    "area",
    "address",
    "tax_code",
    "school_level",
    "enterprise_size",
    "security_force",
    "is_active",
]
MODEL_FIELDS = ["name", "type", "block", "area", "place_as_printed", "established_on", "ended_on", "is_exemplary"]


def _check_version(instance, expected_version):
    if expected_version is not None and instance.version != expected_version:
        raise PreconditionFailedError(
            _("Someone else changed this record since you opened it (version %(now)s, yours %(yours)s).")
            % {"now": instance.version, "yours": expected_version}
        )


@transaction.atomic
def unit_create(*, actor, area: AdministrativeUnit, **data) -> Unit:
    require_capability(actor=actor, area=area, capability=Capability.UNITS_EDIT)
    unknown = set(data) - set(UNIT_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    unit = Unit(area=area, **data)
    unit.search_name = fold(unit.name)
    unit.full_clean()
    unit.save()
    audit.record(actor=actor, action="create", verb="unit_create", instance=unit, area=area, after=audit.snapshot(unit))
    hooks.units_changed(areas=[area])  # e.g. the dashboards' record counts (reports)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, expected_version: int | None = None, **data) -> Unit:
    unit = Unit.objects.select_for_update().select_related("area").get(pk=unit.pk)
    require_capability(actor=actor, area=unit.area, capability=Capability.UNITS_EDIT)
    _check_version(unit, expected_version)
    if "area" in data:
        require_capability(actor=actor, area=data["area"], capability=Capability.UNITS_EDIT)
    before = audit.snapshot(unit)
    previous_area = unit.area
    changed = []
    for field, value in data.items():
        if field not in UNIT_FIELDS:
            raise ApplicationError(_("Unknown fields: %(f)s") % {"f": field})
        if getattr(unit, field) != value:
            setattr(unit, field, value)
            changed.append(field)
    if not changed:
        return unit
    unit.search_name = fold(unit.name)
    unit.version += 1
    unit.full_clean()
    unit.save(update_fields=[*changed, "search_name", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        verb="unit_update",
        instance=unit,
        area=unit.area,
        before=before,
        after=audit.snapshot(unit),
    )
    hooks.units_changed(areas=[previous_area, unit.area])  # e.g. the dashboards' record counts (reports)
    return unit


@transaction.atomic
def self_management_model_create(*, actor, area: AdministrativeUnit, host_units=(), **data) -> SelfManagementModel:
    require_capability(actor=actor, area=area, capability=Capability.UNITS_EDIT)
    model = SelfManagementModel(area=area, **data)
    model.search_name = fold(model.name)
    model.full_clean()
    model.save()
    if host_units:
        _check_hosts(actor=actor, host_units=host_units)
        model.host_units.set(host_units)
    after = {**audit.snapshot(model), "host_units": [u.pk for u in host_units]}
    audit.record(
        actor=actor, action="create", verb="self_management_model_create", instance=model, area=area, after=after
    )
    return model


@transaction.atomic
def self_management_model_update(
    *, actor, model: SelfManagementModel, expected_version: int | None = None, host_units=None, **data
) -> SelfManagementModel:
    model = SelfManagementModel.objects.select_for_update().select_related("area").get(pk=model.pk)
    require_capability(actor=actor, area=model.area, capability=Capability.UNITS_EDIT)
    _check_version(model, expected_version)
    if "area" in data:
        require_capability(actor=actor, area=data["area"], capability=Capability.UNITS_EDIT)
    before = {**audit.snapshot(model), "host_units": sorted(model.host_units.values_list("pk", flat=True))}
    changed = []
    for field, value in data.items():
        if field not in MODEL_FIELDS:
            raise ApplicationError(_("Unknown fields: %(f)s") % {"f": field})
        if getattr(model, field) != value:
            setattr(model, field, value)
            changed.append(field)
    if changed:
        model.search_name = fold(model.name)
        model.version += 1
        model.full_clean()
        model.save(update_fields=[*changed, "search_name", "version", "updated_at"])
    if host_units is not None:
        _check_hosts(actor=actor, host_units=host_units)
        model.host_units.set(host_units)
    after = {**audit.snapshot(model), "host_units": sorted(model.host_units.values_list("pk", flat=True))}
    if before != after:
        audit.record(
            actor=actor,
            action="update",
            verb="self_management_model_update",
            instance=model,
            area=model.area,
            before=before,
            after=after,
        )
    return model


def _check_hosts(*, actor, host_units):
    for unit in host_units:
        require_capability(actor=actor, area=unit.area, capability=Capability.UNITS_EDIT)
