from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from movement import selectors, services
from movement.api.serializers import (
    AdministrativeUnitOutputSerializer,
    PredecessionOutputSerializer,
    SelfManagementModelInputSerializer,
    SelfManagementModelOutputSerializer,
    SuccessionOutputSerializer,
    UnitInputSerializer,
    UnitOutputSerializer,
)
from movement.api.versioning import IF_MATCH, VersionedRetrieveMixin, required_version
from movement.filters import AdministrativeUnitFilter, SelfManagementModelFilter, UnitFilter


class AdministrativeUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Administrative units of both generations (public reference data). Every legacy unit names the 2025
    province that holds it now (`current_province`)."""

    serializer_class = AdministrativeUnitOutputSerializer
    filterset_class = AdministrativeUnitFilter
    permission_classes = [permissions.AllowAny]
    ordering_fields = ["code", "name", "path"]

    def get_queryset(self):
        return selectors.admin_unit_list()

    @extend_schema(responses=AdministrativeUnitOutputSerializer(many=True))
    @action(detail=True, methods=["get"])
    def children(self, request, pk=None):
        unit = self.get_object()
        page = self.paginate_queryset(selectors.admin_unit_children(unit=unit))
        return self.get_paginated_response(AdministrativeUnitOutputSerializer(page, many=True).data)

    @extend_schema(responses=SuccessionOutputSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain list, not paginated
    def successors(self, request, pk=None):
        unit = self.get_object()
        return Response(SuccessionOutputSerializer(selectors.admin_unit_successions(unit=unit), many=True).data)

    @extend_schema(responses=PredecessionOutputSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain list, not paginated
    def predecessors(self, request, pk=None):
        unit = self.get_object()
        return Response(PredecessionOutputSerializer(selectors.admin_unit_predecessions(unit=unit), many=True).data)


class _ScopedWriteViewSet(
    VersionedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated]
    input_serializer_class = None
    output_serializer_class = None

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.input_serializer_class
        return self.output_serializer_class

    def retrieve(self, request, *args, **kwargs):
        self._etag_instance = self.get_object()
        return Response(self.output_serializer_class(self._etag_instance).data)

    def _respond(self, instance, code=status.HTTP_200_OK):
        self._etag_instance = instance
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.output_serializer_class(instance).data, status=code)


class UnitViewSet(_ScopedWriteViewSet):
    """Units (agencies, enterprises, schools, hospitals, residential areas) in the user's scope."""

    input_serializer_class = UnitInputSerializer
    output_serializer_class = UnitOutputSerializer
    filterset_class = UnitFilter
    ordering_fields = ["name", "kind", "updated_at"]

    def get_queryset(self):
        return selectors.unit_list(actor=self.request.user)

    @extend_schema(request=UnitInputSerializer, responses={201: UnitOutputSerializer})
    def create(self, request):
        payload = UnitInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        unit = services.unit_create(actor=request.user, area=data.pop("area"), **data)
        return self._respond(unit, status.HTTP_201_CREATED)

    @extend_schema(
        request=UnitInputSerializer,
        responses=UnitOutputSerializer,
        parameters=[IF_MATCH],
    )
    def update(self, request, pk=None, partial=False):
        unit = self.get_object()
        payload = UnitInputSerializer(data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        unit = services.unit_update(
            actor=request.user, unit=unit, expected_version=required_version(request), **payload.validated_data
        )
        return self._respond(unit)

    @extend_schema(
        request=UnitInputSerializer,
        responses=UnitOutputSerializer,
        parameters=[IF_MATCH],
    )
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)


class SelfManagementModelViewSet(_ScopedWriteViewSet):
    """Self-management and movement models in the user's scope."""

    input_serializer_class = SelfManagementModelInputSerializer
    output_serializer_class = SelfManagementModelOutputSerializer
    filterset_class = SelfManagementModelFilter
    ordering_fields = ["name", "established_on", "updated_at"]

    def get_queryset(self):
        return selectors.self_management_model_list(actor=self.request.user)

    @extend_schema(request=SelfManagementModelInputSerializer, responses={201: SelfManagementModelOutputSerializer})
    def create(self, request):
        payload = SelfManagementModelInputSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        model = services.self_management_model_create(actor=request.user, area=data.pop("area"), **data)
        return self._respond(model, status.HTTP_201_CREATED)

    @extend_schema(
        request=SelfManagementModelInputSerializer, responses=SelfManagementModelOutputSerializer, parameters=[IF_MATCH]
    )
    def update(self, request, pk=None, partial=False):
        model = self.get_object()
        payload = SelfManagementModelInputSerializer(data=request.data, partial=partial, context={"request": request})
        payload.is_valid(raise_exception=True)
        model = services.self_management_model_update(
            actor=request.user, model=model, expected_version=required_version(request), **payload.validated_data
        )
        return self._respond(model)

    @extend_schema(
        request=SelfManagementModelInputSerializer, responses=SelfManagementModelOutputSerializer, parameters=[IF_MATCH]
    )
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)
