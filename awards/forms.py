"""Forms of the staff pages. They parse input only; the services decide (and their errors are placed next
to the fields with `apply_errors`)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import (
    AwardDecision,
    CriteriaSet,
    MovementRating,
    RecipientKind,
    SafetyCertification,
    SubjectKind,
)
from awards.selectors import unit_choices
from movement.access import Capability, area_scope_q, areas_with_capability
from movement.forms import AreaPickerField, AreaPickerFormMixin
from movement.models import AdministrativeUnit, Unit
from movement.text import fold
from reports.models import AwardForm, Conference, IssuingAuthority, Programme
from workday.widgets import DayInput

SELECT_LIMIT = 1500


def apply_errors(form, field_errors: dict | None, message=None) -> None:
    """Put a service's field errors next to the form's fields (the rest at the top of the form)."""
    placed = False
    for name, errors in (field_errors or {}).items():
        if name in form.fields and isinstance(errors, list | tuple):
            for error in errors:
                form.add_error(name, str(error))
            placed = True
    if not placed and message:
        form.add_error(None, str(message))


def apply_validation_error(form, error) -> None:
    """A model ValidationError from full_clean()."""
    if hasattr(error, "message_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        indent = {"province": "", "district": "— ", "commune": "— — "}.get(obj.level, "")
        generation = _("before 7/2025") if obj.generation == AdministrativeUnit.Generation.LEGACY else _("from 7/2025")
        return f"{indent}{obj.name} ({generation})"


class UnitChoiceField(forms.ModelChoiceField):
    """A select of units; when there are too many to list, a text box that takes the unit's name (no
    diacritics needed) or its tax code — never the record's internal id."""

    by_text = False

    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.area.name}"

    def prepare_value(self, value):
        if not self.by_text:
            return super().prepare_value(value)
        if isinstance(value, Unit):
            return value.name
        if isinstance(value, int) and not isinstance(value, bool):
            unit = self.queryset.filter(pk=value).first()
            return unit.name if unit else ""
        return value

    def to_python(self, value):
        if not self.by_text:
            return super().to_python(value)
        text = str(value or "").strip()[:255]
        if not text:
            return None
        folded = fold(text)
        found = (
            list(self.queryset.filter(tax_code=text)[:2])
            or list(self.queryset.filter(search_name=folded)[:2])
            or list(self.queryset.filter(search_name__contains=folded)[:11])
        )
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(_("No unit of your areas is called “%(text)s”."), params={"text": text})
        names = "; ".join(f"{u.name} ({u.area.name})" for u in found[:10])
        raise forms.ValidationError(
            _("Several units match “%(text)s”: %(names)s. Type the full name or the tax code."),
            params={"text": text, "names": names},
        )


def _limit(field, queryset, help_text=None):
    """A select when the units are few; a text box for the unit's name or tax code when there are too many."""
    field.queryset = queryset
    if queryset.count() > SELECT_LIMIT:
        field.by_text = True
        field.widget = forms.TextInput(attrs={"maxlength": "255", "autocomplete": "off"})
        field.help_text = _("Too many units to list: type the unit's name (no diacritics needed) or its tax code.")


def _date_widgets(form, *names):
    for name in names:
        form.fields[name].widget = DayInput()  # dd/mm/yyyy typed, as everywhere


# --- certifications --------------------------------------------------------------------------------------


class CertificationQueueFilterForm(AreaPickerFormMixin, forms.Form):
    area = AreaPickerField(
        label=_("Administrative unit"),
        capability=Capability.READ_UNPUBLISHED,
        required=False,
        help_text=_("And everything below it. Type a few letters or the official code, then choose."),
    )
    subject_kind = forms.ChoiceField(label=_("Subject kind"), required=False, choices=[("", _("All"))])
    period = forms.CharField(
        label=_("Assessment period"), required=False, max_length=20, help_text=_("2020 or 2019-2020")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))])

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=actor)
        self.fields["subject_kind"].choices += list(SubjectKind.choices)
        self.fields["status"].choices += list(SafetyCertification.Status.choices)


class CertificationRegisterForm(AreaPickerFormMixin, forms.Form):
    unit = UnitChoiceField(label=pgettext_lazy("subject", "Unit"), queryset=Unit.objects.none(), required=False)
    commune = AreaPickerField(
        label=_("or a commune"),
        capability=Capability.CERTIFICATIONS_EDIT,
        levels=(AdministrativeUnit.Level.COMMUNE,),
        required=False,
        help_text=_(
            "For the certification of a commune, ward or township itself: type a few letters or the official "
            "code, then choose."
        ),
    )
    period = forms.CharField(
        label=_("Assessment period"),
        max_length=20,
        help_text=_("A year (2020), or a school year for schools (2019-2020)."),
    )
    criteria_set = forms.ModelChoiceField(
        label=_("Criteria set"),
        queryset=CriteriaSet.objects.all(),
        required=False,
        empty_label=_("The one in force at the start of the period"),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        scope = areas_with_capability(actor=actor, capability=Capability.CERTIFICATIONS_EDIT)
        _limit(
            self.fields["unit"],
            Unit.objects.filter(area__in=scope, is_active=True).select_related("area").order_by("name"),
        )
        self.setup_area_pickers(actor=actor)

    def clean(self):
        data = super().clean()
        if "commune" not in self.errors and bool(data.get("unit")) == bool(data.get("commune")):
            raise forms.ValidationError(_("Give either a unit or a commune, not both."))
        return data


class CriterionResultForm(forms.Form):
    is_met = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("", _("Not assessed yet")), ("yes", _("Met")), ("no", _("Not met"))],
        required=False,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )
    evidence_note = forms.CharField(label=_("Evidence note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RecognitionDecisionForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("e.g. 15/QĐ-UBND"))
    signed_on = forms.DateField(label=_("Signed on"))
    issuer = forms.CharField(
        label=_("Issuer"), max_length=255, help_text=_("As printed, e.g. Chủ tịch UBND xã Vạn Ninh")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_widgets(self, "signed_on")


# --- award decisions ------------------------------------------------------------------------------------


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.valid_until:
            return f"{obj.name} ({_('until')} {obj.valid_until:%d/%m/%Y})"
        return obj.name


class AwardDecisionForm(AreaPickerFormMixin, forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("e.g. 1234/QĐ-UBND"))
    signed_on = forms.DateField(label=_("Signed on"))
    issuing_authority = AuthorityChoiceField(label=_("Issuing authority"), queryset=IssuingAuthority.objects.all())
    signer_name = forms.CharField(label=_("Signer (as printed)"), max_length=255, required=False)
    signer_title = forms.CharField(label=_("Signer's title (as printed)"), max_length=255, required=False)
    form = forms.ModelChoiceField(label=_("Form of award"), queryset=AwardForm.objects.all())
    achievement = forms.CharField(label=_("Achievement (as printed)"), widget=forms.Textarea(attrs={"rows": 3}))
    area = AreaPickerField(
        label=_("Administrative unit"),
        capability=Capability.AWARDS_DRAFT,
        date_fields=("signed_on",),
        help_text=_(
            "The issuer's area as it was on the date signed (for a central issuer, the area it commends): type a "
            "few letters or the official code, then choose."
        ),
    )
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), required=False)
    conference = forms.ModelChoiceField(label=_("Conference"), queryset=Conference.objects.none(), required=False)
    period_from = forms.IntegerField(label=_("Period from (year)"), min_value=1945, max_value=2100, required=False)
    period_to = forms.IntegerField(label=_("Period to (year)"), min_value=1945, max_value=2100, required=False)
    source = forms.CharField(label=_("Source document"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        _date_widgets(self, "signed_on")
        self.setup_area_pickers(actor=actor)
        scope = area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
        visible = scope | Q(status=Conference.Status.PUBLISHED) if scope else Q()  # Q(): everywhere
        self.fields["conference"].queryset = Conference.objects.filter(visible).order_by("-held_on", "title")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in ("signer_name", "signer_title", "source"):
            data[name] = data.get(name) or ""
        return data


class RecipientForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RecipientKind.choices)
    name_as_printed = forms.CharField(label=_("Name as printed"), max_length=255)
    title_as_printed = forms.CharField(label=_("Title as printed"), max_length=255, required=False)
    unit = UnitChoiceField(label=_("Linked unit"), queryset=Unit.objects.none(), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=1, required=False, help_text=_("Next number when empty"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(
            self.fields["unit"],
            unit_choices(actor=actor).order_by("name"),
        )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Recipient list (CSV or XLSX)"),
        help_text=_("Columns: name, kind (tập thể / cá nhân), title, unit (the unit's number or its exact name)."),
    )


class AwardDecisionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *AwardDecision.Status.choices]
    )
    year = forms.IntegerField(label=_("Year signed"), required=False, min_value=1945, max_value=2100)
    form = forms.ModelChoiceField(
        label=_("Form of award"),
        queryset=AwardForm.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("All"),
    )
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Number, achievement or recipient name"))


# --- ratings ----------------------------------------------------------------------------------------------


class RatingForm(AreaPickerFormMixin, forms.Form):
    unit = UnitChoiceField(label=pgettext_lazy("subject", "Unit"), queryset=Unit.objects.none(), required=False)
    commune = AreaPickerField(
        label=_("or a commune"),
        capability=Capability.RATINGS_SELF_SCORE,
        levels=(AdministrativeUnit.Level.COMMUNE,),
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    self_score = forms.DecimalField(label=_("Self-score"), max_digits=6, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        scope = areas_with_capability(actor=actor, capability=Capability.RATINGS_SELF_SCORE)
        _limit(
            self.fields["unit"],
            Unit.objects.filter(area__in=scope, is_active=True).select_related("area").order_by("name"),
        )
        self.setup_area_pickers(actor=actor)

    def clean(self):
        data = super().clean()
        if "commune" not in self.errors and bool(data.get("unit")) == bool(data.get("commune")):
            raise forms.ValidationError(_("Give either a unit or a commune, not both."))
        return data


class RatingApproveForm(forms.Form):
    score = forms.DecimalField(
        label=_("Approved score"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("The self-score when empty"),
    )
    note = forms.CharField(label=_("Note"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RatingFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *MovementRating.Status.choices]
    )
