"""Reads for users: reference data (public) and scoped units and models."""

from django.db.models import Prefetch, QuerySet

from movement.access import Capability, area_scope_q
from movement.models import AdministrativeUnit, SelfManagementModel, Succession, Unit


def admin_unit_list() -> QuerySet[AdministrativeUnit]:
    """Administrative units are public reference data."""
    return AdministrativeUnit.objects.select_related("parent", "current_province").order_by("generation", "path")


def admin_unit_get_by_code(*, generation: str, level: str, code: str) -> AdministrativeUnit:
    return admin_unit_list().get(generation=generation, level=level, code=code)


def admin_unit_children(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return admin_unit_list().filter(parent=unit).order_by("code")


def admin_unit_successions(*, unit: AdministrativeUnit) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(predecessor=unit)
        .select_related("successor__parent", "successor__current_province")
        .order_by("-is_default", "successor__code")
    )


def admin_unit_predecessions(*, unit: AdministrativeUnit) -> QuerySet[Succession]:
    return (
        Succession.objects.filter(successor=unit)
        .select_related("predecessor__parent", "predecessor__current_province")
        .order_by("predecessor__path")
    )


def current_province_of(*, unit: AdministrativeUnit) -> AdministrativeUnit:
    """Which 2025 province holds this unit now (a 2025 unit: its own province)."""
    if unit.current_province_id:
        return unit.current_province
    # Fallback for units entered by hand: walk to the province, then its default successor.
    province = unit
    while province.parent_id:
        province = province.parent
    if province.generation == AdministrativeUnit.Generation.Y2025:
        return province
    return Succession.objects.select_related("successor").get(predecessor=province, is_default=True).successor


def unit_list(*, actor) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area"))
        .select_related("area__current_province")
        .order_by("name", "id")
    )


def self_management_model_list(*, actor) -> QuerySet[SelfManagementModel]:
    return (
        SelfManagementModel.objects.filter(
            area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
        )
        .select_related("type", "area__current_province")
        .prefetch_related(Prefetch("host_units", queryset=Unit.objects.only("id", "name")))
        .order_by("name", "id")
    )
