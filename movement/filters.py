import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from movement import areas
from movement.access import Capability, area_scope_q
from movement.models import AdministrativeUnit, Block, SelfManagementModel, Unit
from movement.text import fold


class AreaKeyChoiceField(django_filters.fields.ModelChoiceField):
    """An administrative unit given by generation and official code ("2025:38"; the id still works)."""

    def to_python(self, value):
        if isinstance(value, str) and areas.KEY_RE.match(value):
            unit = areas.lookup(value)
            if unit is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return unit
        return super().to_python(value)


class AreaFilter(django_filters.ModelChoiceFilter):
    field_class = AreaKeyChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", AdministrativeUnit.objects.all())
        super().__init__(*args, **kwargs)


class AdministrativeUnitFilter(django_filters.FilterSet):
    generation = django_filters.ChoiceFilter(choices=AdministrativeUnit.Generation.choices)
    level = django_filters.ChoiceFilter(choices=AdministrativeUnit.Level.choices)
    kind = django_filters.ChoiceFilter(choices=AdministrativeUnit.Kind.choices)
    parent = django_filters.NumberFilter(field_name="parent_id")
    code = django_filters.CharFilter(field_name="code")
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Existing on this date (yyyy-mm-dd)"))
    capability = django_filters.ChoiceFilter(
        choices=[(c.value, c.value) for c in Capability],
        method="filter_capability",
        label=_("Only the signed-in user's areas where they hold this capability"),
    )
    key = django_filters.CharFilter(method="filter_key", label=_("Generation and official code, e.g. 2025:16174"))

    class Meta:
        model = AdministrativeUnit
        fields = ["generation", "level", "kind", "parent", "code"]

    def filter_q(self, queryset, name, value):
        # Provinces first, then districts and communes; the current generation before the legacy one.
        return (
            queryset.search(value[: areas.QUERY_MAX_LENGTH])
            .annotate(level_rank=areas.LEVEL_RANK)
            .order_by("level_rank", "-generation", "name", "code")
        )

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(areas.existed_on_q(value))

    def filter_capability(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(area_scope_q(actor=user, capability=Capability(value), via=""))

    def filter_key(self, queryset, name, value):
        match = areas.KEY_RE.match(value)
        if not match:
            return queryset.none()
        return queryset.filter(generation=match.group(1), code=match.group(2))


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices)
    area = AreaFilter(method="filter_area", label=_("Administrative unit (and below): 2025:38, legacy:402"))
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
    area = AreaFilter(method="filter_area", label=_("Administrative unit (and below): 2025:38, legacy:402"))
    is_exemplary = django_filters.BooleanFilter()
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))

    class Meta:
        model = SelfManagementModel
        fields = ["block", "type", "area", "is_exemplary"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))
