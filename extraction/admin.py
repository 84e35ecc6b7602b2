"""The synonym catalogue in the admin: administrators extend what the extractor recognises."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from extraction.models import AwardFormSynonym, BreakdownSynonym, IndicatorSynonym, IssuerSynonym, ProgrammeSynonym


def _indicator_choices():
    from reports.models import Indicator

    return [("", "—"), *[(i.code, f"{i.code} · {i.name}") for i in Indicator.objects.order_by("rank", "code")]]


def _breakdown_choices():
    from reports.models import Breakdown

    return [
        ("", _("Whole population (no breakdown)")),
        *[(b.code, f"{b.code} · {b.name}") for b in Breakdown.objects.all()],
    ]


class IndicatorSynonymForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label=_("indicator"), choices=_indicator_choices)
    after_indicator_code = forms.ChoiceField(
        label=_("only after a figure of"),
        choices=_indicator_choices,
        required=False,
        help_text=IndicatorSynonym._meta.get_field("after_indicator_code").help_text,
    )

    class Meta:
        model = IndicatorSynonym
        fields = ["phrase", "indicator_code", "position", "after_indicator_code", "measure", "is_active", "note"]


class BreakdownSynonymForm(forms.ModelForm):
    breakdown_code = forms.ChoiceField(label=_("breakdown"), choices=_breakdown_choices, required=False)

    class Meta:
        model = BreakdownSynonym
        fields = ["phrase", "breakdown_code", "matches_inside", "is_active", "note"]


@admin.register(IndicatorSynonym)
class IndicatorSynonymAdmin(admin.ModelAdmin):
    form = IndicatorSynonymForm
    list_display = ["phrase", "indicator_code", "position", "after_indicator_code", "measure", "is_active"]
    list_filter = ["position", "is_active", "indicator_code"]
    search_fields = ["phrase", "indicator_code"]


@admin.register(BreakdownSynonym)
class BreakdownSynonymAdmin(admin.ModelAdmin):
    form = BreakdownSynonymForm
    list_display = ["phrase", "breakdown_code", "matches_inside", "is_active"]
    list_filter = ["breakdown_code", "matches_inside", "is_active"]
    search_fields = ["phrase"]


@admin.register(IssuerSynonym)
class IssuerSynonymAdmin(admin.ModelAdmin):
    list_display = ["phrase", "issuer", "is_active"]
    list_filter = ["issuer", "is_active"]
    search_fields = ["phrase"]


@admin.register(AwardFormSynonym)
class AwardFormSynonymAdmin(admin.ModelAdmin):
    list_display = ["phrase", "form", "is_active"]
    list_filter = ["form", "is_active"]
    search_fields = ["phrase"]


@admin.register(ProgrammeSynonym)
class ProgrammeSynonymAdmin(admin.ModelAdmin):
    list_display = ["phrase", "programme", "priority", "is_active"]
    list_filter = ["programme", "is_active"]
    search_fields = ["phrase"]
