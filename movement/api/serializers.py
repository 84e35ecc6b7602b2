from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from movement import areas
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
    key = serializers.SerializerMethodField(help_text="Generation and official code, e.g. 2025:16174.")
    label = serializers.SerializerMethodField(help_text="Name, parent, and for a legacy unit the province now.")
    detail = serializers.SerializerMethodField(help_text="Kind, official code and generation.")

    def get_key(self, obj) -> str:
        return areas.area_key(obj)

    def get_label(self, obj) -> str:
        return areas.area_label(obj)

    def get_detail(self, obj) -> str:
        return areas.area_detail(obj)

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
            "key",
            "label",
            "detail",
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


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "pattern": r"^(legacy|2025):\d{1,10}$", "example": "2025:16174"},
            {"type": "integer", "description": "The unit's id in this API (kept for existing clients)."},
        ],
        "description": "Generation and official code (`2025:16174`, `legacy:402`), or the unit's API id.",
    }
)
class AreaField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("Unknown administrative unit: {pk_value}."),
        "incorrect_type": _("An administrative unit is given by its generation and official code, e.g. 2025:16174."),
    }

    def get_queryset(self):
        return AdministrativeUnit.objects.all()

    def to_internal_value(self, data):
        if isinstance(data, str) and areas.KEY_RE.match(data):
            match = areas.KEY_RE.match(data)
            unit = self.get_queryset().filter(generation=match.group(1), code=match.group(2)).first()
            if unit is None:
                self.fail("does_not_exist", pk_value=data)
            return unit
        if isinstance(data, bool) or not isinstance(data, int | str) or (isinstance(data, str) and not data.isdigit()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)

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
