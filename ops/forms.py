from django import forms
from django.utils.translation import gettext_lazy as _

from movement.models import AuditEvent
from workday.widgets import DayInput


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the 6-digit code shown by your authenticator app."))
        return token


class AuditFilterForm(forms.Form):
    """The filters of the audit-trail page (GET). Never the security boundary: the selector scopes."""

    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All"))] + list(AuditEvent.Action.choices)
    )
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    occurred_from = forms.DateField(label=_("From"), required=False, widget=DayInput())
    occurred_to = forms.DateField(label=_("To"), required=False, widget=DayInput())

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        from workday.history import object_type_label

        self.fields["object_type"].choices = [("", _("All"))] + [(t, object_type_label(t)) for t in object_types]
