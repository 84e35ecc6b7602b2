from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from movement.api.serializers import AdministrativeUnitRefSerializer, AreaField
from reports.models import (
    AwardTally,
    Breakdown,
    Conference,
    Indicator,
    IndicatorValue,
    Programme,
    Qualifier,
    SourceDocument,
)


def as_number(value: Decimal | None):
    """12.500 → 12.5, 3071.000 → 3071 (JSON numbers, no trailing zeros)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# Catalogues ------------------------------------------------------------------------------------------------------


class ProgrammeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "title",
            "title_en",
            "document_number",
            "issuer",
            "issued_on",
            "review_period_years",
            "is_recurring",
        ]
        read_only_fields = fields


class ProgrammeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "code", "title"]
        read_only_fields = fields


class BreakdownOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")

    class Meta:
        model = Breakdown
        fields = ["id", "code", "name", "name_vi", "name_en", "rank"]
        read_only_fields = fields


class IndicatorOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    unit = serializers.CharField(read_only=True, help_text="Unit of measure in the request's language.")
    breakdowns = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_vi",
            "name_en",
            "description",
            "unit",
            "unit_vi",
            "unit_en",
            "group",
            "takes_out_of",
            "allows_decimals",
            "allows_total",
            "breakdowns",
            "rank",
            "is_active",
        ]
        read_only_fields = fields


# Conference parts ------------------------------------------------------------------------------------------------


class IndicatorValueOutputSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    breakdown = serializers.CharField(read_only=True, help_text='Breakdown code; "" for the total.')
    breakdown_name = serializers.SerializerMethodField()
    value = serializers.SerializerMethodField()
    out_of = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "indicator_name",
            "unit",
            "breakdown",
            "breakdown_name",
            "qualifier",
            "value",
            "out_of",
            "period_label",
            "source_excerpt",
            "note",
        ]
        read_only_fields = fields

    def get_breakdown_name(self, obj) -> str:
        names = self.context.get("breakdown_names") or {}
        return names.get(obj.breakdown, obj.breakdown) if obj.breakdown else ""

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_value(self, obj):
        return as_number(obj.value)

    @extend_schema_field({"type": "number", "nullable": True})
    def get_out_of(self, obj):
        return as_number(obj.out_of)


class AwardTallyOutputSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuer.code", read_only=True)
    issuer_name = serializers.CharField(source="issuer.name", read_only=True)
    form = serializers.CharField(source="form.code", read_only=True)
    form_name = serializers.CharField(source="form.name", read_only=True)

    class Meta:
        model = AwardTally
        fields = [
            "id",
            "issuer",
            "issuer_name",
            "form",
            "form_name",
            "recipient_kind",
            "qualifier",
            "count",
            "source_excerpt",
            "note",
        ]
        read_only_fields = fields


_URL_OR_EMPTY = "Link to the document (an absolute URL), or empty when it has none."


class SourceDocumentOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text=_URL_OR_EMPTY)  # "" is not a valid "uri" format

    class Meta:
        model = SourceDocument
        fields = ["id", "title", "publisher", "author", "published_on", "url", "summary"]
        read_only_fields = fields


class SourceDocumentFullOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text=_URL_OR_EMPTY)

    class Meta:
        model = SourceDocument
        fields = ["id", "title", "publisher", "author", "published_on", "url", "summary", "full_text"]
        read_only_fields = fields


class ConferenceOutputSerializer(serializers.ModelSerializer):
    programme = ProgrammeRefSerializer(read_only=True)
    area = AdministrativeUnitRefSerializer(read_only=True)
    area_now_in = AdministrativeUnitRefSerializer(
        source="area.current_province", read_only=True, help_text="The 2025 province that holds the area now."
    )
    chaired_by = serializers.ListField(source="chaired_by_lines", child=serializers.CharField(), read_only=True)
    figures = IndicatorValueOutputSerializer(many=True, read_only=True)
    tallies = AwardTallyOutputSerializer(many=True, read_only=True)
    source_documents = SourceDocumentOutputSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Conference
        fields = [
            "id",
            "programme",
            "kind",
            "title",
            "area",
            "area_now_in",
            "organiser",
            "held_on",
            "is_date_from_publication",
            "period_start",
            "period_end",
            "period_label",
            "chaired_by",
            "scope_note",
            "note",
            "status",
            "version",
            "submitted_at",
            "approved_at",
            "published_at",
            "return_reason",
            "figures",
            "tallies",
            "source_documents",
            "allowed_actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not reads_internal(self.context, instance):
            # the public representation: what was published and when, no internal review data
            data.update(return_reason="", submitted_at=None, approved_at=None)
        return data

    def get_allowed_actions(self, obj) -> list[str]:
        from reports.services import conference_allowed_actions

        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return []
        return conference_allowed_actions(actor=request.user, conference=obj)


class ConferenceListOutputSerializer(ConferenceOutputSerializer):
    """A conference in a list: its figures and tallies are counted, not nested (the detail endpoint
    GET /api/v1/conferences/<id>/ has them): a page of 50 stays small and its cost independent of them."""

    figures = None
    tallies = None
    figure_count = serializers.IntegerField(read_only=True, help_text="How many figures it reports (see the detail).")
    tally_count = serializers.IntegerField(read_only=True, help_text="How many award tallies (see the detail).")

    class Meta(ConferenceOutputSerializer.Meta):
        fields = [f for f in ConferenceOutputSerializer.Meta.fields if f not in ("figures", "tallies")] + [
            "figure_count",
            "tally_count",
        ]


class ConferenceDetailOutputSerializer(ConferenceOutputSerializer):
    source_documents = SourceDocumentFullOutputSerializer(many=True, read_only=True)


# Input (shape only; the services check the rules) -------------------------------------------------------------------


class IndicatorValueInputSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=80, help_text="Indicator code (or id).")
    breakdown = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text='Breakdown code; "" or absent for the total.'
    )
    value = serializers.DecimalField(max_digits=16, decimal_places=3)
    out_of = serializers.DecimalField(max_digits=16, decimal_places=3, required=False, allow_null=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, required=False)
    period_label = serializers.CharField(max_length=60, required=False, allow_blank=True)
    source_excerpt = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class AwardTallyInputSerializer(serializers.Serializer):
    issuer = serializers.CharField(max_length=60, help_text="Issuing authority code (or id).")
    form = serializers.CharField(max_length=40, help_text="Award form code (or id).")
    recipient_kind = serializers.ChoiceField(choices=AwardTally.RecipientKind.choices)
    count = serializers.IntegerField(
        error_messages={"invalid": _("A number of awards is a whole number.")},
    )
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, required=False)
    source_excerpt = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class SourceDocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=400)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=200, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    full_text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ConferenceInputSerializer(serializers.Serializer):
    programme = serializers.CharField(max_length=40, help_text="Programme code (or id), e.g. CT07-2014.")
    kind = serializers.ChoiceField(choices=Conference.Kind.choices)
    title = serializers.CharField(max_length=300)
    area = AreaField()
    organiser = serializers.CharField(max_length=300, required=False, allow_blank=True)
    held_on = serializers.DateField(required=False, allow_null=True)
    is_date_from_publication = serializers.BooleanField(required=False)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    period_label = serializers.CharField(max_length=60, required=False, allow_blank=True)
    chaired_by = serializers.ListField(child=serializers.CharField(max_length=300), required=False)
    scope_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class ConferenceCreateInputSerializer(ConferenceInputSerializer):
    figures = IndicatorValueInputSerializer(many=True, required=False)
    tallies = AwardTallyInputSerializer(many=True, required=False)
    source_documents = SourceDocumentInputSerializer(many=True, required=False)


class ConferenceReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


class ConferenceReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the report goes back to its authors (required).")


def reads_internal(context: dict, conference) -> bool:
    """Whether the request's user may read the conference's internal review data (unpublished data in
    its area: staff in scope). Anonymous users, users without a role and staff of other areas get the
    public representation."""
    from movement.access import Capability, has_capability

    request = context.get("request")
    if request is None:
        return True  # server-side use (no request): the full record
    return has_capability(actor=request.user, area=conference.area, capability=Capability.READ_UNPUBLISHED)


class HistoryEntryOutputSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)
    action = serializers.CharField()
    verb = serializers.CharField()
    subject = serializers.CharField()
    reason = serializers.CharField()
    changes = serializers.ListField(child=serializers.ListField(), help_text="[field, before, after] triples")
