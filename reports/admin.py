from django.contrib import admin

from reports.models import AwardForm, IssuingAuthority, Programme


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
