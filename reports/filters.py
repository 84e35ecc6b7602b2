import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from movement.filters import AreaFilter
from movement.text import fold
from reports.models import Conference, Indicator, IndicatorValue


class ConferenceFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__code", label=_("Programme (code)"))
    kind = django_filters.ChoiceFilter(choices=Conference.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Conference.Status.choices)
    area = AreaFilter(method="filter_area", label=_("Administrative unit (and below): 2025:38, legacy:402"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Period overlaps this year"))
    period_from = django_filters.DateFilter(method="filter_period_from", label=_("Period ends on or after"))
    period_to = django_filters.DateFilter(method="filter_period_to", label=_("Period starts on or before"))
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("Held on or after"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Held on or before"))
    indicator = django_filters.CharFilter(
        method="filter_indicator", label=_("Reports a figure of this indicator (code)")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Search (ignores case and diacritics)"))

    class Meta:
        model = Conference
        fields = ["programme", "kind", "status", "area"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)

    def filter_year(self, queryset, name, value):
        try:
            year = int(value)
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except (TypeError, ValueError, OverflowError):
            return queryset.none()
        return queryset.filter(_overlaps(start, end))

    def filter_period_from(self, queryset, name, value):
        return queryset.filter(Q(period_end__gte=value) | Q(period_end__isnull=True, held_on__gte=value))

    def filter_period_to(self, queryset, name, value):
        return queryset.filter(Q(period_start__lte=value) | Q(period_start__isnull=True, held_on__lte=value))

    def filter_indicator(self, queryset, name, value):
        return queryset.filter(
            pk__in=IndicatorValue.objects.filter(indicator__code=value.strip()).values("conference_id")
        )

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))


def _overlaps(start, end) -> Q:
    """The conference's period overlaps [start, end]; without a period, its date lies inside."""
    with_period = Q(period_start__isnull=False, period_end__isnull=False, period_start__lte=end, period_end__gte=start)
    without = Q(period_start__isnull=True) & Q(held_on__gte=start, held_on__lte=end)
    return with_period | without


class IndicatorFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code")
    group = django_filters.ChoiceFilter(choices=Indicator.Group.choices)
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Indicator
        fields = ["code", "group", "is_active"]
