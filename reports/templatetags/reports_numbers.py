"""Numbers of reported figures as pages print them: "hơn 10.000", "12,5", "113/128", "93,4 %"."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from reports.qualifiers import prefix

register = template.Library()


@register.filter
def vnum(value):
    """3071 → "3.071", Decimal("12.500") → "12,5" (in Vietnamese; the active language's format)."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def qualified(value, qualifier):
    """ "hơn 10.000" from 10000 and more_than."""
    word = prefix(qualifier, get_language() or "vi")
    text = vnum(value)
    return f"{word} {text}" if word else text


@register.simple_tag
def figure_text(figure) -> str:
    """ "hơn 10.000" or "113/128" for an IndicatorValue."""
    text = qualified(figure.value, figure.qualifier)
    if figure.out_of is not None:
        text += f"/{vnum(figure.out_of)}"
    return text


@register.filter
def percent_of(value, out_of):
    """113 of 128 → "88,3 %"."""
    if value is None or not out_of:
        return ""
    share = (Decimal(value) * 100 / Decimal(out_of)).quantize(Decimal("0.1"))
    return f"{number_format(share, decimal_pos=1, use_l10n=True)} %"
