from rest_framework import serializers


class ExtractionInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    reference_date = serializers.DateField(
        required=False, allow_null=True, help_text="Years the text omits are inferred no later than this day."
    )


class SpanOutputSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset of the first character in the text (0-based).")
    end = serializers.IntegerField(help_text="Offset after the last character.")
    text = serializers.CharField()


class FigureProposalOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    breakdown = serializers.CharField(allow_null=True)
    value = serializers.FloatField()
    out_of = serializers.FloatField(allow_null=True)
    qualifier = serializers.ChoiceField(choices=["exact", "more_than", "nearly", "about"])
    span = SpanOutputSerializer()
    phrase = serializers.CharField()
    evidence = SpanOutputSerializer(many=True)
    period_label = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())


class TallyProposalOutputSerializer(serializers.Serializer):
    issuer = serializers.CharField(allow_null=True)
    form = serializers.CharField(allow_null=True)
    recipient_kind = serializers.ChoiceField(choices=["collective", "individual", "mixed"])
    count = serializers.IntegerField()
    qualifier = serializers.ChoiceField(choices=["exact", "more_than", "nearly", "about"])
    span = SpanOutputSerializer()
    evidence = SpanOutputSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


class PeriodOutputSerializer(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    label = serializers.CharField()
    inferred = serializers.BooleanField()
    span = SpanOutputSerializer(allow_null=True)


class PlaceOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    level = serializers.CharField()
    prefix = serializers.CharField()
    span = SpanOutputSerializer()


class ConferenceFactsOutputSerializer(serializers.Serializer):
    held_on = serializers.DateField(allow_null=True)
    held_on_inferred = serializers.BooleanField()
    held_on_span = SpanOutputSerializer(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    published_on_span = SpanOutputSerializer(allow_null=True)
    kind = serializers.CharField(allow_null=True)
    kind_span = SpanOutputSerializer(allow_null=True)
    programme = serializers.CharField(allow_null=True)
    programme_span = SpanOutputSerializer(allow_null=True)
    period = PeriodOutputSerializer(allow_null=True)
    places = PlaceOutputSerializer(many=True)
    title = serializers.CharField()


class UnclassifiedOutputSerializer(serializers.Serializer):
    value = serializers.FloatField()
    out_of = serializers.FloatField(allow_null=True)
    qualifier = serializers.CharField()
    span = SpanOutputSerializer()


class ExtractionOutputSerializer(serializers.Serializer):
    """Documents the answer (the view returns Extraction.to_dict(), which has exactly this shape)."""

    figures = FigureProposalOutputSerializer(many=True)
    tallies = TallyProposalOutputSerializer(many=True)
    conference = ConferenceFactsOutputSerializer()
    notes = serializers.ListField(child=serializers.CharField())
    unclassified = UnclassifiedOutputSerializer(many=True)
