"""Data entry of a whole report at once: values typed as printed ("3.071", "hơn 1.200", "95/102", "12,5",
"1,2 triệu"), every row checked before anything is saved (all errors at once, row by row), then the figures
and the award tallies saved together, all or nothing, under the report's version.

Numbers are read by the extraction engine's parser (extraction/engine/numbers.py, database-free), so a value
typed here reads exactly as the same text in a report would."""

import re
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from extraction.engine import numbers as engine
from movement.errors import ApplicationError
from movement.text import fold
from reports import services
from reports.models import Conference, Indicator
from reports.qualifiers import Qualifier

MAX_ROWS = 400  # figure rows or tally rows in one save (the catalogue has a few dozen indicators)
MAX_CELL = 60

_QUALIFIER_WORDS = sorted(
    ((tuple(fold(" ".join(words)).split()), value) for words, value in engine.QUALIFIERS.items()),
    key=lambda item: -len(item[0]),
)
_SPACED_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


class TypedValue:
    __slots__ = ("qualifier", "value", "out_of")

    def __init__(self, qualifier: str | None, value: Decimal, out_of: Decimal | None = None):
        self.qualifier, self.value, self.out_of = qualifier, value, out_of


def _number(text: str) -> Decimal:
    text = text.strip()
    negative = text[:1] in ("-", "−", "–")
    if negative:
        text = text[1:].strip()
    words = text.split()
    multiplier = 1
    if len(words) == 2 and words[1].lower() in engine.MULTIPLIERS:
        text, multiplier = words[0], engine.MULTIPLIERS[words[1].lower()]
    value = engine.parse_number(_SPACED_GROUPS.sub("", text))
    if value is None:
        raise ValueError(_("Enter a number as printed, e.g. 3.071, 12,5, hơn 1.200 or 95/102."))
    value *= multiplier
    return -value if negative else value


def parse_typed(text: str) -> TypedValue | None:
    """ "hơn 1.200" → (more_than, 1200); "95/102" → (None, 95, 102); "" → None. ValueError with a readable
    message when it is not a number."""
    text = " ".join((text or "").replace("\u00a0", " ").split())[:MAX_CELL]
    if not text:
        return None
    qualifier = None
    words = fold(text).split()
    for phrase, value in _QUALIFIER_WORDS:
        if tuple(words[: len(phrase)]) == phrase and len(words) > len(phrase):
            qualifier = value
            text = " ".join(text.split()[len(phrase) :])
            break
    if "/" in text:
        left, _sep, right = text.partition("/")
        return TypedValue(qualifier, _number(left), _number(right))
    return TypedValue(qualifier, _number(text))


def display_number(value) -> str:
    """3071 → "3.071", 12.5 → "12,5", 1350.700 → "1.350,7" (as Vietnamese reports print them)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    fraction = value - whole
    text = f"{whole:,}".replace(",", ".")
    if fraction:
        text += "," + format(fraction.normalize(), "f").split(".")[1]
    return sign + text


# ---------------------------------------------------------------------------------------------------------------
# Rows as typed → rows for the services, with every row's errors


def figure_row(raw: dict) -> tuple[dict | None, dict]:
    """One grid row (strings as typed) → (service data or None when blank, {field: [errors]})."""
    errors: dict[str, list[str]] = {}
    indicator = (raw.get("indicator") or "").strip()
    value_text, out_of_text = raw.get("value") or "", raw.get("out_of") or ""
    if not value_text.strip() and not out_of_text.strip():
        return None, {}
    if not indicator:
        errors["indicator"] = [_("Choose the indicator.")]
    data = {
        "indicator": indicator,
        "breakdown": (raw.get("breakdown") or "").strip(),
        "qualifier": (raw.get("qualifier") or "").strip() or Qualifier.EXACT,
        "value": None,
        "out_of": None,
        "source_excerpt": (raw.get("source_excerpt") or "").strip(),
        "note": (raw.get("note") or "").strip(),
    }
    try:
        typed = parse_typed(value_text)
    except ValueError as error:
        errors["value"] = [str(error)]
        typed = None
    if typed is None and "value" not in errors:
        errors["value"] = [_("Enter the value.")]
    if typed is not None:
        data["value"] = typed.value
        data["out_of"] = typed.out_of
        if typed.qualifier:
            data["qualifier"] = typed.qualifier
    if out_of_text.strip():
        try:
            out_of = parse_typed(out_of_text)
            if out_of is not None:
                if data["out_of"] is not None and data["out_of"] != out_of.value:
                    errors["out_of"] = [_("The value already gives another “out of” figure.")]
                data["out_of"] = out_of.value
        except ValueError as error:
            errors["out_of"] = [str(error)]
    return data, errors


def tally_row(raw: dict) -> tuple[dict | None, dict]:
    errors: dict[str, list[str]] = {}
    count_text = raw.get("count") or ""
    issuer, form = (raw.get("issuer") or "").strip(), (raw.get("form") or "").strip()
    if not count_text.strip() and not issuer and not form:
        return None, {}
    data = {
        "issuer": issuer,
        "form": form,
        "recipient_kind": (raw.get("recipient_kind") or "").strip(),
        "qualifier": (raw.get("qualifier") or "").strip() or Qualifier.EXACT,
        "count": None,
        "source_excerpt": (raw.get("source_excerpt") or "").strip(),
        "note": (raw.get("note") or "").strip(),
    }
    for field, message in (("issuer", _("Choose the issuing authority.")), ("form", _("Choose the award form."))):
        if not data[field]:
            errors[field] = [message]
    if not data["recipient_kind"]:
        errors["recipient_kind"] = [_("Choose who received the awards.")]
    try:
        typed = parse_typed(count_text)
    except ValueError as error:
        errors["count"] = [str(error)]
        typed = None
    if typed is None and "count" not in errors:
        errors["count"] = [_("Enter the number of awards.")]
    elif typed is not None:
        if typed.out_of is not None:
            errors["count"] = [_("A number of awards has no “out of” figure.")]
        data["count"] = typed.value
        if typed.qualifier:
            data["qualifier"] = typed.qualifier
    return data, errors


def check_rows(*, conference: Conference, figures: list[dict], tallies: list[dict]) -> tuple[list, list]:
    """Every row's errors against the catalogue (indicator, breakdown, decimals, "out of", issuer and form,
    duplicates), without saving: the same checks the services make, for all rows at once."""
    catalogue = services._Catalogue()
    figure_errors: list[dict] = []
    seen: dict[tuple, int] = {}
    for index, data in enumerate(figures):
        errors: dict = {}
        try:
            figure = services._figure_from(conference=conference, data=data, catalogue=catalogue)
        except ApplicationError as error:
            errors = dict(error.field_errors or {"value": [str(error.message)]})
        else:
            key = (figure.indicator_id, figure.breakdown)
            if key in seen:
                errors["breakdown"] = [
                    _("Row %(row)s already gives this indicator and breakdown.") % {"row": seen[key] + 1}
                ]
            seen.setdefault(key, index)
        figure_errors.append(errors)
    tally_errors: list[dict] = []
    seen = {}
    for index, data in enumerate(tallies):
        errors = {}
        try:
            tally = services._tally_from(conference=conference, data=data, catalogue=catalogue)
        except ApplicationError as error:
            errors = dict(error.field_errors or {"count": [str(error.message)]})
        else:
            key = (tally.issuer_id, tally.form_id, tally.recipient_kind)
            if key in seen:
                errors["recipient_kind"] = [
                    _("Row %(row)s already gives this issuer, form and recipients.") % {"row": seen[key] + 1}
                ]
            seen.setdefault(key, index)
        tally_errors.append(errors)
    return figure_errors, tally_errors


@transaction.atomic
def conference_entry_save(
    *, actor, conference: Conference, figures: list[dict], tallies: list[dict], expected_version: int | None
) -> Conference:
    """Replace the report's figures and tallies with the rows given, all or nothing (one version check)."""
    if len(figures) > MAX_ROWS or len(tallies) > MAX_ROWS:
        raise ApplicationError(_("At most %(max)s rows at a time.") % {"max": MAX_ROWS})
    figure_errors, tally_errors = check_rows(conference=conference, figures=figures, tallies=tallies)
    if any(figure_errors) or any(tally_errors):
        count = sum(1 for e in figure_errors + tally_errors if e)
        raise ApplicationError(
            _("%(count)s rows have errors: nothing was saved.") % {"count": count},
            field_errors={"figures": figure_errors, "tallies": tally_errors},
        )
    services.conference_figures_replace(
        actor=actor, conference=conference, figures=figures, expected_version=expected_version
    )
    conference = Conference.objects.get(pk=conference.pk)
    services.conference_tallies_replace(
        actor=actor, conference=conference, tallies=tallies, expected_version=conference.version
    )
    return Conference.objects.get(pk=conference.pk)


def indicator_groups(indicators) -> list[tuple[str, list[Indicator]]]:
    """The catalogue's indicators by group, in the catalogue's order."""
    groups: dict[str, list] = {}
    labels = dict(Indicator.Group.choices)
    for indicator in indicators:
        groups.setdefault(indicator.group, []).append(indicator)
    order = [value for value, _label in Indicator.Group.choices]
    return [(labels[g], groups[g]) for g in sorted(groups, key=order.index)]


# ---------------------------------------------------------------------------------------------------------------
# Copy from the previous period's report


def previous_conference(*, actor, conference: Conference) -> Conference | None:
    """The same area's (or, for a 2025 area, the areas it took over) latest earlier report of the same
    programme that the actor may read: the one whose rows a new report starts from."""
    from movement.models import Succession
    from reports.selectors import conference_visibility_q

    areas = [conference.area_id]
    areas += list(
        Succession.objects.filter(successor_id=conference.area_id, is_default=True).values_list(
            "predecessor_id", flat=True
        )
    )
    queryset = Conference.objects.filter(programme_id=conference.programme_id, area_id__in=areas).exclude(
        pk=conference.pk
    )
    visible = conference_visibility_q(actor=actor)
    if visible is not None:
        queryset = queryset.filter(visible)
    start = conference.period_start or conference.held_on
    if start:
        queryset = queryset.filter(Q(period_end__lt=start) | Q(period_end__isnull=True, held_on__lt=start))
    elif conference.pk:
        queryset = queryset.filter(pk__lt=conference.pk)
    return queryset.order_by(F("period_end").desc(nulls_last=True), F("held_on").desc(nulls_last=True), "-id").first()


def copied_rows(previous: Conference, *, with_values: bool) -> tuple[list[dict], list[dict]]:
    """The previous report's indicators and breakdowns (and award tally kinds) as grid rows; its values only
    when asked."""
    figures = [
        {
            "indicator": f.indicator.code,
            "breakdown": f.breakdown,
            "qualifier": f.qualifier if with_values else Qualifier.EXACT,
            "value": display_number(f.value) if with_values else "",
            "out_of": display_number(f.out_of) if with_values else "",
            "source_excerpt": "",
            "note": "",
        }
        for f in previous.figures.select_related("indicator").order_by(
            "indicator__rank", "indicator__code", "breakdown"
        )
    ]
    tallies = [
        {
            "issuer": t.issuer.code,
            "form": t.form.code,
            "recipient_kind": t.recipient_kind,
            "qualifier": t.qualifier if with_values else Qualifier.EXACT,
            "count": display_number(t.count) if with_values else "",
            "source_excerpt": "",
            "note": "",
        }
        for t in previous.tallies.select_related("issuer", "form")
    ]
    return figures, tallies
