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
    """One reported figure behind a number; its conference is in the answer's `source_conferences`."""

    conference_id = serializers.IntegerField()
    excerpt = serializers.CharField(help_text="The figure as printed in the source.")
    period_label = serializers.CharField(help_text="The figure's own period when it differs from the conference's.")
    value_display = serializers.CharField(help_text="This part as reported.")


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
    source_count = serializers.IntegerField(help_text="How many reported figures (or tallies) are behind it.")
    reports = serializers.IntegerField(help_text="How many conference reports it comes from.")
    places = serializers.IntegerField(help_text="National summaries: from how many provinces (else 0).")
    coverage = serializers.CharField(
        source="coverage_display", help_text='What it is made of, e.g. "từ 3 báo cáo của 3 tỉnh (cũ)".'
    )
    sources_url = serializers.CharField(
        help_text="The paged reports and excerpts behind this number (/api/v1/summaries/sources/?…, relative)."
    )


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


class FigureCellOutputSerializer(serializers.Serializer):
    """A figure in a row by area or by year, as numbers only: its `key` names the indicator and breakdown of
    `figures`; its sources are the total's `sources_url` with `&part=<area id>` or `&row_year=<year>`."""

    key = serializers.CharField()
    value = NumberField(source="amount.value")
    qualifier = serializers.CharField(source="amount.qualifier")
    ratio_value = NumberField(source="amount.ratio_value")
    out_of = NumberField(source="amount.out_of")
    reports = serializers.IntegerField(source="amount.reports")


class AreaRowOutputSerializer(serializers.Serializer):
    area = AreaRefOutputSerializer()
    figures = FigureCellOutputSerializer(many=True)


class YearRowOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    figures = FigureCellOutputSerializer(many=True)


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


class RecordCellOutputSerializer(serializers.Serializer):
    """A record count in a row by area, as numbers only (its labels are in `records.lines`)."""

    metric = serializers.CharField()
    breakdown = serializers.CharField()
    value = NumberField(source="amount.value")
    ratio_value = NumberField(source="amount.ratio_value")
    out_of = NumberField(source="amount.out_of")


class RecordAreaOutputSerializer(serializers.Serializer):
    area = AreaRefOutputSerializer()
    lines = RecordCellOutputSerializer(many=True)


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
    reporting_provinces = serializers.IntegerField(help_text="National: today's provinces with a report summarised.")
    province_total = serializers.IntegerField(help_text="National: today's provinces (0 elsewhere).")
    coverage = serializers.CharField(
        source="coverage_display", help_text='National: e.g. "2/34 tỉnh, thành phố đã có báo cáo".'
    )
    predecessors = AreaRefOutputSerializer(many=True)


# Fast output -----------------------------------------------------------------------------------------------------


def summary_payload(summary, *, request=None) -> dict:
    """SummaryOutputSerializer(summary).data, built from the serializers' own field declarations but without
    DRF's per-field machinery (a national summary holds tens of thousands of numbers and sources: DRF takes
    seconds, this a fraction). tests/reports/test_summaries_api.py checks both give the same answer."""
    return _dump(SummaryOutputSerializer, summary, request)


_PLANS: dict[type, list] = {}


def _plan(serializer_class) -> list:
    plan = _PLANS.get(serializer_class)
    if plan is not None:
        return plan
    plan = []
    for name, field in serializer_class().fields.items():
        source = field.source
        path = None if source == "*" else source.split(".")
        if isinstance(field, serializers.ListSerializer):
            kind, nested = "many", type(field.child)
        elif isinstance(field, serializers.BaseSerializer):
            kind, nested = "one", type(field)
        elif isinstance(field, NumberField):
            kind, nested = "number", None
        elif isinstance(field, AbsoluteUrlField):
            kind, nested = "url", None
        elif isinstance(field, serializers.DateTimeField | serializers.DateField):
            kind, nested = "field", field
        elif isinstance(field, serializers.ListField):
            kind, nested = "list", None
        elif isinstance(field, serializers.IntegerField):
            kind, nested = "int", None
        elif isinstance(field, serializers.BooleanField):
            kind, nested = "bool", None
        else:
            kind, nested = "str", None
        plan.append((name, path, kind, nested))
    _PLANS[serializer_class] = plan
    return plan


def _get(instance, path):
    if path is None:
        return instance
    for attribute in path:
        if instance is None:
            return None
        instance = getattr(instance, attribute)
    return instance() if callable(instance) else instance


def _dump(serializer_class, instance, request) -> dict:
    data = {}
    for name, path, kind, nested in _plan(serializer_class):
        value = _get(instance, path)
        if value is None:
            data[name] = None
        elif kind == "many":
            data[name] = [_dump(nested, item, request) for item in value]
        elif kind == "one":
            data[name] = _dump(nested, value, request)
        elif kind == "number":
            data[name] = NumberField.to_representation(None, value)
        elif kind == "url":
            data[name] = request.build_absolute_uri(value) if (request is not None and value) else value
        elif kind == "field":
            data[name] = nested.to_representation(value)
        elif kind == "list":
            data[name] = [str(item) for item in value]
        elif kind == "int":
            data[name] = int(value)
        elif kind == "bool":
            data[name] = bool(value)
        else:
            data[name] = str(value)
    return data
