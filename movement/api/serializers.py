from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from movement.access import Capability, area_scope_q
from movement.models import AdministrativeUnit, Block, SelfManagementModel, SelfManagementModelType, Unit


class AdministrativeUnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeUnit
        fields = ["id", "generation", "level", "code", "name"]
        read_only_fields = fields


class AdministrativeUnitOutputSerializer(serializers.ModelSerializer):
    parent = AdministrativeUnitRefSerializer(read_only=True, allow_null=True)
    current_province = AdministrativeUnitRefSerializer(
        read_only=True, allow_null=True, help_text="The 2025 province that holds this unit now."
    )

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id",
            "generation",
            "level",
            "kind",
            "code",
            "name",
            "short_name",
            "parent",
            "valid_from",
            "valid_until",
            "latitude",
            "longitude",
            "current_province",
        ]
        read_only_fields = fields


class SuccessionOutputSerializer(serializers.Serializer):
    successor = AdministrativeUnitOutputSerializer(read_only=True)
    kind = serializers.CharField(read_only=True)
    is_default = serializers.BooleanField(read_only=True)
    effective_on = serializers.DateField(read_only=True)


class PredecessionOutputSerializer(serializers.Serializer):
    predecessor = AdministrativeUnitOutputSerializer(read_only=True)
    kind = serializers.CharField(read_only=True)
    is_default = serializers.BooleanField(read_only=True)
    effective_on = serializers.DateField(read_only=True)


@extend_schema_field(OpenApiTypes.INT)
class AreaField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("Unknown administrative unit: {pk_value}."),
        "incorrect_type": _("An administrative unit is given by its numeric id."),
    }

    def get_queryset(self):
        return AdministrativeUnit.objects.all()

    def to_representation(self, value):
        return value.pk


@extend_schema_field(OpenApiTypes.INT)
class EditableUnitField(serializers.PrimaryKeyRelatedField):
    """A unit the requesting user may edit (host units of a model). Any other id is answered exactly like an
    unknown one: 400 "Invalid pk", never a 403 that would tell that the unit exists elsewhere."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Unit.objects.none()
        return Unit.objects.filter(
            area_scope_q(actor=request.user, capability=Capability.UNITS_EDIT, via="area")
        ).select_related("area")


class UnitOutputSerializer(serializers.ModelSerializer):
    area = AdministrativeUnitRefSerializer(read_only=True)
    # Declared so that the schema allows the blank value ("" when not a school / not an enterprise).
    school_level = serializers.ChoiceField(choices=Unit.SchoolLevel.choices, allow_blank=True, read_only=True)
    enterprise_size = serializers.ChoiceField(choices=Unit.EnterpriseSize.choices, allow_blank=True, read_only=True)
    is_eligible_for_safety_standard = serializers.BooleanField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "kind",
            "name",
            "area",
            "address",
            "tax_code",
            "school_level",
            "enterprise_size",
            "security_force",
            "is_active",
            "is_eligible_for_safety_standard",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class UnitInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Unit.Kind.choices)
    name = serializers.CharField(max_length=255)
    area = AreaField()
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    school_level = serializers.ChoiceField(choices=Unit.SchoolLevel.choices, required=False, allow_blank=True)
    enterprise_size = serializers.ChoiceField(choices=Unit.EnterpriseSize.choices, required=False, allow_blank=True)
    security_force = serializers.ChoiceField(choices=Unit.SecurityForce.choices, required=False)
    is_active = serializers.BooleanField(required=False)


class SelfManagementModelTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SelfManagementModelType
        fields = ["code", "name"]
        read_only_fields = fields


class SelfManagementModelOutputSerializer(serializers.ModelSerializer):
    type = SelfManagementModelTypeSerializer(read_only=True)
    area = AdministrativeUnitRefSerializer(read_only=True)
    host_units = serializers.SerializerMethodField()

    class Meta:
        model = SelfManagementModel
        fields = [
            "id",
            "name",
            "type",
            "block",
            "area",
            "host_units",
            "place_as_printed",
            "established_on",
            "ended_on",
            "is_exemplary",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_host_units(self, obj) -> list[dict]:
        return [{"id": u.id, "name": u.name} for u in obj.host_units.all()]


class SelfManagementModelInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SelfManagementModelType.objects.all(),
        error_messages={"does_not_exist": _("Unknown model type: %(value)s.")},
    )
    block = serializers.ChoiceField(choices=Block.choices)
    area = AreaField()
    host_units = EditableUnitField(many=True, required=False)
    place_as_printed = serializers.CharField(max_length=255, required=False, allow_blank=True)
    established_on = serializers.DateField(required=False, allow_null=True)
    ended_on = serializers.DateField(required=False, allow_null=True)
    is_exemplary = serializers.BooleanField(required=False)
