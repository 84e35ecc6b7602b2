"""One date input everywhere: a text box for dd/mm/yyyy (no browser picker, which shows mm/dd/yyyy in some
locales). Parsed with the language's DATE_INPUT_FORMATS (config/formats: dd/mm/yyyy first in both)."""

from django import forms


class DayInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "maxlength": "10",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
            "autocomplete": "off",
            "class": "day-input",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
