"""Forms of the staff pages. They parse and shape input; the services decide what is allowed."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from movement.access import Capability
from movement.forms import AreaPickerField, AreaPickerFormMixin
from movement.models import AdministrativeUnit
from reports.models import AwardForm, AwardTally, Breakdown, Conference, Indicator, IssuingAuthority, Programme
from reports.qualifiers import Qualifier

AREA_SELECT_LIMIT = 2000
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal:
    """A number as Vietnamese users type it: "3.071" → 3071, "12,5" → 12.5, "1.069,5" → 1069.5; a plain
    "12.5" (not a thousands grouping) → 12.5."""
    text = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(_("Enter a number, e.g. 3.071 or 12,5."), code="invalid")
    if not number.is_finite():
        raise forms.ValidationError(_("Enter a number, e.g. 3.071 or 12,5."), code="invalid")
    return number


def format_number(value) -> str:
    """The inverse for form fields: 3071 → "3071", 12.5 → "12,5" (no grouping, so it reads back the same)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    text = str(value.quantize(Decimal(1))) if value == value.to_integral_value() else format(value.normalize(), "f")
    return text.replace(".", ",")


class NumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "30"})

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_number(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_number(value)


def apply_errors(form, field_errors: dict, message=None) -> None:
    """Put a service's field errors next to the form's fields (the rest on top of the form)."""
    placed = False
    for field, messages in (field_errors or {}).items():
        target = field if field in form.fields else None
        for text in messages if isinstance(messages, list | tuple) else [messages]:
            if isinstance(text, dict):
                continue
            form.add_error(target, str(text))
            placed = True
    if not placed and message:
        form.add_error(None, str(message))


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        indent = {"province": "", "district": "— ", "commune": "— — "}.get(obj.level, "")
        generation = _("before 7/2025") if obj.generation == AdministrativeUnit.Generation.LEGACY else _("from 7/2025")
        return f"{indent}{obj.name} ({generation})"


class ConferenceForm(AreaPickerFormMixin, forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of conference"), choices=Conference.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    area = AreaPickerField(
        label=_("Administrative unit"),
        capability=Capability.CONFERENCES_EDIT,
        date_fields=("held_on",),
        help_text=_(
            "The area whose results the conference reviewed, as it was on the conference date (either "
            "generation): type a few letters (no diacritics needed) or the official code, then choose."
        ),
    )
    organiser = forms.CharField(label=_("Organiser"), max_length=300, required=False)
    held_on = forms.DateField(
        label=_("Held on"), required=False, help_text=_("Day/month/year, e.g. 11/9/2019. Leave empty if unknown.")
    )
    is_date_from_publication = forms.BooleanField(
        label=_("The date is the publication date (the report does not give the conference date)"), required=False
    )
    period_start = forms.DateField(label=_("Period start"), required=False)
    period_end = forms.DateField(label=_("Period end"), required=False)
    period_label = forms.CharField(
        label=_("Period label"), max_length=60, required=False, help_text=_("e.g. 2014-2019, 2020, năm học 2019-2020")
    )
    chaired_by = forms.CharField(
        label=_("Chaired by"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One person per line, as printed."),
    )
    scope_note = forms.CharField(label=_("Scope"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=actor)
        for name in ("period_start", "period_end", "held_on"):
            self.fields[name].widget.attrs.setdefault("placeholder", "dd/mm/yyyy")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})"


class FigureForm(forms.Form):
    indicator = IndicatorChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), to_field_name="code", required=False
    )
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    qualifier = forms.ChoiceField(
        label=_("Qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT, required=False
    )
    value = NumberField(label=_("Value"), required=False)
    out_of = NumberField(label=_("Out of"), required=False)
    period_label = forms.CharField(label=_("Period of this figure"), max_length=60, required=False)
    source_excerpt = forms.CharField(
        label=_("Source excerpt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicators=None, breakdowns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None:
            self.fields["indicator"].queryset = indicators
        self.fields["breakdown"].choices = [("", _("Total (no breakdown)"))] + [
            (b.code, b.name) for b in (breakdowns or [])
        ]

    @property
    def is_blank(self) -> bool:
        if not self.is_bound:
            return True
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("indicator") and data.get("value") is None

    def clean(self):
        data = super().clean()
        if data.get("indicator") and data.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Enter the value."))
        if data.get("value") is not None and not data.get("indicator") and "indicator" not in self.errors:
            self.add_error("indicator", _("Choose the indicator."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "indicator": data["indicator"],
            "breakdown": data.get("breakdown") or "",
            "qualifier": data.get("qualifier") or Qualifier.EXACT,
            "value": data["value"],
            "out_of": data.get("out_of"),
            "period_label": data.get("period_label", ""),
            "source_excerpt": data.get("source_excerpt", ""),
            "note": data.get("note", ""),
        }


class TallyForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label=_("Issuing authority"), queryset=IssuingAuthority.objects.all(), to_field_name="code", required=False
    )
    form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.all(), to_field_name="code", required=False
    )
    recipient_kind = forms.ChoiceField(label=_("Recipients"), choices=AwardTally.RecipientKind.choices)
    qualifier = forms.ChoiceField(
        label=_("Qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT, required=False
    )
    count = NumberField(label=_("Count"), required=False)
    source_excerpt = forms.CharField(
        label=_("Source excerpt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("issuer") and not data.get("form") and data.get("count") is None

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        for field in ("issuer", "form", "count"):
            if data.get(field) in (None, "") and field not in self.errors:
                self.add_error(field, _("This field is required."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "issuer": data["issuer"],
            "form": data["form"],
            "recipient_kind": data["recipient_kind"],
            "qualifier": data.get("qualifier") or Qualifier.EXACT,
            "count": data["count"],
            "source_excerpt": data.get("source_excerpt", ""),
            "note": data.get("note", ""),
        }


class BaseRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, form_kwargs=None, **kwargs):
        super().__init__(*args, form_kwargs=form_kwargs or {}, **kwargs)

    def rows(self):
        """(form, data) for every filled row not marked for deletion, in order."""
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.is_blank:
                continue
            rows.append((form, form.service_data()))
        return rows


FigureFormSet = forms.formset_factory(FigureForm, formset=BaseRowFormSet, extra=3, can_delete=True)
TallyFormSet = forms.formset_factory(TallyForm, formset=BaseRowFormSet, extra=2, can_delete=True)


class SourceDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    published_on = forms.DateField(label=_("Published on"), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    full_text = forms.CharField(
        label=_("Full text"), required=False, widget=forms.Textarea(attrs={"rows": 12}), strip=False
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConferenceFilterForm(AreaPickerFormMixin, forms.Form):
    """The GET form above the list (applied through reports.filters.ConferenceFilter)."""

    q = forms.CharField(label=_("Search"), required=False)
    area = AreaPickerField(label=_("Administrative unit"), required=False, help_text="")
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + Conference.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Conference.Status.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=None)
        self.fields["programme"].choices = [("", _("All"))] + [
            (p.code, f"{p.code} · {p}") for p in Programme.objects.order_by("-issued_on", "code")
        ]


def breakdown_rows():
    return list(Breakdown.objects.order_by("rank", "code"))
