"""Forms of the extraction pages: step 1 (the text), step 2 (the draft conference and one row per proposal).

The pending state lives in the page itself: the text and the proposals travel in a signed, compressed token
(hidden field), so nothing is saved before the person confirms and nothing they did not see can be slipped in.
"""

from decimal import Decimal

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from extraction.files import read_text_file
from extraction.services import MAX_TEXT_CHARS
from movement.access import Capability
from movement.errors import ApplicationError
from movement.forms import AreaPickerField, AreaPickerFormMixin
from reports.forms import NumberField
from reports.models import AwardForm, AwardTally, Breakdown, Conference, Indicator, IssuingAuthority, Programme
from reports.qualifiers import Qualifier

TOKEN_SALT = "extraction.review"  # noqa: S105 - a namespace for signing, not a secret
TOKEN_MAX_AGE = 24 * 3600


def sign_pending(payload: dict) -> str:
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def read_pending(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None


class TextForm(forms.Form):
    """Step 1: the report as text, or as a .txt / .docx file."""

    text = forms.CharField(
        label=_("Text of the report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Paste the report or the article as it was published."),
    )
    file = forms.FileField(
        label=_("Or upload the file"),
        required=False,
        help_text=_("A .txt (UTF-8) or Word .docx file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain"}),
    )
    reference_date = forms.DateField(
        label=_("Received on"),
        required=False,
        help_text=_("Optional. Years the text leaves out are inferred no later than this day."),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        data["file_name"] = ""
        if upload:
            try:
                text = read_text_file(upload.read(), upload.name)
            except ApplicationError as error:
                self.add_error("file", str(error))
                return data
            data["file_name"] = upload.name
        if not text.strip():
            raise forms.ValidationError(_("Paste the text of the report, or upload it as a .txt or .docx file."))
        if len(text) > MAX_TEXT_CHARS:
            self.add_error(
                "text" if not upload else "file",
                _("The text is too long: at most %(limit)s characters.")
                % {"limit": f"{MAX_TEXT_CHARS:,}".replace(",", ".")},
            )
        data["text"] = text
        return data


class ReviewForm(AreaPickerFormMixin, forms.Form):
    """Step 2: the draft conference, prefilled from what the text says (the area with the searchable picker)."""

    token = forms.CharField(widget=forms.HiddenInput)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), to_field_name="code", empty_label="—"
    )
    kind = forms.ChoiceField(label=_("Kind of conference"), choices=[("", "—"), *Conference.Kind.choices])
    title = forms.CharField(label=_("Title"), max_length=300)
    area = AreaPickerField(
        label=_("Administrative unit"),
        capability=Capability.CONFERENCES_EDIT,
        date_fields=("held_on", "period_end"),
        help_text=_("The area whose results the conference reviewed, as it was at the time (either generation)."),
    )
    organiser = forms.CharField(label=_("Organiser"), max_length=300, required=False)
    held_on = forms.DateField(
        label=_("Held on"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    is_date_from_publication = forms.BooleanField(
        label=_("The date is the publication date (the report does not give the conference date)"), required=False
    )
    period_start = forms.DateField(
        label=_("Period start"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    period_end = forms.DateField(
        label=_("Period end"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    period_label = forms.CharField(label=_("Period label"), max_length=60, required=False)
    source_title = forms.CharField(
        label=_("Title of the source document"), max_length=400, required=False, help_text=_("Defaults to the title.")
    )
    source_published_on = forms.DateField(
        label=_("Source published on"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area_pickers(actor=actor)

    def clean_kind(self):
        kind = self.cleaned_data.get("kind")
        if not kind:
            raise forms.ValidationError(_("Choose the kind of conference."))
        return kind


DECISIONS = [
    ("accept", pgettext_lazy("decision on a proposed figure", "Accept")),
    ("correct", pgettext_lazy("decision on a proposed figure", "Correct")),
    ("reject", pgettext_lazy("decision on a proposed figure", "Reject")),
]


class _RowForm(forms.Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=pgettext_lazy("on a proposed figure", "Decision"), choices=DECISIONS, widget=forms.RadioSelect
    )
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT)


class FigureRowForm(_RowForm):
    field_order = ["proposal", "decision", "indicator", "breakdown", "qualifier", "value", "out_of", "period_label"]
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)
    value = NumberField(label=_("Value"), required=False)
    out_of = NumberField(label=_("Out of"), required=False)
    period_label = forms.CharField(label=_("Period of this figure"), max_length=60, required=False)

    def __init__(self, *args, indicators=(), breakdowns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *[(i.code, i.name) for i in indicators]]
        self.fields["breakdown"].choices = [("", _("Total (no breakdown)")), *[(b.code, b.name) for b in breakdowns]]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "correct":
            if not data.get("indicator"):
                self.add_error("indicator", _("Choose the indicator."))
            if data.get("value") is None and "value" not in self.errors:
                self.add_error("value", _("Enter the value."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "indicator": data.get("indicator") or None,
            "breakdown": data.get("breakdown") or None,
            "value": data.get("value"),
            "out_of": data.get("out_of"),
            "qualifier": data.get("qualifier") or Qualifier.EXACT,
            "period_label": data.get("period_label") or "",
        }


class TallyRowForm(_RowForm):
    field_order = ["proposal", "decision", "issuer", "form", "recipient_kind", "qualifier", "count"]
    issuer = forms.ChoiceField(label=_("Issuing authority"), required=False)
    form = forms.ChoiceField(label=_("Award form"), required=False)
    recipient_kind = forms.ChoiceField(label=_("Recipients"), choices=AwardTally.RecipientKind.choices)
    count = forms.IntegerField(label=_("Count"), min_value=0, required=False)

    def __init__(self, *args, issuers=(), award_forms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", "—"), *[(i.code, i.name) for i in issuers]]
        self.fields["form"].choices = [("", "—"), *[(f.code, f.name) for f in award_forms]]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "correct":
            for field, message in (
                ("issuer", _("Choose the issuing authority.")),
                ("form", _("Choose the award form.")),
            ):
                if not data.get(field):
                    self.add_error(field, message)
            if data.get("count") is None and "count" not in self.errors:
                self.add_error("count", _("Enter the count."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "issuer": data.get("issuer") or None,
            "form": data.get("form") or None,
            "recipient_kind": data.get("recipient_kind"),
            "count": data.get("count"),
            "qualifier": data.get("qualifier") or Qualifier.EXACT,
        }


FigureFormSet = forms.formset_factory(FigureRowForm, extra=0, max_num=2000, validate_max=True)
TallyFormSet = forms.formset_factory(TallyRowForm, extra=0, max_num=500, validate_max=True)


def catalogue_choices() -> dict:
    """Indicator, breakdown, issuer and award-form rows for the row forms (four queries)."""
    return {
        "indicators": list(Indicator.objects.filter(is_active=True).order_by("rank", "code")),
        "breakdowns": list(Breakdown.objects.order_by("rank", "code")),
        "issuers": list(IssuingAuthority.objects.order_by("level", "code")),
        "award_forms": list(AwardForm.objects.order_by("rank", "code")),
    }


def decimal_or_none(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))
