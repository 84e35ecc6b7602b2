"""HTTP shape of the summaries (/api/v1/summaries/…): query parameters in, read-only summaries out.

Numbers are JSON numbers (integers when whole); each one comes with its qualifier code, the text to show
("hơn 23.000", in the request's language), the x/y ratio where there is one, whether it was reported at
conferences or computed from records, and its sources."""

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from movement.models import AdministrativeUnit
from reports.models import Programme
from reports.qualifiers import Qualifier
from reports.summaries import Basis, Mode, parse_period


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A decimal as a JSON number: 23000, 12.5 (null stays null)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if value is None:
            return None
        value = Decimal(value)
        if value == value.to_integral_value():
            return int(value)
        return float(value.normalize())


class AbsoluteUrlField(serializers.CharField):
    """A site path made absolute with the request (kept as a path without one)."""

    def to_representation(self, value):
        if not value:
            return value
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request is not None else value


# Query parameters ------------------------------------------------------------------------------------------------


class _SummaryQueryInputSerializer(serializers.Serializer):
    area = serializers.PrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.select_related("parent__parent", "current_province"),
        required=False,
        allow_null=True,
        help_text="Id of an administrative unit (legacy or 2025); omitted: the whole country.",
    )
    mode = serializers.ChoiceField(
        choices=[m.value for m in Mode],
        default=Mode.CURRENT.value,
        help_text="as_recorded: figures stay with the unit they were reported for; current: rolled up into "
        "today's 34 provinces.",
    )


class ProgrammeReviewQueryInputSerializer(_SummaryQueryInputSerializer):
    programme = serializers.SlugRelatedField(
        slug_field="code", queryset=Programme.objects.all(), help_text="Programme code, e.g. CT07-2014."
    )
    period = serializers.CharField(
        required=False, allow_blank=True, help_text="e.g. 2014-2019; omitted: the latest reviewed period."
    )

    def validate_period(self, value):
        if not value:
            return None
        try:
            return parse_period(value)
        except ValueError:
            raise serializers.ValidationError(_("Give a year or a range of years, e.g. 2014-2019."))


class AnnualQueryInputSerializer(_SummaryQueryInputSerializer):
    year = serializers.IntegerField(min_value=1945, max_value=2200, help_text="Calendar year, e.g. 2020.")


# Output --------------------------------------------------------------------------------------------------------


class DocumentOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    author = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    url = serializers.CharField(help_text="Where the document was published (may be empty).")
    page_url = AbsoluteUrlField(help_text="Its text on the portal's public conference page.")


class SourceOutputSerializer(serializers.Serializer):
    conference_id = serializers.IntegerField()
    title = serializers.CharField()
    area = serializers.CharField(source="area_name")
    held_on = serializers.DateField(allow_null=True)
    is_date_from_publication = serializers.BooleanField()
    url = AbsoluteUrlField(help_text="The conference's public page.")
    excerpt = serializers.CharField(help_text="The figure as printed in the source.")
    period_label = serializers.CharField(help_text="The figure's own period when it differs from the conference's.")
    value_display = serializers.CharField(help_text="This part as reported.")
    documents = DocumentOutputSerializer(many=True)


class AmountOutputSerializer(serializers.Serializer):
    value = NumberField()
    qualifier = serializers.ChoiceField(choices=Qualifier.choices)
    display = serializers.CharField(help_text='The number as shown, e.g. "hơn 23.000".')
    parts = serializers.IntegerField(help_text="How many figures were added up.")
    ratio_value = NumberField(help_text="Numerator of the ratio (sum of the values that have an 'out of').")
    out_of = NumberField(help_text="Denominator (sum of the 'out of' figures); null when there is no ratio.")
    ratio_qualifier = serializers.ChoiceField(choices=Qualifier.choices, allow_null=True)
    percent = NumberField()
    ratio_display = serializers.CharField(help_text='e.g. "1.069/1.144 (93,4 %)".')
    basis = serializers.ChoiceField(choices=[b.value for b in Basis])
    source_count = serializers.IntegerField()
    sources = SourceOutputSerializer(many=True)


class AreaRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    label = serializers.CharField(help_text='Name with context, e.g. "Huyện Thạnh Phú (Tỉnh Bến Tre)".')
    level = serializers.CharField()
    generation = serializers.CharField()
    now_in = serializers.CharField(help_text="Today's province of a legacy unit.")
    now_in_id = serializers.IntegerField(allow_null=True)
    is_whole = serializers.BooleanField(help_text="The subject area's own reports (not one of its parts).")
    holds = serializers.ListField(child=serializers.CharField(), help_text="Current mode: recorded units rolled up.")


class IndicatorRefOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    group = serializers.CharField()


class FigureOutputSerializer(serializers.Serializer):
    indicator = IndicatorRefOutputSerializer()
    breakdown = serializers.CharField(help_text='Breakdown code; "" for the indicator\'s own total.')
    breakdown_name = serializers.CharField()
    key = serializers.CharField()
    amount = AmountOutputSerializer()


class AreaRowOutputSerializer(serializers.Serializer):
    area = AreaRefOutputSerializer()
    figures = FigureOutputSerializer(many=True)


class YearRowOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    figures = FigureOutputSerializer(many=True)


class AwardLineOutputSerializer(serializers.Serializer):
    form = serializers.CharField(source="form_code")
    form_name = serializers.CharField()
    issuer = serializers.CharField(source="issuer_code")
    issuer_name = serializers.CharField()
    recipient_kind = serializers.CharField()
    recipient_kind_label = serializers.CharField()
    amount = AmountOutputSerializer()


class AwardFormOutputSerializer(serializers.Serializer):
    form = serializers.CharField(source="form_code")
    form_name = serializers.CharField()
    collective = AmountOutputSerializer(allow_null=True)
    individual = AmountOutputSerializer(allow_null=True)
    mixed = AmountOutputSerializer(allow_null=True)
    total = AmountOutputSerializer()


class AwardAreaOutputSerializer(serializers.Serializer):
    area = AreaRefOutputSerializer()
    total = AmountOutputSerializer()


class AwardsOutputSerializer(serializers.Serializer):
    lines = AwardLineOutputSerializer(many=True, source="awards")
    by_form = AwardFormOutputSerializer(many=True, source="award_forms")
    by_area = AwardAreaOutputSerializer(many=True, source="award_areas")


class RecordLineOutputSerializer(serializers.Serializer):
    metric = serializers.CharField()
    metric_label = serializers.CharField()
    breakdown = serializers.CharField()
    breakdown_label = serializers.CharField()
    amount = AmountOutputSerializer()


class RecordAreaOutputSerializer(serializers.Serializer):
    area = AreaRefOutputSerializer()
    lines = RecordLineOutputSerializer(many=True)


class RecordsOutputSerializer(serializers.Serializer):
    lines = RecordLineOutputSerializer(many=True, source="records")
    by_area = RecordAreaOutputSerializer(many=True, source="record_areas")


class ConferenceRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    programme = serializers.CharField(source="programme_code")
    kind = serializers.CharField(source="kind_label")
    area = AreaRefOutputSerializer()
    held_on = serializers.DateField(allow_null=True)
    is_date_from_publication = serializers.BooleanField()
    period_label = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    url = AbsoluteUrlField()
    documents = DocumentOutputSerializer(many=True)


class PeriodOutputSerializer(serializers.Serializer):
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class ProgrammeRefOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField(source="__str__")
    document_number = serializers.CharField()


class SummaryOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["programme_review", "annual"])
    mode = serializers.ChoiceField(choices=[m.value for m in Mode])
    mode_label = serializers.CharField()
    programme = ProgrammeRefOutputSerializer(allow_null=True)
    period = PeriodOutputSerializer()
    year = serializers.IntegerField(allow_null=True)
    area = AreaRefOutputSerializer(allow_null=True, help_text="null: the whole country.")
    requested_area = AreaRefOutputSerializer(
        allow_null=True, help_text="The area asked for, when current mode replaced it by today's province."
    )
    conference_count = serializers.IntegerField()
    last_modified = serializers.DateTimeField(allow_null=True)
    figures = FigureOutputSerializer(many=True, help_text="Total of each indicator by breakdown.")
    areas = AreaRowOutputSerializer(many=True, help_text="The same, by area (row per province or unit).")
    years = YearRowOutputSerializer(many=True, help_text="The same, by year of the end of the reported period.")
    awards = AwardsOutputSerializer(source="*")
    records = RecordsOutputSerializer(source="*", help_text="Counts computed from records, never added to reports.")
    conferences = ConferenceRefOutputSerializer(many=True, help_text="The latest conferences summarised.")
    predecessors = AreaRefOutputSerializer(many=True)
