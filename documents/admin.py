from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from documents.models import DocumentProfile


@admin.register(DocumentProfile)
class DocumentProfileAdmin(SimpleHistoryAdmin):
    list_display = ["area", "kind", "issuing_body", "parent_body", "place", "signer_title"]
    list_filter = ["kind"]
    search_fields = ["area__name", "issuing_body", "parent_body", "place"]
    autocomplete_fields = ["area"]
