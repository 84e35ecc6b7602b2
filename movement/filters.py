import django_filters
from django.utils.translation import gettext_lazy as _

from movement.models import AdministrativeUnit, Block, SelfManagementModel, Unit
from movement.text import fold


class AdministrativeUnitFilter(django_filters.FilterSet):
    generation = django_filters.ChoiceFilter(choices=AdministrativeUnit.Generation.choices)
    level = django_filters.ChoiceFilter(choices=AdministrativeUnit.Level.choices)
    kind = django_filters.ChoiceFilter(choices=AdministrativeUnit.Kind.choices)
    parent = django_filters.NumberFilter(field_name="parent_id")
    code = django_filters.CharFilter(field_name="code")
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))

    class Meta:
        model = AdministrativeUnit
        fields = ["generation", "level", "kind", "parent", "code"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)
    area = django_filters.ModelChoiceFilter(
        queryset=AdministrativeUnit.objects.all(), method="filter_area", label=_("Administrative unit (and below)")
    )
    is_active = django_filters.BooleanFilter()
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))

    class Meta:
        model = Unit
        fields = ["kind", "area", "is_active"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))


class SelfManagementModelFilter(django_filters.FilterSet):
    block = django_filters.ChoiceFilter(choices=Block.choices)
    type = django_filters.CharFilter(field_name="type__code")
    area = django_filters.ModelChoiceFilter(
        queryset=AdministrativeUnit.objects.all(), method="filter_area", label=_("Administrative unit (and below)")
    )
    is_exemplary = django_filters.BooleanFilter()
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))

    class Meta:
        model = SelfManagementModel
        fields = ["block", "type", "area", "is_exemplary"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))
