"""Optional filters for lists (API and pages). Never the security boundary: the selectors scope first."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AwardDecision,
    CriteriaSet,
    CriteriaSubject,
    MovementRating,
    RecipientKind,
    SafetyCertification,
    SubjectKind,
)
from movement.filters import AreaFilter
from movement.text import fold


class _AreaSubtreeMixin(django_filters.FilterSet):
    area = AreaFilter(method="filter_area", label=_("Administrative unit (and below): 2025:38, legacy:402"))

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)


class CriteriaSetFilter(django_filters.FilterSet):
    subject_kind = django_filters.ChoiceFilter(choices=CriteriaSubject.choices)
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("In force on (date)"))
    legal_basis = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = CriteriaSet
        fields = ["subject_kind", "valid_on", "legal_basis"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.in_force_on(value)


class CertificationFilter(_AreaSubtreeMixin):
    # distinct=False: a column of the row itself, never duplicated (DISTINCT would sort every row in scope)
    status = django_filters.MultipleChoiceFilter(choices=SafetyCertification.Status.choices, distinct=False)
    subject_kind = django_filters.ChoiceFilter(choices=SubjectKind.choices)
    year = django_filters.NumberFilter()
    period = django_filters.CharFilter(field_name="period_label", label=_("Period (2020 or 2019-2020)"))
    criteria_set = django_filters.CharFilter(field_name="criteria_set__code")
    q = django_filters.CharFilter(method="filter_q", label=_("Search the subject (ignores case and diacritics)"))

    class Meta:
        model = SafetyCertification
        fields = ["status", "subject_kind", "year", "period", "criteria_set", "area"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(Q(unit__search_name__contains=folded) | Q(commune__search_name__contains=folded))


class AwardDecisionFilter(_AreaSubtreeMixin):
    status = django_filters.ChoiceFilter(choices=AwardDecision.Status.choices)
    form = django_filters.CharFilter(field_name="form__code")
    issuing_authority = django_filters.CharFilter(field_name="issuing_authority__code")
    programme = django_filters.CharFilter(field_name="programme__code")
    conference = django_filters.NumberFilter(field_name="conference_id")
    # bounded: a year lookup on 0 or 10000 raises in the database layer (a 500 found by fuzzing)
    year = django_filters.NumberFilter(
        field_name="signed_on", lookup_expr="year", min_value=1, max_value=9999, decimal_places=0
    )
    recipient_kind = django_filters.ChoiceFilter(
        choices=RecipientKind.choices, method="filter_recipient_kind", label=_("Has recipients of this kind")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Number, achievement or recipient name"))

    class Meta:
        model = AwardDecision
        fields = ["status", "form", "issuing_authority", "programme", "conference", "year", "area"]

    def filter_recipient_kind(self, queryset, name, value):
        return queryset.filter(recipients__kind=value).distinct()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value)
            | Q(achievement__icontains=value)
            | Q(recipients__name_as_printed__icontains=value)
        ).distinct()


class RatingFilter(_AreaSubtreeMixin):
    status = django_filters.ChoiceFilter(choices=MovementRating.Status.choices)
    subject_kind = django_filters.ChoiceFilter(choices=SubjectKind.choices)
    year = django_filters.NumberFilter()
    scheme = django_filters.CharFilter(field_name="scheme__code")
    band = django_filters.CharFilter(field_name="band__code")

    class Meta:
        model = MovementRating
        fields = ["status", "subject_kind", "year", "scheme", "band", "area"]
