from rest_framework import serializers


class ConferenceImportFiguresInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="The report's XLSX template (GET /staff/conferences/{id}/template.xlsx), filled: sheets "
        "“Chỉ tiêu” and “Khen thưởng”."
    )
    dry_run = serializers.BooleanField(
        default=True,
        help_text="Check only (default); false saves every row if all are valid (the file replaces "
        "the report's figures and tallies).",
    )


class ImportRowErrorSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField(help_text="Row number in the sheet (the header is row 1).")
    reason = serializers.CharField()


class ConferenceImportFiguresOutputSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    figures = serializers.ListField(child=serializers.DictField(), help_text="Rows read, with their row number.")
    tallies = serializers.ListField(child=serializers.DictField())
    errors = ImportRowErrorSerializer(many=True)
