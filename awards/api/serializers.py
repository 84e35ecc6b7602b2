"""HTTP shapes. Input serializers check shape only (the rules live in awards.services); output serializers
are read-only with explicit fields."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import (
    AwardDecision,
    AwardRecipient,
    CertificationCriterionResult,
    CriteriaSet,
    Criterion,
    MovementRating,
    RatingBand,
    RatingScheme,
    RecipientKind,
    RecognitionDecision,
    SafetyCertification,
)
from awards.selectors import unit_choices
from movement.access import Capability, area_scope_q
from movement.api.serializers import AdministrativeUnitRefSerializer, AreaField
from movement.models import AdministrativeUnit
from reports.models import AwardForm, Conference, IssuingAuthority, Programme

# --- shared ---------------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit in the requesting user's read scope (others look unknown)."""

    default_error_messages = {
        "does_not_exist": _("Unknown unit: {pk_value}."),
        "incorrect_type": _("A unit is given by its numeric id."),
    }

    def get_queryset(self):
        return unit_choices(actor=self.context["request"].user)

    def to_representation(self, value):
        return value.pk


@extend_schema_field(OpenApiTypes.INT)
class ReadableConferenceField(serializers.PrimaryKeyRelatedField):
    """A conference the requesting user may read: published, or unpublished in their scope. Any other id
    is answered exactly like an unknown one (no existence oracle)."""

    default_error_messages = {
        "does_not_exist": _("Unknown conference: {pk_value}."),
        "incorrect_type": _("A conference is given by its numeric id."),
    }

    def get_queryset(self):
        actor = self.context["request"].user
        scope = area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
        visible = Q(status=Conference.Status.PUBLISHED) | scope if scope else Q()
        return Conference.objects.filter(visible).select_related("area")

    def to_representation(self, value):
        return value.pk


@extend_schema_field(OpenApiTypes.INT)
class CommuneField(AreaField):
    def get_queryset(self):
        return AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE)


@extend_schema_field(OpenApiTypes.STR)
class UserNameField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault("allow_null", True)  # nobody yet (not submitted, not reviewed): null
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source, None)

    def to_representation(self, value):
        return value.get_full_name() or value.get_username() if value else None


def _subject(obj) -> dict:
    if obj.unit_id:
        return {"type": "unit", "id": obj.unit_id, "name": obj.unit.name}
    return {"type": "commune", "id": obj.commune_id, "name": obj.commune.name}


class SubjectSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["unit", "commune"], read_only=True)
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


# --- criteria sets ----------------------------------------------------------------------------------------


class CriterionOutputSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True, help_text="Text in the request's language.")

    class Meta:
        model = Criterion
        fields = ["number", "text", "text_vi", "text_en", "is_summary"]
        read_only_fields = fields


class CriteriaSetOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    criteria = CriterionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "code",
            "legal_basis",
            "legal_basis_issued_on",
            "subject_kind",
            "name",
            "name_vi",
            "name_en",
            "valid_from",
            "valid_until",
            "is_summary",
            "note",
            "criteria",
        ]
        read_only_fields = fields


class CriteriaSetRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = CriteriaSet
        fields = ["id", "code", "legal_basis", "name"]
        read_only_fields = fields


# --- certifications ---------------------------------------------------------------------------------------


class CriterionResultOutputSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="criterion.number", read_only=True)
    text = serializers.CharField(source="criterion.text", read_only=True)

    class Meta:
        model = CertificationCriterionResult
        fields = ["number", "text", "is_met", "evidence_note"]
        read_only_fields = fields


class RecognitionDecisionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecognitionDecision
        fields = ["id", "number", "signed_on", "issuer"]
        read_only_fields = fields


class CertificationOutputSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    area = AdministrativeUnitRefSerializer(read_only=True)
    criteria_set = CriteriaSetRefSerializer(read_only=True)
    results = CriterionResultOutputSerializer(many=True, read_only=True)
    criteria_met = serializers.SerializerMethodField()
    recognition_decision = RecognitionDecisionRefSerializer(read_only=True, allow_null=True)
    registered_by = UserNameField()
    submitted_by = UserNameField()
    reviewed_by = UserNameField()

    class Meta:
        model = SafetyCertification
        fields = [
            "id",
            "subject_kind",
            "subject",
            "area",
            "period_kind",
            "period_label",
            "period_start",
            "period_end",
            "year",
            "criteria_set",
            "status",
            "results",
            "criteria_met",
            "registered_by",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "rejection_reason",
            "recognition_decision",
            "recognised_at",
            "revoked_at",
            "revocation_reason",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, obj) -> dict:
        return _subject(obj)

    def get_criteria_met(self, obj) -> str:
        results = list(obj.results.all())
        return f"{sum(1 for r in results if r.is_met)}/{len(results)}"


class CertificationRegisterInputSerializer(serializers.Serializer):
    unit = ScopedUnitField(required=False, allow_null=True)
    commune = CommuneField(required=False, allow_null=True)
    period = serializers.CharField(max_length=20, help_text="A year (2020) or a school year (2019-2020).")
    criteria_set = serializers.SlugRelatedField(
        slug_field="code",
        queryset=CriteriaSet.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the criteria set; by default the one in force at the start of the period.",
    )


class CriterionResultInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    is_met = serializers.BooleanField(allow_null=True, required=False)
    evidence_note = serializers.CharField(allow_blank=True, required=False)


class CertificationAssessInputSerializer(serializers.Serializer):
    results = CriterionResultInputSerializer(many=True)


class CertificationSubmitInputSerializer(serializers.Serializer):
    results = CriterionResultInputSerializer(many=True, required=False)


class ReviewNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, required=False, default="")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class CertificationRecogniseInputSerializer(serializers.Serializer):
    """Either an existing recognition decision, or the fields of a new one."""

    recognition_decision = serializers.IntegerField(required=False, allow_null=True)
    number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True)
    area = AreaField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("recognition_decision"):
            missing = {
                name: [_("This field is required.")]
                for name in ("number", "signed_on", "issuer")
                if not attrs.get(name)
            }
            if missing:
                raise serializers.ValidationError(missing)
        return attrs


class RecognitionDecisionOutputSerializer(serializers.ModelSerializer):
    area = AdministrativeUnitRefSerializer(read_only=True)
    certifications = serializers.SerializerMethodField()

    class Meta:
        model = RecognitionDecision
        fields = ["id", "number", "signed_on", "issuer", "area", "note", "certifications", "created_at"]
        read_only_fields = fields

    def get_certifications(self, obj) -> list[dict]:
        return [
            {"id": c.pk, "subject": c.subject_name, "period": c.period_label, "status": c.status}
            for c in obj.certifications.all()
        ]


class BulkRecogniseInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    signed_on = serializers.DateField()
    issuer = serializers.CharField(max_length=255)
    area = AreaField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    certifications = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


# --- award decisions -------------------------------------------------------------------------------------


class AwardRecipientOutputSerializer(serializers.ModelSerializer):
    unit = serializers.SerializerMethodField()
    area = AdministrativeUnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AwardRecipient
        fields = ["id", "order", "kind", "name_as_printed", "title_as_printed", "unit", "area"]
        read_only_fields = fields

    def get_unit(self, obj) -> dict | None:
        return {"id": obj.unit_id, "name": obj.unit.name} if obj.unit_id else None


class AwardRecipientPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardRecipient
        fields = ["order", "kind", "name_as_printed", "title_as_printed"]
        read_only_fields = fields


class _CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AwardDecisionOutputSerializer(serializers.ModelSerializer):
    issuing_authority = serializers.SerializerMethodField()
    form = _CodeNameSerializer(read_only=True)
    area = AdministrativeUnitRefSerializer(read_only=True)
    programme = serializers.SerializerMethodField()
    recipients = AwardRecipientOutputSerializer(many=True, read_only=True)
    recipient_count = serializers.SerializerMethodField()

    class Meta:
        model = AwardDecision
        fields = [
            "id",
            "number",
            "signed_on",
            "issuing_authority",
            "signer_name",
            "signer_title",
            "form",
            "achievement",
            "area",
            "programme",
            "conference",
            "period_from",
            "period_to",
            "source",
            "status",
            "issued_at",
            "annulled_at",
            "annulment_reason",
            "recipient_count",
            "recipients",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_issuing_authority(self, obj) -> dict:
        authority = obj.issuing_authority
        return {"code": authority.code, "name": authority.name, "level": authority.level}

    def get_programme(self, obj) -> dict | None:
        return {"code": obj.programme.code, "title": str(obj.programme)} if obj.programme_id else None

    def get_recipient_count(self, obj) -> int:
        return len(obj.recipients.all())


class AwardDecisionPublicSerializer(AwardDecisionOutputSerializer):
    """What the public sees of an issued decision: recipients' names and titles only."""

    recipients = AwardRecipientPublicSerializer(many=True, read_only=True)

    class Meta(AwardDecisionOutputSerializer.Meta):
        fields = [
            "id",
            "number",
            "signed_on",
            "issuing_authority",
            "signer_name",
            "signer_title",
            "form",
            "achievement",
            "area",
            "programme",
            "period_from",
            "period_to",
            "status",
            "recipient_count",
            "recipients",
        ]
        read_only_fields = fields


class AwardRecipientInputSerializer(serializers.Serializer):
    order = serializers.IntegerField(min_value=1, required=False)
    kind = serializers.ChoiceField(choices=RecipientKind.choices)
    name_as_printed = serializers.CharField(max_length=255)
    title_as_printed = serializers.CharField(max_length=255, required=False, allow_blank=True)
    unit = ScopedUnitField(required=False, allow_null=True)
    area = AreaField(required=False, allow_null=True)


class AwardDecisionInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    signed_on = serializers.DateField()
    issuing_authority = serializers.SlugRelatedField(
        slug_field="code",
        queryset=IssuingAuthority.objects.all(),
        error_messages={"does_not_exist": _("Unknown issuing authority: %(value)s.")},
    )
    signer_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    form = serializers.SlugRelatedField(
        slug_field="code",
        queryset=AwardForm.objects.all(),
        error_messages={"does_not_exist": _("Unknown award form: %(value)s.")},
    )
    achievement = serializers.CharField()
    area = AreaField()
    programme = serializers.SlugRelatedField(
        slug_field="code", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    conference = ReadableConferenceField(required=False, allow_null=True)
    period_from = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True)
    period_to = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True)
    source = serializers.CharField(max_length=500, required=False, allow_blank=True)
    recipients = AwardRecipientInputSerializer(many=True, required=False)


class ImportRecipientsInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (UTF-8) or XLSX with columns name, kind, title, unit.")
    dry_run = serializers.BooleanField(
        default=True, help_text="Check only (default); false saves if all rows are valid."
    )


# --- ratings --------------------------------------------------------------------------------------------


class RatingBandOutputSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = RatingBand
        fields = ["code", "label", "label_vi", "label_en", "min_score"]
        read_only_fields = fields


class RatingSchemeOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    bands = RatingBandOutputSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScheme
        fields = [
            "id",
            "code",
            "name",
            "name_vi",
            "name_en",
            "legal_basis",
            "issued_on",
            "valid_from",
            "valid_until",
            "max_score",
            "is_summary",
            "note",
            "bands",
        ]
        read_only_fields = fields


class RatingOutputSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    area = AdministrativeUnitRefSerializer(read_only=True)
    scheme = serializers.SerializerMethodField()
    band = serializers.SerializerMethodField()
    scored_by = UserNameField()
    approved_by = UserNameField()

    class Meta:
        model = MovementRating
        fields = [
            "id",
            "subject_kind",
            "subject",
            "area",
            "year",
            "scheme",
            "self_score",
            "score",
            "band",
            "status",
            "note",
            "scored_by",
            "approved_by",
            "approved_at",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, obj) -> dict:
        return _subject(obj)

    def get_scheme(self, obj) -> dict:
        return {"code": obj.scheme.code, "name": obj.scheme.name}

    def get_band(self, obj) -> dict | None:
        return {"code": obj.band.code, "label": obj.band.label} if obj.band_id else None


class RatingCreateInputSerializer(serializers.Serializer):
    unit = ScopedUnitField(required=False, allow_null=True)
    commune = CommuneField(required=False, allow_null=True)
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    scheme = serializers.SlugRelatedField(
        slug_field="code", queryset=RatingScheme.objects.all(), required=False, allow_null=True
    )
    self_score = serializers.DecimalField(max_digits=6, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RatingUpdateInputSerializer(serializers.Serializer):
    self_score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class RatingApproveInputSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
