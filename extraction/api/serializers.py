from rest_framework import serializers

from reports.models import AwardTally, Conference
from reports.qualifiers import Qualifier


class ExtractionInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    reference_date = serializers.DateField(
        required=False, allow_null=True, help_text="Years the text omits are inferred no later than this day."
    )


class ExtractionSpanOutputSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset of the first character in the text (0-based).")
    end = serializers.IntegerField(help_text="Offset after the last character.")
    text = serializers.CharField()


class FigureBaseOutputSerializer(serializers.Serializer):
    value = serializers.FloatField()
    span = ExtractionSpanOutputSerializer()


class FigureProposalOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    breakdown = serializers.CharField(allow_null=True)
    value = serializers.FloatField()
    out_of = serializers.FloatField(allow_null=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices)
    span = ExtractionSpanOutputSerializer()
    phrase = serializers.CharField()
    evidence = ExtractionSpanOutputSerializer(many=True)
    period_label = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())
    unit = serializers.CharField(allow_blank=True, help_text="“%” for a percentage; empty for a count.")
    base = FigureBaseOutputSerializer(allow_null=True, help_text="What a percentage is of, when the text says.")


class TallyProposalOutputSerializer(serializers.Serializer):
    issuer = serializers.CharField(allow_null=True)
    form = serializers.CharField(allow_null=True)
    recipient_kind = serializers.ChoiceField(choices=AwardTally.RecipientKind.choices)
    count = serializers.IntegerField()
    qualifier = serializers.ChoiceField(choices=Qualifier.choices)
    span = ExtractionSpanOutputSerializer()
    evidence = ExtractionSpanOutputSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


class ExtractionPeriodOutputSerializer(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    label = serializers.CharField()
    inferred = serializers.BooleanField()
    span = ExtractionSpanOutputSerializer(allow_null=True)


class ExtractionPlaceOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    level = serializers.CharField()
    prefix = serializers.CharField()
    span = ExtractionSpanOutputSerializer()
    in_conference_sentence = serializers.BooleanField(help_text="Named where the text says who held the conference.")


class ExtractionConferenceFactsOutputSerializer(serializers.Serializer):
    held_on = serializers.DateField(allow_null=True)
    held_on_inferred = serializers.BooleanField()
    held_on_span = ExtractionSpanOutputSerializer(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    published_on_span = ExtractionSpanOutputSerializer(allow_null=True)
    kind = serializers.ChoiceField(choices=Conference.Kind.choices, allow_null=True)
    kind_span = ExtractionSpanOutputSerializer(allow_null=True)
    programme = serializers.CharField(allow_null=True)
    programme_span = ExtractionSpanOutputSerializer(allow_null=True)
    period = ExtractionPeriodOutputSerializer(allow_null=True)
    places = ExtractionPlaceOutputSerializer(many=True)
    title = serializers.CharField()


class ExtractionUnclassifiedOutputSerializer(serializers.Serializer):
    value = serializers.FloatField()
    out_of = serializers.FloatField(allow_null=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices)
    span = ExtractionSpanOutputSerializer()
    unit = serializers.CharField(allow_blank=True, help_text="“%” for a percentage; empty for a count.")


class ExtractionOutputSerializer(serializers.Serializer):
    """Documents the answer (the view returns Extraction.to_dict(), which has exactly this shape)."""

    figures = FigureProposalOutputSerializer(many=True)
    tallies = TallyProposalOutputSerializer(many=True)
    conference = ExtractionConferenceFactsOutputSerializer()
    notes = serializers.ListField(child=serializers.CharField())
    unclassified = ExtractionUnclassifiedOutputSerializer(many=True)
