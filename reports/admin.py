from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from movement.text import fold
from reports.models import (
    AwardForm,
    AwardTally,
    Breakdown,
    Conference,
    ConferenceTransition,
    Indicator,
    IndicatorValue,
    IssuingAuthority,
    Programme,
    SourceDocument,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "document_number", "issued_on", "review_period_years"]
    search_fields = ["code", "title", "document_number"]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "rank"]


@admin.register(IssuingAuthority)
class IssuingAuthorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "level", "valid_from", "valid_until"]
    list_filter = ["level"]
    filter_horizontal = ["forms"]


@admin.register(Breakdown)
class BreakdownAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "rank"]
    search_fields = ["code", "name_vi", "name_en"]

    def get_readonly_fields(self, request, obj=None):
        # Figures store the code: renaming it would orphan them.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "unit_vi", "group", "takes_out_of", "allows_decimals", "is_active", "rank"]
    list_filter = ["group", "takes_out_of", "allows_decimals", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]
    filter_horizontal = ["breakdowns"]


class _ReadOnlyInline(admin.TabularInline):
    """Figures and tallies change through the staff pages and the API (workflow, locks and history)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorValueInline(_ReadOnlyInline):
    model = IndicatorValue
    fields = ["indicator", "breakdown", "qualifier", "value", "out_of", "period_label", "source_excerpt", "note"]


class AwardTallyInline(_ReadOnlyInline):
    model = AwardTally
    fields = ["issuer", "form", "recipient_kind", "qualifier", "count", "note"]


class SourceDocumentInline(_ReadOnlyInline):
    model = SourceDocument
    fields = ["title", "publisher", "author", "published_on", "url", "summary"]


class ConferenceTransitionInline(_ReadOnlyInline):
    model = ConferenceTransition
    fields = ["occurred_at", "actor", "from_status", "to_status", "reason"]


class ConferenceSearchMixin:
    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(search_name__contains=fold(term)), False


@admin.register(Conference)
class ConferenceAdmin(ConferenceSearchMixin, SimpleHistoryAdmin):
    """Read-only here: conference reports change through the staff pages and the API, where the workflow,
    the locks of approved figures and the history apply."""

    list_display = ["title", "programme", "kind", "area", "held_on", "period_label", "status"]
    list_filter = ["status", "kind", "programme"]
    search_fields = ["title"]
    list_select_related = ["programme", "area"]
    inlines = [IndicatorValueInline, AwardTallyInline, SourceDocumentInline, ConferenceTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConferenceTransition)
class ConferenceTransitionAdmin(admin.ModelAdmin):
    list_display = ["conference", "from_status", "to_status", "actor", "occurred_at"]
    list_filter = ["to_status"]
    list_select_related = ["conference", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(_ReadOnlyAdmin):
    list_display = ["conference", "indicator", "breakdown", "qualifier", "value", "out_of"]
    list_filter = ["indicator", "qualifier"]
    list_select_related = ["conference", "indicator"]


@admin.register(AwardTally)
class AwardTallyAdmin(_ReadOnlyAdmin):
    list_display = ["conference", "issuer", "form", "recipient_kind", "qualifier", "count"]
    list_filter = ["form", "recipient_kind"]
    list_select_related = ["conference", "issuer", "form"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(_ReadOnlyAdmin):
    list_display = ["title", "conference", "publisher", "author", "published_on"]
    list_select_related = ["conference"]
