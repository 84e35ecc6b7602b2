from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from movement.models import (
    AdministrativeUnit,
    AuditEvent,
    RoleAssignment,
    SelfManagementModel,
    SelfManagementModelType,
    Succession,
    Unit,
)
from movement.text import fold


class FoldedSearchMixin:
    """Search by name ignoring case and diacritics ("thanh hoa" finds "Thanh Hóa"), or by exact code."""

    folded_search_field = "search_name"
    code_search_field = None

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        q = {f"{self.folded_search_field}__contains": fold(term)}
        result = queryset.filter(**q)
        if self.code_search_field:
            result = result | queryset.filter(**{self.code_search_field: term})
        return result, False

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "refresh_derived"):
            obj.refresh_derived()
        else:
            obj.search_name = fold(obj.name)
        super().save_model(request, obj, form, change)


class ProvinceFilter(admin.SimpleListFilter):
    title = _("province")
    parameter_name = "province"
    path_field = "path"

    def lookups(self, request, model_admin):
        provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).order_by(
            "generation", "name"
        )
        return [(p.pk, f"{p.name} ({p.get_generation_display()})") for p in provinces]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        province = AdministrativeUnit.objects.filter(pk=self.value()).first()
        if province is None:
            return queryset.none()
        return queryset.filter(**{f"{self.path_field}__startswith": province.path})


class AreaProvinceFilter(ProvinceFilter):
    path_field = "area__path"


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    raw_id_fields = ["successor"]
    verbose_name = _("successor")
    verbose_name_plural = _("successors (2025 units that took this unit over)")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "generation", "parent", "current_province"]
    list_filter = ["generation", "level", "kind", ProvinceFilter]
    search_fields = ["name"]
    search_help_text = _("Name (case and diacritics ignored) or official code")
    code_search_field = "code"
    list_select_related = ["parent", "current_province"]
    raw_id_fields = ["parent", "current_province"]
    readonly_fields = ["path"]
    inlines = [SuccessionInline]
    list_per_page = 100


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "is_default"]
    list_filter = ["kind", "is_default", "predecessor__level"]
    raw_id_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]
    search_fields = ["predecessor__search_name", "successor__search_name"]


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "area", "security_force", "is_active"]
    list_filter = ["kind", "security_force", "is_active", "school_level", "enterprise_size", AreaProvinceFilter]
    search_fields = ["name"]
    search_help_text = _("Name (case and diacritics ignored) or tax code")
    code_search_field = "tax_code"
    raw_id_fields = ["area"]
    list_select_related = ["area"]


@admin.register(SelfManagementModelType)
class SelfManagementModelTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(SelfManagementModel)
class SelfManagementModelAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "type", "block", "area", "is_exemplary"]
    list_filter = ["block", "is_exemplary", "type", AreaProvinceFilter]
    search_fields = ["name"]
    raw_id_fields = ["area", "host_units"]
    list_select_related = ["type", "area"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "area"]
    list_filter = ["role"]
    raw_id_fields = ["area"]
    search_fields = ["user__username", "area__search_name"]
    list_select_related = ["user", "area"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by services only."""

    list_display = ["occurred_at", "actor", "verb", "object_type", "object_repr", "area"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "verb", "actor__username", "object_id"]
    list_select_related = ["actor", "area"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
