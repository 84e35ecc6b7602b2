"""API routes of this app; config/api.py calls register() on the one router."""

from movement.api.views import AdministrativeUnitViewSet, SelfManagementModelViewSet, UnitViewSet


def register(router) -> None:
    router.register("admin-units", AdministrativeUnitViewSet, basename="admin-unit")
    router.register("units", UnitViewSet, basename="unit")
    router.register("models", SelfManagementModelViewSet, basename="self-management-model")
