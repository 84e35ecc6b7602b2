from django.contrib import admin

from workday.models import Correction, ReportingDeadline


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    """Reporting deadlines per programme and period: national administrators edit them here."""

    list_display = ["programme", "period_label", "due_on", "level", "note"]
    list_filter = ["programme", "level"]
    search_fields = ["period_label", "programme__code"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["conference", "opened_at", "closed_at", "reason"]
    readonly_fields = ["conference", "opened_at", "opened_by", "reason", "before", "closed_at", "changes"]

    def has_add_permission(self, request):
        return False
