"""The one area picker of every staff form: a text box where one types a few letters without diacritics or an
official code, and the administrative unit chosen from the matches (never an internal id).

With JavaScript (static/js/area-picker.js) the matches come from the admin-units API as one types. Without
it, the form is a search-then-choose step: submitting the typed text lists the matches as radio buttons
next to the field ("Choose the administrative unit from the matches below"), and the next submit takes the
chosen one. The field checks scope and, when the form names its date fields, that the unit existed on the
record's date.

Use it in any form:

    class MyForm(AreaPickerFormMixin, forms.Form):
        held_on = forms.DateField(required=False)
        area = AreaPickerField(label=_("Administrative unit"), capability=Capability.CONFERENCES_EDIT,
                               date_fields=("held_on",))

        def __init__(self, *args, actor, **kwargs):
            super().__init__(*args, **kwargs)
            self.setup_area_pickers(actor=actor)

`cleaned_data["area"]` is then an AdministrativeUnit; an initial value may be a unit or its key
("2025:16174")."""

import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from movement import areas
from movement.access import Capability
from movement.models import AdministrativeUnit, Unit
from movement.text import fold


def _agrees(unit: AdministrativeUnit, text: str) -> bool:
    """Whether the text in the box still names the chosen unit (its label, a search it matches, its code);
    otherwise the person typed something else since, which is a new search."""
    text = (text or "").strip()
    if not text or text in (unit.code, areas.area_key(unit)):
        return True
    folded = fold(text)
    return folded == fold(areas.area_label(unit)) or folded in (unit.search_name or fold(unit.name))


def _match(unit: AdministrativeUnit) -> dict:
    return {"key": areas.area_key(unit), "label": areas.area_label(unit), "detail": areas.area_detail(unit)}


class AreaPickerWidget(forms.Widget):
    template_name = "movement/widgets/area_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.matches: list[AdministrativeUnit] = []
        self.capability = ""
        self.levels: tuple[str, ...] = ()
        self.date_ids: list[str] = []

    def value_from_datadict(self, data, files, name):
        keys = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        keys = [str(key) for key in keys if key not in (None, "")]
        return {"key": keys[-1] if keys else "", "q": str(data.get(f"{name}_q", "") or "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        unit, key, text = None, "", ""
        if isinstance(value, AdministrativeUnit):
            unit = value
        elif isinstance(value, dict):
            key, text = value.get("key", ""), value.get("q", "")
            unit = areas.lookup(key) if key else None
            if unit is not None and not _agrees(unit, text):
                unit = None  # the person typed something else since: a new search
        elif isinstance(value, str) and value:
            unit = areas.lookup(value)
        if unit is not None:
            key, text = areas.area_key(unit), areas.area_label(unit)
        widget = context["widget"]
        widget.update(
            {
                "key": key,
                "text": text,
                "chosen_detail": areas.area_detail(unit) if unit is not None else "",
                "matches": [_match(m) for m in self.matches],
                "search_url": reverse("admin-unit-list"),
                "capability": self.capability,
                "levels": ",".join(self.levels),
                "date_ids": " ".join(self.date_ids),
            }
        )
        return context


class AreaPickerField(forms.Field):
    widget = AreaPickerWidget
    default_error_messages = {
        "choose": _("Choose the administrative unit from the matches below."),
        "none": _("No administrative unit in your areas matches “%(text)s”."),
        "out_of_scope": _("%(area)s is not one of your areas."),
        "level": _("%(area)s is not of a level this form accepts."),
        "unknown": _("Unknown administrative unit: %(text)s."),
    }

    def __init__(self, *, capability: Capability | None = None, levels=(), date_fields=(), **kwargs):
        kwargs.setdefault(
            "help_text",
            _("Type a few letters (no diacritics needed) or the official code, then choose from the matches."),
        )
        super().__init__(**kwargs)
        self.capability = capability
        self.levels = tuple(levels)
        self.date_fields = tuple(date_fields)
        self.actor = None
        self.day: datetime.date | None = None
        self.widget.capability = str(capability or "")
        self.widget.levels = self.levels

    def configure(self, *, actor, day: datetime.date | None = None) -> None:
        self.actor, self.day = actor, day

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return AdministrativeUnit.objects.select_related("parent", "current_province").filter(pk=value).first()
        return value

    def candidates(self, *, dated: bool = True):
        """The units this field accepts (scope, levels and, when dated, the record's date)."""
        return self._candidates(dated=dated)

    def _candidates(self, *, dated: bool = True):
        queryset = areas.areas_for(
            actor=self.actor, capability=self.capability, day=self.day if dated else None
        ).order_by()
        if self.levels:
            queryset = queryset.filter(level__in=self.levels)
        return queryset

    def _explain(self, text: str):
        """Why a key or code typed is refused: it did not exist on the date, is out of scope, or is unknown."""
        undated = areas.resolve(self._candidates(dated=False), text)
        if undated is not None and self.day and not areas.existed_on(undated, self.day):
            raise forms.ValidationError(areas.not_existing_message(undated, self.day), code="not_existing")
        unit = areas.lookup(text)
        if unit is not None:
            if self.levels and unit.level not in self.levels:
                raise forms.ValidationError(self.error_messages["level"], code="level", params={"area": unit.name})
            raise forms.ValidationError(
                self.error_messages["out_of_scope"], code="out_of_scope", params={"area": unit.name}
            )

    def to_python(self, value):
        if isinstance(value, AdministrativeUnit) or value in (None, ""):
            return value or None
        if not isinstance(value, dict):
            value = {"key": str(value), "q": ""}
        key, text = value.get("key", "").strip(), value.get("q", "").strip()[: areas.QUERY_MAX_LENGTH]
        self.widget.matches = []
        candidates = self._candidates()
        if key:
            unit = areas.resolve(candidates, key)
            if unit is not None and _agrees(unit, text):
                return unit
            if unit is None and (not text or text == key):
                self._explain(key)
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"text": key})
        if not text:
            return None
        unit = areas.resolve(candidates, text)
        if unit is not None:
            return unit
        if areas.CODE_RE.match(text) or areas.KEY_RE.match(text):
            self._explain(text)
        matches = areas.area_search(candidates, text)
        if not matches:
            raise forms.ValidationError(self.error_messages["none"], code="none", params={"text": text})
        self.widget.matches = matches
        raise forms.ValidationError(self.error_messages["choose"], code="choose")

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class AreaPickerFormMixin:
    """Gives every AreaPickerField of the form the actor and the record's date (the first of the field's
    `date_fields` that parses), before the fields are cleaned."""

    def setup_area_pickers(self, *, actor) -> None:
        for name, field in self.fields.items():
            if not isinstance(field, AreaPickerField):
                continue
            field.configure(actor=actor, day=self._picker_day(field))
            field.widget.date_ids = [self[date].auto_id for date in field.date_fields if date in self.fields]
            if self.is_bound:
                continue
            initial = self.initial.get(name, field.initial)
            if isinstance(initial, int) and not isinstance(initial, bool):
                self.initial[name] = field.prepare_value(initial)

    def _picker_day(self, field) -> datetime.date | None:
        if not self.is_bound:
            for date in field.date_fields:
                value = self.initial.get(date)
                if isinstance(value, datetime.date):
                    return value
            return None
        for date in field.date_fields:
            date_field = self.fields.get(date)
            if date_field is None:
                continue
            raw = date_field.widget.value_from_datadict(self.data, self.files, self.add_prefix(date))
            try:
                value = date_field.clean(raw)
            except forms.ValidationError:
                continue
            if isinstance(value, datetime.datetime):
                value = value.date()
            if isinstance(value, datetime.date):
                return value
        return None


# --- the unit registry -------------------------------------------------------------------------------------


class UnitForm(AreaPickerFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Unit.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    area = AreaPickerField(
        label=_("Administrative unit"),
        capability=Capability.UNITS_EDIT,
        help_text=_("Where the unit is: type a few letters (no diacritics needed) or the official code, then choose."),
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    tax_code = forms.CharField(label=_("Tax code"), max_length=20, required=False)
    school_level = forms.ChoiceField(
        label=_("School level"), choices=[("", "—"), *Unit.SchoolLevel.choices], required=False
    )
    enterprise_size = forms.ChoiceField(
        label=_("Enterprise size class"), choices=[("", "—"), *Unit.EnterpriseSize.choices], required=False
    )
    security_force = forms.ChoiceField(label=_("Security force"), choices=Unit.SecurityForce.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=actor)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class UnitFilterForm(AreaPickerFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *Unit.Kind.choices], required=False)
    area = AreaPickerField(label=_("Administrative unit"), required=False, help_text="")
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("Active")), ("inactive", _("Deactivated")), ("all", _("All"))],
        required=False,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=actor)
        self.fields["area"].capability = Capability.READ_UNPUBLISHED
        self.fields["area"].widget.capability = str(Capability.READ_UNPUBLISHED)


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Unit list (CSV or XLSX)"),
        help_text=_(
            "Columns: kind, name, area (2025:16174 or the official code), address, tax code, school level, "
            "enterprise size, security force — Vietnamese headers work too (loại, tên, địa bàn, địa chỉ …)."
        ),
    )
