"""Back office: the criteria sets and rating schemes are edited here (their texts are summaries to check
against the legal documents); the records are shown read-mostly, since their workflow belongs to the
services (staff pages and API), which check the rules and write the audit trail."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards.models import (
    AwardDecision,
    AwardRecipient,
    CertificationCriterionResult,
    CriteriaSet,
    Criterion,
    MovementRating,
    RatingBand,
    RatingScheme,
    RecognitionDecision,
    SafetyCertification,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["number", "text_vi", "text_en", "is_summary"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "subject_kind", "legal_basis", "valid_from", "valid_until", "is_summary"]
    list_filter = ["subject_kind", "legal_basis", "is_summary"]
    search_fields = ["code", "name_vi", "legal_basis"]
    inlines = [CriterionInline]


class RatingBandInline(admin.TabularInline):
    model = RatingBand
    extra = 0
    fields = ["code", "label_vi", "label_en", "min_score"]


@admin.register(RatingScheme)
class RatingSchemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "legal_basis", "valid_from", "valid_until", "max_score", "is_summary"]
    search_fields = ["code", "name_vi", "legal_basis"]
    inlines = [RatingBandInline]


class ReadOnlyRecordAdmin(SimpleHistoryAdmin):
    """Records change only through the services (rules, audit trail): no add or edit here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResultInline(admin.TabularInline):
    model = CertificationCriterionResult
    extra = 0
    fields = ["criterion", "is_met", "evidence_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SafetyCertification)
class SafetyCertificationAdmin(ReadOnlyRecordAdmin):
    list_display = ["__str__", "subject_kind", "period_label", "status", "area", "criteria_set", "updated_at"]
    list_filter = ["status", "subject_kind", "period_kind", "year"]
    search_fields = ["unit__name", "commune__name", "period_label"]
    list_select_related = ["unit", "commune", "area", "criteria_set"]
    raw_id_fields = ["unit", "commune", "area", "recognition_decision"]
    inlines = [ResultInline]


@admin.register(RecognitionDecision)
class RecognitionDecisionAdmin(ReadOnlyRecordAdmin):
    list_display = ["number", "signed_on", "issuer", "area"]
    search_fields = ["number", "issuer"]
    list_select_related = ["area"]
    raw_id_fields = ["area"]


class RecipientInline(admin.TabularInline):
    model = AwardRecipient
    extra = 0
    fields = ["order", "kind", "name_as_printed", "title_as_printed", "unit", "area"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AwardDecision)
class AwardDecisionAdmin(ReadOnlyRecordAdmin):
    list_display = ["number", "signed_on", "issuing_authority", "form", "status", "area"]
    list_filter = ["status", "form", "issuing_authority__level"]
    search_fields = ["number", "achievement", "recipients__name_as_printed"]
    list_select_related = ["issuing_authority", "form", "area"]
    raw_id_fields = ["area", "conference"]
    inlines = [RecipientInline]


@admin.register(MovementRating)
class MovementRatingAdmin(ReadOnlyRecordAdmin):
    list_display = ["__str__", "year", "scheme", "self_score", "score", "band", "status"]
    list_filter = ["status", "year", "scheme", "subject_kind"]
    search_fields = ["unit__name", "commune__name"]
    list_select_related = ["unit", "commune", "scheme", "band"]
    raw_id_fields = ["unit", "commune", "area"]
