"""Summary selectors for the dashboards and the public pages: a programme's review (e.g. Directive 07,
2014-2019) and each year's results, for the whole country or one area, in two modes.

Rules (docs/decisions/0002-dashboard-summaries.md says why):

- **Published only.** Summaries read published conferences, whoever asks, so a number on a dashboard is
  the same for everyone and can be cached; `actor` is taken as every read does, for the record.
- **Periods.** A programme review for "2014-2019" takes the programme's conferences whose reporting period
  lies within 1 Jan 2014 - 31 Dec 2019; a year takes the conferences (any programme) whose period lies
  within that calendar year. A figure keeps its own period label (a school-year figure "2019-2020" of the
  2020 report counts for 2020, with its label shown).
- **Modes.** `as_recorded`: a figure stays with the unit it was reported for (the legacy province, or the
  district for a district's report, shown as "Huyện Thạnh Phú (Tỉnh Bến Tre)"). `current`: figures are
  rolled up into today's 34 provinces through `AdministrativeUnit.current_province`. For one area,
  `as_recorded` reads the area's own subtree; `current` reads today's province that holds the area,
  including the legacy units it took over.
- **No double counting.** Where a figure is covered by another one of the same programme, indicator and
  breakdown, whose conference's area contains this one's (an ancestor, or the same area) and whose period
  contains this one's (the same area: a longer period, or the same period reported later), only the
  covering figure counts. Award tallies are never merged: each conference's awards are distinct events.
- **Sums and qualifiers.** A total is the sum of its parts; its qualifier follows `reports.qualifiers.
  combine()` (any "hơn" part and no "gần"/"khoảng" part: "hơn N"; any "gần"/"khoảng" part: "khoảng N"),
  except that a total of a single figure keeps that figure's own word ("gần 30" stays "gần 30").
- **Ratios** are re-aggregated: sum of the values over sum of the "out of" figures, over the parts that
  have an "out of" figure; never an average of percentages.
- **Record-based counts** (from `reports.record_sources`, e.g. certifications recorded in `awards`) are
  shown beside reported ones, labelled "computed from records", never added to them.
- **Provenance.** Every number lists its sources (conference, date, public page, source documents, the
  excerpt of each figure), at most SOURCE_LIMIT per number (latest first), with the full count.
- **Queries.** A summary runs a fixed number of queries whatever the data size (aggregates grouped in the
  database, provenance capped per group with a window function), plus the record providers' own.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import ExtractYear, RowNumber, StrIndex, Substr
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from movement.models import AdministrativeUnit
from movement.text import fold
from reports import record_sources, rollups
from reports.models import AwardTally, Breakdown, Conference, IndicatorValue, Programme, SourceDocument
from reports.qualifiers import Qualifier, combine, prefix

SOURCE_LIMIT = 20  # sources listed per number (the count of all of them is given beside)
CONFERENCE_LIMIT = 100  # conferences listed under a summary ("and N more" beyond)
LATEST_LIMIT = 10  # latest published conferences on the home page


class Mode(StrEnum):
    AS_RECORDED = "as_recorded"
    CURRENT = "current"

    @property
    def label(self) -> str:
        return str(MODE_LABELS[self])


MODE_LABELS = {
    Mode.AS_RECORDED: gettext_lazy("As recorded"),
    Mode.CURRENT: gettext_lazy("Today's provinces"),
}


class Basis(StrEnum):
    REPORTED = "reported"
    COMPUTED = "computed"


BASIS_LABELS = {
    Basis.REPORTED: gettext_lazy("reported at conferences"),
    Basis.COMPUTED: gettext_lazy("computed from records"),
}

# Record-count metrics (reports.record_sources): names, and which ones are stocks (a count of what exists,
# repeated for every year: a multi-year total takes the latest year's, never the sum).
METRIC_LABELS = {
    "safety_registered": gettext_lazy("Registered for the “safe for security and order” standard"),
    "safety_certified": gettext_lazy("Certified “safe for security and order”"),
    "safety_eligible_units": gettext_lazy("Units the standard applies to"),
    "awards": gettext_lazy("Award recipients in issued decisions"),
}
STOCK_METRICS = {"safety_eligible_units"}


def parse_mode(value: str | None, default: Mode = Mode.CURRENT) -> Mode:
    """The mode named by a query parameter (ValueError when it names none)."""
    if value in (None, ""):
        return default
    return Mode(value)


# Numbers --------------------------------------------------------------------------------------------------------


def _separators(language: str | None = None) -> tuple[str, str]:
    """(decimal mark, thousands separator) of the language (the active one by default), read once each."""
    language = language or get_language() or "vi"
    found = _SEPARATORS.get(language)
    if found is None:
        found = _SEPARATORS[language] = (
            str(formats.get_format("DECIMAL_SEPARATOR", use_l10n=True)),
            str(formats.get_format("THOUSAND_SEPARATOR", use_l10n=True)),
        )
    return found


_SEPARATORS: dict[str, tuple[str, str]] = {}


def format_number(value, *, decimals: int | None = None, language: str | None = None) -> str:
    """A number in the active language's format: 23.000 and 12,5 in Vietnamese (no needless decimals).

    The same output as django.utils.formats.number_format(…, force_grouping=True), without its per-call
    settings look-ups (a national summary formats tens of thousands of numbers)."""
    if value is None:
        return ""
    value = Decimal(value)
    if decimals is None:
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    decimal_mark, thousands = _separators(language)
    text = f"{abs(value):.{decimals}f}"
    whole, _dot, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sign = "-" if value < 0 and any(ch not in "0." for ch in text) else ""
    return sign + thousands.join(groups) + (decimal_mark + fraction if fraction else "")


def qualified(value, qualifier: str | None, language: str | None = None) -> str:
    """ "hơn 23.000", "khoảng 30", "3.071" (in `language`, the active one by default)."""
    language = language or get_language() or "vi"
    word = prefix(qualifier or Qualifier.EXACT, language)
    number = format_number(value, language=language)
    return f"{word} {number}" if word else number


def percent_of(value, out_of) -> Decimal | None:
    if value is None or not out_of:
        return None
    return (Decimal(value) * 100 / Decimal(out_of)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_percent(percent: Decimal | None) -> str:
    """93,4 % (one decimal, the language's decimal mark, a space before the sign)."""
    return "" if percent is None else f"{format_number(percent, decimals=1)} %"


def sum_qualifier(counts: Counter) -> str:
    """The qualifier of a total whose parts carry these qualifiers (a Counter: qualifier → parts).

    Several parts: DESIGN §9 (`reports.qualifiers.combine`). A single part keeps its own word, so "gần 30"
    reported once stays "gần 30"; "gần 30" + "20" reads "khoảng 50"."""
    parts = [q for q, n in counts.items() if n]
    if sum(counts.values()) == 1:
        return Qualifier(parts[0] or Qualifier.EXACT).value
    return Qualifier(combine(parts)).value


# Results --------------------------------------------------------------------------------------------------------


@dataclass
class DocumentRef:
    title: str
    publisher: str = ""
    author: str = ""
    published_on: datetime.date | None = None
    url: str = ""
    page_url: str = ""  # the document's text on the public conference page


@dataclass
class SourceRef:
    """One reported figure behind a number: where it was reported, and how it was printed."""

    conference_id: int
    excerpt: str = ""
    period_label: str = ""
    value: Decimal | None = None  # this part as reported (shown by value_display)
    qualifier: str = Qualifier.EXACT
    out_of: Decimal | None = None
    title: str = ""
    area_name: str = ""
    held_on: datetime.date | None = None
    is_date_from_publication: bool = False
    url: str = ""
    documents: list[DocumentRef] = field(default_factory=list)
    sort_key: tuple = ()

    language: str = ""

    @cached_property
    def value_display(self) -> str:
        """This part as reported: "hơn 10.000", "113/128"."""
        if self.value is None:
            return ""
        text = qualified(self.value, self.qualifier, self.language)
        return f"{text}/{format_number(self.out_of, language=self.language)}" if self.out_of is not None else text


@dataclass
class Amount:
    """A number on a dashboard: value, qualifier, the x/y ratio where there is one, and its sources."""

    value: Decimal
    qualifier: str = Qualifier.EXACT
    parts: int = 1
    ratio_value: Decimal | None = None
    out_of: Decimal | None = None
    ratio_qualifier: str | None = None
    basis: str = Basis.REPORTED
    sources: list[SourceRef] = field(default_factory=list)
    source_count: int = 0  # reported parts (figures or tallies) behind the number
    unlisted_parts: int = 0  # parts whose sources are not listed (beyond SOURCE_LIMIT)
    language: str = ""  # of the texts (the active language when built)
    reports: int = 0  # how many conference reports the number comes from
    places: int = 0  # from how many provinces (national summaries; 0 elsewhere)
    places_legacy: bool = False  # provinces as recorded (before 2025) rather than today's
    sources_query: dict = field(default_factory=dict)  # the sources endpoint's parameters for this number

    @property
    def sources_url(self) -> str:
        """The paged list of the reports and excerpts behind this number (API)."""
        return reverse("summary-sources") + "?" + urlencode(self.sources_query) if self.sources_query else ""

    @property
    def sources_page_url(self) -> str:
        """The same as a public page (a plain link: works without JavaScript)."""
        return reverse("public-sources") + "?" + urlencode(self.sources_query) if self.sources_query else ""

    @property
    def coverage_display(self) -> str:
        """What the number is made of: "từ 3 báo cáo của 3 tỉnh (cũ)"."""
        if self.basis != Basis.REPORTED or not self.reports:
            return ""
        reports = ngettext("from %(count)s report", "from %(count)s reports", self.reports) % {
            "count": format_number(self.reports, language=self.language)
        }
        if not self.places:
            return reports
        if self.places_legacy:
            places = ngettext(
                "of %(count)s province (before 2025)", "of %(count)s provinces (before 2025)", self.places
            )
        else:
            places = ngettext("of %(count)s province or city", "of %(count)s provinces and cities", self.places)
        return f"{reports} {places % {'count': format_number(self.places, language=self.language)}}"

    @cached_property
    def display(self) -> str:
        return qualified(self.value, self.qualifier, self.language)

    @property
    def qualifier_label(self) -> str:
        return str(Qualifier(self.qualifier).label)

    @property
    def has_ratio(self) -> bool:
        return self.out_of is not None and self.ratio_value is not None

    @property
    def percent(self) -> Decimal | None:
        return percent_of(self.ratio_value, self.out_of) if self.has_ratio else None

    @property
    def percent_display(self) -> str:
        return format_percent(self.percent)

    @property
    def ratio_display(self) -> str:
        """ "1.069/1.144 (93,4 %)" (with the ratio's qualifier word in front when it has one)."""
        if not self.has_ratio:
            return ""
        language = self.language or get_language() or "vi"
        word = prefix(self.ratio_qualifier or Qualifier.EXACT, language)
        text = f"{format_number(self.ratio_value, language=language)}/{format_number(self.out_of, language=language)}"
        if self.percent is not None:
            text += f" ({self.percent_display})"
        return f"{word} {text}" if word else text

    @property
    def basis_label(self) -> str:
        return str(BASIS_LABELS[Basis(self.basis)])

    @property
    def more_sources(self) -> int:
        return self.unlisted_parts

    @property
    def headline_display(self) -> str:
        """The ratio when there is one ("48/48 (100,0 %)"), else the number."""
        return self.ratio_display if self.has_ratio and self.ratio_value == self.value else self.display


class _Acc:
    """Adds parts up into an Amount (values, x/y, qualifier counts, sources)."""

    def __init__(self, basis: str = Basis.REPORTED):
        self.basis = basis
        self.language = get_language() or "vi"
        self.value = Decimal(0)
        self.ratio_value = Decimal(0)
        self.out_of = Decimal(0)
        self.qualifiers: Counter = Counter()
        self.ratio_qualifiers: Counter = Counter()
        self.parts = 0
        self.sources: dict[int, SourceRef] = {}
        self.source_parts: Counter = Counter()  # conference → parts listed from it
        self.places: set = set()

    def add(
        self, *, value, qualifier=Qualifier.EXACT, parts=1, ratio_value=None, out_of=None, ratio_parts=0, place=None
    ):
        if place is not None:
            self.places.add(place)
        self.value += Decimal(value or 0)
        self.parts += parts
        self.qualifiers[qualifier or Qualifier.EXACT] += parts
        if ratio_parts and out_of is not None:
            self.ratio_value += Decimal(ratio_value or 0)
            self.out_of += Decimal(out_of)
            self.ratio_qualifiers[qualifier or Qualifier.EXACT] += ratio_parts

    def add_sources(self, sources):
        """Each source row stands for one part (one figure or tally) of the number."""
        for source in sources:
            self.sources.setdefault(source.conference_id, source)
            self.source_parts[source.conference_id] += 1

    def amount(self) -> Amount:
        has_ratio = sum(self.ratio_qualifiers.values()) > 0
        sources = sorted(self.sources.values(), key=lambda s: s.sort_key, reverse=True)[:SOURCE_LIMIT]
        listed = sum(self.source_parts[s.conference_id] for s in sources)
        return Amount(
            value=self.value,
            qualifier=sum_qualifier(self.qualifiers),
            parts=self.parts,
            ratio_value=self.ratio_value if has_ratio else None,
            out_of=self.out_of if has_ratio else None,
            ratio_qualifier=sum_qualifier(self.ratio_qualifiers) if has_ratio else None,
            basis=self.basis,
            sources=sources,
            source_count=self.parts if self.basis == Basis.REPORTED else 0,
            unlisted_parts=max(0, self.parts - listed) if self.basis == Basis.REPORTED else 0,
            language=self.language,
            reports=self.parts if self.basis == Basis.REPORTED else 0,
            places=len(self.places),
            places_legacy=bool(self.places) and all(isinstance(p, str) and p.startswith("L") for p in self.places),
        )


@dataclass
class Period:
    label: str
    start: datetime.date
    end: datetime.date

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year


PERIOD_RE = re.compile(r"(\d{4})(?:\s*[-–/]\s*(\d{4}))?")


def parse_period(label: str) -> Period:
    """ "2014-2019" → 1 Jan 2014 - 31 Dec 2019; "2020" → the year (ValueError when it is not a period)."""
    match = PERIOD_RE.search(label or "")
    if not match:
        raise ValueError(label)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first or first < 1945 or last > 2200:
        raise ValueError(label)
    text = f"{first}-{last}" if last != first else str(first)
    return Period(label=text, start=datetime.date(first, 1, 1), end=datetime.date(last, 12, 31))


def year_period(year: int) -> Period:
    return parse_period(str(year))


@dataclass
class AreaRef:
    """An administrative unit as a dashboard row or subject: its name, context and today's province."""

    id: int | None
    name: str
    level: str = ""
    generation: str = ""
    context: str = ""  # the province of a district, "Tỉnh Bến Tre"
    now_in: str = ""  # today's province of a legacy unit
    now_in_id: int | None = None
    is_whole: bool = False  # the subject area's own (area-wide) reports
    holds: list[str] = field(default_factory=list)  # current mode: the recorded units rolled up into it

    @property
    def label(self) -> str:
        return f"{self.name} ({self.context})" if self.context else self.name

    @property
    def is_legacy(self) -> bool:
        return self.generation == AdministrativeUnit.Generation.LEGACY


def area_ref(unit: AdministrativeUnit | None) -> AreaRef | None:
    if unit is None:
        return None
    context = ""
    if unit.level != AdministrativeUnit.Level.PROVINCE and unit.parent_id:
        parent = unit.parent
        if parent.level != AdministrativeUnit.Level.PROVINCE and parent.parent_id:
            context = f"{parent.name}, {parent.parent.name}"
        else:
            context = parent.name
    now_in, now_in_id = "", None
    if unit.is_legacy and unit.current_province_id:
        now_in, now_in_id = unit.current_province.name, unit.current_province_id
    return AreaRef(
        id=unit.pk,
        name=unit.name,
        level=unit.level,
        generation=unit.generation,
        context=context,
        now_in=now_in,
        now_in_id=now_in_id,
    )


@dataclass
class IndicatorRef:
    id: int
    code: str
    name: str
    unit: str
    group: str
    rank: int
    takes_out_of: bool


@dataclass
class Figure:
    """The total of one indicator and breakdown ("" = the indicator's own total)."""

    indicator: IndicatorRef
    breakdown: str
    breakdown_name: str
    amount: Amount

    @property
    def label(self) -> str:
        return f"{self.indicator.name} – {self.breakdown_name}" if self.breakdown else self.indicator.name

    @property
    def key(self) -> str:
        return f"{self.indicator.code}:{self.breakdown}" if self.breakdown else self.indicator.code


@dataclass
class AreaRow:
    area: AreaRef
    figures: list[Figure]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


@dataclass
class YearRow:
    year: int
    figures: list[Figure]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


@dataclass
class AwardLine:
    form_code: str
    form_name: str
    issuer_code: str
    issuer_name: str
    recipient_kind: str
    recipient_kind_label: str
    amount: Amount


@dataclass
class AwardFormRow:
    """Awards of one form: by recipient kind and in all."""

    form_code: str
    form_name: str
    collective: Amount | None
    individual: Amount | None
    mixed: Amount | None
    total: Amount


@dataclass
class AwardAreaRow:
    area: AreaRef
    total: Amount


@dataclass
class RecordLine:
    metric: str
    metric_label: str
    breakdown: str
    breakdown_label: str
    amount: Amount


@dataclass
class RecordAreaRow:
    area: AreaRef
    lines: list[RecordLine]


@dataclass
class ConferenceRef:
    id: int
    title: str
    programme_code: str
    programme_title: str
    kind_label: str
    area: AreaRef
    held_on: datetime.date | None
    is_date_from_publication: bool
    period_label: str
    period_end: datetime.date | None
    published_at: datetime.datetime | None
    url: str
    documents: list[DocumentRef]


@dataclass
class Summary:
    kind: str  # "programme_review" | "annual"
    mode: Mode
    period: Period
    area: AreaRef | None  # None: the whole country
    requested_area: AreaRef | None  # the area asked for, when the mode resolved it to today's province
    programme: Programme | None
    year: int | None
    conference_count: int
    last_modified: datetime.datetime | None
    figures: list[Figure]  # every indicator × breakdown total
    areas: list[AreaRow]
    years: list[YearRow]
    awards: list[AwardLine]
    award_forms: list[AwardFormRow]
    award_areas: list[AwardAreaRow]
    records: list[RecordLine]
    record_areas: list[RecordAreaRow]
    conferences: list[ConferenceRef]
    predecessors: list[AreaRef]  # as recorded on a 2025 province: where the earlier figures are kept
    cited: list[ConferenceRef] = field(default_factory=list)  # every conference a number's sources refer to
    reporting_provinces: int = 0  # national: today's provinces with a report summarised
    province_total: int = 0  # national: today's provinces

    @property
    def coverage_display(self) -> str:
        """ "2/34 tỉnh, thành phố đã có báo cáo" (national summaries; "" elsewhere)."""
        if not self.province_total:
            return ""
        return _("%(count)s/%(total)s provinces and cities have reports") % {
            "count": format_number(self.reporting_provinces),
            "total": format_number(self.province_total),
        }

    @property
    def mode_label(self) -> str:
        return self.mode.label

    @property
    def headline(self) -> list[Figure]:
        """Indicators' own totals (no breakdown)."""
        return [f for f in self.figures if not f.breakdown]

    @property
    def breakdowns(self) -> list[Figure]:
        return [f for f in self.figures if f.breakdown]

    @property
    def rates(self) -> list[Figure]:
        """x/y figures (certification rates and the like), by subject kind."""
        return [f for f in self.figures if f.amount.has_ratio]

    @property
    def more_conferences(self) -> int:
        return max(0, self.conference_count - len(self.conferences))

    @property
    def is_empty(self) -> bool:
        return not (self.figures or self.awards or self.records)

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


# Scope ----------------------------------------------------------------------------------------------------------


def resolve_area(*, area: AdministrativeUnit | None, mode: Mode) -> AdministrativeUnit | None:
    """The subject area in this mode: in `current` mode a legacy unit is replaced by today's province
    holding it (Huyện Thạnh Phú → Tỉnh Vĩnh Long)."""
    if area is None or mode != Mode.CURRENT or not area.is_legacy:
        return area
    if area.current_province_id is None:
        return area
    return (
        AdministrativeUnit.objects.select_related("parent__parent", "current_province")
        .filter(pk=area.current_province_id)
        .first()
    )


def _holds_legacy(area: AdministrativeUnit | None, mode: Mode) -> bool:
    return (
        area is not None
        and mode == Mode.CURRENT
        and not area.is_legacy
        and area.level == AdministrativeUnit.Level.PROVINCE
    )


def _conference_q(*, p: str, period: Period, area, mode: Mode, programme: Programme | None) -> Q:
    """Published conferences of the programme (any when None) whose period lies within `period`, in the
    area's scope; `p` prefixes the field names ("conference__" from a figure or tally)."""
    q = Q(
        **{
            f"{p}status": Conference.Status.PUBLISHED,
            f"{p}period_start__gte": period.start,
            f"{p}period_end__lte": period.end,
        }
    )
    if programme is not None:
        q &= Q(**{f"{p}programme": programme})
    if area is not None:
        in_area = Q(**{f"{p}area__path__startswith": area.path})
        if _holds_legacy(area, mode):
            in_area |= Q(**{f"{p}area__current_province": area})
        q &= in_area
    return q


def _path_prefix(field_name: str, segments: int):
    """SQL for the first `segments` segments of a materialised path ("L83/837/12345/", 2 → "L83/837/")."""
    path = F(field_name)
    end = StrIndex(path, Value("/"))
    for _i in range(segments - 1):
        end = end + StrIndex(Substr(path, end + 1), Value("/"))
    return Substr(path, 1, end, output_field=CharField())


def _depth(unit: AdministrativeUnit) -> int:
    return unit.path.count("/")


class _Grouping:
    """How rows are grouped: by today's province (national, current) or by a path prefix."""

    def __init__(self, *, area, mode: Mode, p: str = "conference__"):
        self.area, self.mode = area, mode
        self.by_province = area is None and mode == Mode.CURRENT
        self.segments = 2 if area is None else max(2, _depth(area) + 1)
        self.p = p

    def expression(self):
        if self.by_province:
            return F(f"{self.p}area__current_province_id")
        return _path_prefix(f"{self.p}area__path", self.segments)

    def display_key(self, key):
        """National, as recorded: a 2025 unit's row is its province (there are no districts after 2025)."""
        if self.area is None and not self.by_province and isinstance(key, str) and key.startswith("N"):
            return key.split("/", 1)[0] + "/"
        return key


# Selectors ------------------------------------------------------------------------------------------------------


def programme_review_summary(
    *,
    actor,
    programme: Programme,
    period: str | Period | None = None,
    area: AdministrativeUnit | None = None,
    mode: Mode | str = Mode.CURRENT,
    sources: bool = True,
) -> Summary:
    """The review of a programme over a period (default: its latest reviewed period) for the country or
    an area. ValueError when `period` is not a period. sources=False: each number links to its sources
    (`Amount.sources_url`) instead of listing them (the lean answer of the API and the pages)."""
    mode = Mode(mode)
    subject = resolve_area(area=area, mode=mode)
    if period is None:
        period = latest_period(actor=actor, programme=programme, area=subject, mode=mode)
    elif isinstance(period, str):
        period = parse_period(period)
    return _summarise(
        actor=actor,
        kind="programme_review",
        programme=programme,
        period=period,
        area=subject,
        requested=area,
        mode=mode,
        year=None,
        sources=sources,
    )


def annual_summary(
    *,
    actor,
    year: int,
    area: AdministrativeUnit | None = None,
    mode: Mode | str = Mode.CURRENT,
    sources: bool = True,
) -> Summary:
    """A year's results (every programme's conferences whose period lies within the year)."""
    mode = Mode(mode)
    subject = resolve_area(area=area, mode=mode)
    return _summarise(
        actor=actor,
        kind="annual",
        programme=None,
        period=year_period(year),
        area=subject,
        requested=area,
        mode=mode,
        year=year,
        sources=sources,
    )


def latest_period(*, actor, programme: Programme, area=None, mode: Mode = Mode.CURRENT) -> Period:
    """The latest period a published conference of the programme reported on (in the area)."""
    options = programme_periods(actor=actor, programme=programme, area=area, mode=mode)
    if options:
        return options[0]
    today = datetime.date.today()
    return year_period(today.year)


def programme_periods(*, actor, programme: Programme, area=None, mode: Mode = Mode.CURRENT) -> list[Period]:
    """The periods the programme's published conferences reported on, latest first (one query)."""
    everything = Period(label="", start=datetime.date(1945, 1, 1), end=datetime.date(2200, 12, 31))
    rows = (
        Conference.objects.filter(_conference_q(p="", period=everything, area=area, mode=mode, programme=programme))
        .values_list("period_label", "period_start", "period_end")
        .distinct()
    )
    periods = {}
    for label, start, end in rows:
        try:
            period = parse_period(label)
        except ValueError:
            period = parse_period(f"{start.year}-{end.year}")
        periods[period.label] = period
    return sorted(periods.values(), key=lambda p: (p.end, p.start), reverse=True)


def _summarise(*, actor, kind, programme, period, area, requested, mode, year, sources=True) -> Summary:
    limit = SOURCE_LIMIT if sources else 0
    conferences = Conference.objects.filter(
        _conference_q(p="", period=period, area=area, mode=mode, programme=programme)
    )
    in_scope = _conference_q(p="conference__", period=period, area=area, mode=mode, programme=programme)
    grouping = _Grouping(area=area, mode=mode)

    # 1. Conferences in scope: how many, and when they last changed.
    stats = conferences.aggregate(
        n=Count("id"),
        updated=Max("updated_at"),
        published=Max("published_at"),
        provinces=Count("area__current_province", distinct=True),
    )
    last_modified = max([d for d in (stats["updated"], stats["published"]) if d is not None], default=None)

    # 2-5. Reported figures and award tallies: totals grouped in the database, provenance capped per group;
    # read from the summary rows (reports.rollups) for the whole country or a province, else from the figures.
    if rollups.covers(area=area, period=period):
        figure_rows, figure_sources, tally_rows, tally_sources = rollups.summary_rows(
            programme=programme,
            period=period,
            area=area,
            holds_legacy=_holds_legacy(area, mode),
            by_province=grouping.by_province,
            limit=limit,
        )
    else:
        figure_rows, figure_sources, tally_rows, tally_sources = _live_rows(in_scope, grouping, limit=limit)

    # 6. Record-based counts (the providers' own queries).
    path_prefix = area.path if area is not None and not _holds_legacy(area, mode) else ""
    records = record_sources.collect(year_from=period.first_year, year_to=period.last_year, path_prefix=path_prefix)

    # 7. Current mode, national: which recorded units each of today's provinces holds.
    held = []
    if grouping.by_province:
        held = list(
            conferences.annotate(part=_path_prefix("area__path", 2))
            .values_list("area__current_province_id", "part")
            .distinct()
            .order_by()
        )

    # 8. Names of every unit a row or a record refers to (one query).
    keys = {grouping.display_key(r["key"]) for r in figure_rows} | {grouping.display_key(r["key"]) for r in tally_rows}
    paths = {k for k in keys if isinstance(k, str)} | {r.province_path for r in records} | {p for _c, p in held}
    ids = {k for k in keys if isinstance(k, int)}
    units = {}
    today_q = (  # national: today's provinces too (the coverage "2/34")
        Q(level=AdministrativeUnit.Level.PROVINCE, generation=AdministrativeUnit.Generation.Y2025)
        if area is None
        else Q(pk__in=[])
    )
    today = set()
    if paths or ids or area is None:
        for unit in AdministrativeUnit.objects.filter(Q(path__in=paths) | Q(pk__in=ids) | today_q).select_related(
            "parent__parent", "current_province"
        ):
            if area is None and unit.level == unit.Level.PROVINCE and unit.generation == unit.Generation.Y2025:
                today.add(unit.pk)
            units[unit.path] = units[unit.pk] = unit
            if unit.current_province_id and unit.current_province_id not in units:
                province = unit.current_province  # fetched with the unit: names today's province of a record
                units.setdefault(province.path, province)
                units[province.pk] = province

    # 9. Breakdown names (a small catalogue).
    breakdown_names = {b.code: b.name for b in Breakdown.objects.all()}

    # 10-11. The conferences behind the numbers, and the latest ones in scope, with their documents.
    source_ids = {r["conference_id"] for r in figure_sources} | {r["conference_id"] for r in tally_sources}
    listed = conferences.order_by(F("held_on").desc(nulls_last=True), "-id").values("id")[:CONFERENCE_LIMIT]
    conference_objects = list(
        Conference.objects.filter(Q(pk__in=source_ids) | Q(pk__in=Subquery(listed)))
        .annotate(is_listed=ExpressionWrapper(Q(pk__in=Subquery(listed)), output_field=BooleanField()))
        .select_related("programme", "area__parent__parent", "area__current_province")
        .prefetch_related(
            Prefetch("source_documents", queryset=SourceDocument.objects.defer("full_text").order_by("id"))
        )
    )
    conference_refs = {c.pk: _conference_ref(c) for c in conference_objects}

    builder = _Builder(
        area=area,
        mode=mode,
        grouping=grouping,
        units=units,
        breakdown_names=breakdown_names,
        conferences=conference_refs,
    )
    summary = Summary(
        kind=kind,
        mode=mode,
        period=period,
        area=_subject_ref(area),
        requested_area=area_ref(requested) if requested is not None and requested != area else None,
        programme=programme,
        year=year,
        conference_count=stats["n"],
        last_modified=last_modified,
        figures=[],
        areas=[],
        years=[],
        awards=[],
        award_forms=[],
        award_areas=[],
        records=[],
        record_areas=[],
        conferences=sorted(
            (conference_refs[c.pk] for c in conference_objects if c.is_listed),
            key=lambda c: (c.held_on or datetime.date.min, c.id),
            reverse=True,
        ),
        predecessors=[],
    )
    summary.cited = sorted(
        (ref for pk, ref in conference_refs.items() if pk in source_ids),
        key=lambda c: (c.held_on or datetime.date.min, c.id),
        reverse=True,
    )
    builder.base_query = {
        **({"programme": programme.code, "period": period.label} if programme is not None else {"year": year}),
        **({"area": requested.pk} if requested is not None else {}),
        "mode": mode.value,
    }
    if area is None:  # national: how many of today's provinces have a report in scope (no query of its own)
        summary.province_total = len(today)
        summary.reporting_provinces = stats["provinces"]
    builder.figures(summary, figure_rows, figure_sources)
    builder.awards(summary, tally_rows, tally_sources)
    builder.records(summary, records)
    builder.holds(summary, held)
    if area is not None and mode == Mode.AS_RECORDED and not area.is_legacy:
        summary.predecessors = predecessor_provinces(area)
    return summary


def _live_rows(in_scope: Q, grouping: _Grouping, *, limit: int = SOURCE_LIMIT):
    """Figure and tally rows straight from the figures (areas below a province, periods not in whole years)."""
    # 2-3. Reported figures: totals grouped in the database; provenance capped per group.
    figures = IndicatorValue.objects.filter(in_scope).filter(~Exists(_covering(in_scope)))
    figure_rows = list(
        figures.annotate(key=grouping.expression(), year=ExtractYear("conference__period_end"))
        .values(
            "indicator_id",
            "indicator__code",
            "indicator__name_vi",
            "indicator__name_en",
            "indicator__unit_vi",
            "indicator__unit_en",
            "indicator__group",
            "indicator__rank",
            "indicator__takes_out_of",
            "breakdown",
            "qualifier",
            "key",
            "year",
        )
        .annotate(
            total=Sum("value"),
            ratio_total=Sum("value", filter=Q(out_of__isnull=False)),
            out_of_total=Sum("out_of"),
            parts=Count("id"),
            ratio_parts=Count("out_of"),
        )
        .order_by()
    )
    figure_sources = (
        list(
            figures.annotate(
                key=grouping.expression(),
                year=ExtractYear("conference__period_end"),
                rank=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("breakdown"), grouping.expression()],
                    order_by=[F("conference__period_end").desc(), F("conference_id").desc()],
                ),
            )
            .filter(rank__lte=limit)
            .values(
                "indicator_id", "breakdown", "key", "year", "conference_id", "source_excerpt", "period_label", "value"
            )
            .annotate(q=F("qualifier"), o=F("out_of"))
            .order_by()
        )
        if limit
        else []
    )

    # 4-5. Award tallies, the same way.
    tallies = AwardTally.objects.filter(in_scope)
    tally_rows = list(
        tallies.annotate(key=grouping.expression(), year=ExtractYear("conference__period_end"))
        .values(
            "form__code",
            "form__name_vi",
            "form__name_en",
            "form__rank",
            "issuer__code",
            "issuer__name_vi",
            "issuer__name_en",
            "issuer__level",
            "recipient_kind",
            "qualifier",
            "key",
            "year",
        )
        .annotate(total=Sum("count"), parts=Count("id"))
        .order_by()
    )
    tally_sources = (
        list(
            tallies.annotate(
                key=grouping.expression(),
                rank=Window(
                    RowNumber(),
                    partition_by=[F("form_id"), F("issuer_id"), F("recipient_kind"), grouping.expression()],
                    order_by=[F("conference__period_end").desc(), F("conference_id").desc()],
                ),
            )
            .filter(rank__lte=limit)
            .values("form__code", "issuer__code", "recipient_kind", "key", "conference_id", "source_excerpt", "count")
            .annotate(q=F("qualifier"))
            .order_by()
        )
        if limit
        else []
    )
    return figure_rows, figure_sources, tally_rows, tally_sources


def _covering(in_scope: Q) -> QuerySet:
    """Figures that cover the outer one (see the module's rules): same programme, indicator and breakdown,
    area containing the outer figure's area, period containing its period; the same area only with a longer
    period or a later conference of the same period."""
    return (
        IndicatorValue.objects.filter(in_scope)
        .filter(
            indicator_id=OuterRef("indicator_id"),
            breakdown=OuterRef("breakdown"),
            conference__programme_id=OuterRef("conference__programme_id"),
            conference__period_start__lte=OuterRef("conference__period_start"),
            conference__period_end__gte=OuterRef("conference__period_end"),
        )
        .annotate(at=StrIndex(OuterRef("conference__area__path"), F("conference__area__path")))
        .filter(at=1)
        .filter(
            ~Q(conference__area_id=OuterRef("conference__area_id"))
            | Q(conference__period_start__lt=OuterRef("conference__period_start"))
            | Q(conference__period_end__gt=OuterRef("conference__period_end"))
            | Q(conference_id__gt=OuterRef("conference_id"))
        )
    )


def _subject_ref(area) -> AreaRef | None:
    if area is None:
        return None
    return area_ref(area)


def predecessor_provinces(area: AdministrativeUnit) -> list[AreaRef]:
    units = (
        AdministrativeUnit.objects.filter(current_province=area, level=AdministrativeUnit.Level.PROVINCE)
        .exclude(pk=area.pk)
        .select_related("parent", "current_province")
        .order_by("name")
    )
    return [area_ref(u) for u in units]


def public_conference_url(pk: int) -> str:
    return reverse("public-conference", args=[pk])


def _conference_ref(conference: Conference) -> ConferenceRef:
    url = public_conference_url(conference.pk)
    documents = [
        DocumentRef(
            title=d.title,
            publisher=d.publisher,
            author=d.author,
            published_on=d.published_on,
            url=d.url,
            page_url=f"{url}#document-{d.pk}",
        )
        for d in conference.source_documents.all()
    ]
    return ConferenceRef(
        id=conference.pk,
        title=conference.title,
        programme_code=conference.programme.code,
        programme_title=str(conference.programme),
        kind_label=conference.get_kind_display(),
        area=area_ref(conference.area),
        held_on=conference.held_on,
        is_date_from_publication=conference.is_date_from_publication,
        period_label=conference.period_label,
        period_end=conference.period_end,
        published_at=conference.published_at,
        url=url,
        documents=documents,
    )


class _Builder:
    """Turns the grouped rows into the Summary's tables (no queries)."""

    def __init__(self, *, area, mode, grouping, units, breakdown_names, conferences):
        self.area, self.mode, self.grouping = area, mode, grouping
        self.units, self.breakdown_names, self.conferences = units, breakdown_names, conferences
        self.language = get_language() or "vi"
        self.english = self.language.startswith("en")
        self.base_query: dict = {}  # the summary's own parameters, for each number's sources link

    def _place(self, key):
        """The province a row counts for (national summaries: coverage "of N provinces"), else None."""
        if self.area is not None:
            return None
        key = self.grouping.display_key(key)
        return key if isinstance(key, int) else rollups.province_path(key)

    def _linked(self, amount: Amount, **number) -> Amount:
        amount.sources_query = {**self.base_query, **{k: v for k, v in number.items() if v not in (None, "")}}
        return amount

    # names

    def _name(self, vi: str, en: str) -> str:
        return en if self.english and en else vi

    def _area(self, key) -> AreaRef:
        unit = self.units.get(key)
        if unit is None:
            return AreaRef(id=None, name=_("Unknown area"))
        ref = area_ref(unit)
        if self.area is not None and unit.pk == self.area.pk:
            ref.is_whole = True
        return ref

    def _source(self, row, *, value, qualifier, out_of=None) -> SourceRef:
        conference = self.conferences.get(row["conference_id"])
        source = SourceRef(
            conference_id=row["conference_id"],
            excerpt=row.get("source_excerpt", ""),
            period_label=row.get("period_label", ""),
            value=value,
            qualifier=qualifier or Qualifier.EXACT,
            out_of=out_of,
            language=self.language,
        )
        if conference is not None:
            source.title = conference.title
            source.area_name = conference.area.label
            source.held_on = conference.held_on
            source.is_date_from_publication = conference.is_date_from_publication
            source.url = conference.url
            source.documents = conference.documents
            source.sort_key = (conference.held_on or datetime.date.min, conference.id)
        return source

    # reported figures

    def figures(self, summary: Summary, rows, source_rows):
        indicators: dict[int, IndicatorRef] = {}
        total: dict[tuple, _Acc] = defaultdict(_Acc)
        by_area: dict[object, dict[tuple, _Acc]] = defaultdict(lambda: defaultdict(_Acc))
        by_year: dict[int, dict[tuple, _Acc]] = defaultdict(lambda: defaultdict(_Acc))
        for row in rows:
            indicator = indicators.get(row["indicator_id"])
            if indicator is None:
                indicator = indicators[row["indicator_id"]] = IndicatorRef(
                    id=row["indicator_id"],
                    code=row["indicator__code"],
                    name=self._name(row["indicator__name_vi"], row["indicator__name_en"]),
                    unit=self._name(row["indicator__unit_vi"], row["indicator__unit_en"]),
                    group=row["indicator__group"],
                    rank=row["indicator__rank"],
                    takes_out_of=row["indicator__takes_out_of"],
                )
            key = (row["indicator_id"], row["breakdown"])
            part = {
                "value": row["total"],
                "qualifier": row["qualifier"],
                "parts": row["parts"],
                "ratio_value": row["ratio_total"],
                "out_of": row["out_of_total"],
                "ratio_parts": row["ratio_parts"],
                "place": self._place(row["key"]),
            }
            area_key = self.grouping.display_key(row["key"])
            for acc in (total[key], by_area[area_key][key], by_year[row["year"]][key]):
                acc.add(**part)

        for row in source_rows:
            key = (row["indicator_id"], row["breakdown"])
            source = self._source(row, value=row["value"], qualifier=row["q"], out_of=row["o"])
            area_key = self.grouping.display_key(row["key"])
            for acc in (total[key], by_area[area_key][key], by_year[row["year"]][key]):
                acc.add_sources([source])

        def order(key):
            indicator = indicators[key[0]]
            breakdown_rank = self._breakdown_rank(key[1])
            return (indicator.rank, indicator.code, breakdown_rank, key[1])

        def figure_list(accs, **where) -> list[Figure]:
            return [
                Figure(
                    indicator=indicators[key[0]],
                    breakdown=key[1],
                    breakdown_name=self.breakdown_names.get(key[1], key[1]) if key[1] else "",
                    amount=self._linked(
                        accs[key].amount(), indicator=indicators[key[0]].code, breakdown=key[1], **where
                    ),
                )
                for key in sorted(accs, key=order)
            ]

        summary.figures = figure_list(total)
        summary.areas = self._area_rows(
            by_area, lambda area, accs: AreaRow(area=area, figures=figure_list(accs, part=area.id))
        )
        summary.years = [YearRow(year=y, figures=figure_list(by_year[y], row_year=y)) for y in sorted(by_year)]

    def _breakdown_rank(self, code: str) -> int:
        return list(self.breakdown_names).index(code) if code in self.breakdown_names else 999

    def _area_rows(self, groups: dict, make) -> list:
        rows = []
        for key, value in groups.items():
            area = self._area(key)
            rows.append(make(area, value))
        rows.sort(key=lambda r: (not r.area.is_whole, fold(r.area.name), fold(r.area.context)))
        return rows

    # award tallies

    def awards(self, summary: Summary, rows, source_rows):
        lines: dict[tuple, _Acc] = defaultdict(_Acc)
        names: dict[tuple, dict] = {}
        forms: dict[str, dict[str, _Acc]] = defaultdict(lambda: defaultdict(_Acc))
        form_names: dict[str, tuple] = {}
        by_area: dict[object, _Acc] = defaultdict(_Acc)
        kinds = dict(AwardTally.RecipientKind.choices)
        for row in rows:
            key = (row["form__code"], row["issuer__code"], row["recipient_kind"])
            names[key] = row
            part = {
                "value": row["total"],
                "qualifier": row["qualifier"],
                "parts": row["parts"],
                "place": self._place(row["key"]),
            }
            lines[key].add(**part)
            forms[row["form__code"]][row["recipient_kind"]].add(**part)
            forms[row["form__code"]]["total"].add(**part)
            form_names[row["form__code"]] = (
                row["form__rank"],
                self._name(row["form__name_vi"], row["form__name_en"]),
            )
            by_area[self.grouping.display_key(row["key"])].add(**part)
        for row in source_rows:
            key = (row["form__code"], row["issuer__code"], row["recipient_kind"])
            source = self._source(row, value=row["count"], qualifier=row["q"])
            lines[key].add_sources([source])
            forms[row["form__code"]][row["recipient_kind"]].add_sources([source])
            forms[row["form__code"]]["total"].add_sources([source])
            by_area[self.grouping.display_key(row["key"])].add_sources([source])

        def line_order(key):
            row = names[key]
            return (row["form__rank"], row["form__code"], row["issuer__level"], row["issuer__code"], key[2])

        summary.awards = [
            AwardLine(
                form_code=key[0],
                form_name=self._name(names[key]["form__name_vi"], names[key]["form__name_en"]),
                issuer_code=key[1],
                issuer_name=self._name(names[key]["issuer__name_vi"], names[key]["issuer__name_en"]),
                recipient_kind=key[2],
                recipient_kind_label=str(kinds.get(key[2], key[2])),
                amount=self._linked(lines[key].amount(), form=key[0], issuer=key[1], kind=key[2]),
            )
            for key in sorted(lines, key=line_order)
        ]
        summary.award_forms = []
        for code in sorted(forms, key=lambda c: (form_names[c][0], c)):
            accs = forms[code]
            summary.award_forms.append(
                AwardFormRow(
                    form_code=code,
                    form_name=form_names[code][1],
                    collective=self._linked(accs["collective"].amount(), form=code, kind="collective")
                    if "collective" in accs
                    else None,
                    individual=self._linked(accs["individual"].amount(), form=code, kind="individual")
                    if "individual" in accs
                    else None,
                    mixed=self._linked(accs["mixed"].amount(), form=code, kind="mixed") if "mixed" in accs else None,
                    total=self._linked(accs["total"].amount(), form=code),
                )
            )
        summary.award_areas = self._area_rows(
            by_area,
            lambda area, acc: AwardAreaRow(area=area, total=self._linked(acc.amount(), award="all", part=area.id)),
        )

    # record-based counts

    def holds(self, summary: Summary, held):
        """Current mode, national: name the recorded legacy units each of today's provinces holds."""
        parts = defaultdict(lambda: defaultdict(set))  # today's province → legacy province → reporting units
        for province_id, part in held:
            unit = self.units.get(part)
            if unit is None or not unit.is_legacy:
                continue
            province = unit if unit.level == AdministrativeUnit.Level.PROVINCE or not unit.parent_id else unit.parent
            parts[province_id][province].add(unit)
        holds = defaultdict(set)
        for province_id, provinces in parts.items():
            for province, units in provinces.items():
                # A lone district's report is named as such ("Huyện Thạnh Phú (Tỉnh Bến Tre)"); otherwise the
                # old province stands for all its reporting units.
                only = next(iter(units)) if len(units) == 1 else None
                holds[province_id].add(area_ref(only).label if only is not None and only != province else province.name)
        for row in [*summary.areas, *summary.award_areas, *summary.record_areas]:
            names = {n for n in holds.get(row.area.id, ()) if n != row.area.name}
            row.area.holds = sorted(names, key=fold)

    def records(self, summary: Summary, records):
        wanted = []
        for record in records:
            unit = self.units.get(record.province_path)
            if _holds_legacy(self.area, self.mode) and (unit is None or unit.current_province_id != self.area.pk):
                continue
            wanted.append((record, unit))
        if not wanted:
            return

        def row_key(unit, path):
            if self.grouping.by_province:
                return unit.current_province_id if unit is not None else path
            return path

        last_year = max(r.year for r, _u in wanted)
        totals: dict[tuple, _Acc] = defaultdict(lambda: _Acc(Basis.COMPUTED))
        areas: dict[object, dict[tuple, _Acc]] = defaultdict(lambda: defaultdict(lambda: _Acc(Basis.COMPUTED)))
        labels: dict[tuple, str] = {}
        for record, unit in wanted:
            key = (record.metric, record.breakdown)
            labels[key] = record.label
            if record.metric in STOCK_METRICS and record.year != last_year:
                continue
            part = {
                "value": record.value,
                "ratio_value": record.value,
                "out_of": record.out_of,
                "ratio_parts": 1 if record.out_of is not None else 0,
            }
            totals[key].add(**part)
            areas[row_key(unit, record.province_path)][key].add(**part)

        metrics = list(METRIC_LABELS)

        def order(key):
            return (metrics.index(key[0]) if key[0] in metrics else 99, key[0], labels.get(key, key[1]))

        def lines(accs):
            return [
                RecordLine(
                    metric=key[0],
                    metric_label=str(METRIC_LABELS.get(key[0], key[0])),
                    breakdown=key[1],
                    breakdown_label=labels.get(key) or self.breakdown_names.get(key[1], key[1]),
                    amount=accs[key].amount(),
                )
                for key in sorted(accs, key=order)
            ]

        summary.records = lines(totals)
        summary.record_areas = self._area_rows(areas, lambda area, accs: RecordAreaRow(area=area, lines=lines(accs)))


# Pages ----------------------------------------------------------------------------------------------------------


@dataclass
class ProgrammeOption:
    code: str
    title: str
    is_recurring: bool
    periods: list[Period]
    short: str = ""  # document number ("07/CT-BCA-V28") or code


@dataclass
class AreaOptions:
    """What an area's page can show: programmes with their reviewed periods, and years."""

    programmes: list[ProgrammeOption]
    years: list[int]
    conferences: list[ConferenceRef]
    conference_count: int


def area_options(*, actor, area: AdministrativeUnit | None, mode: Mode = Mode.CURRENT) -> AreaOptions:
    """Programmes, periods and years with published conferences in the area (or the country), and the
    latest of those conferences (three queries)."""
    everything = Period(label="", start=datetime.date(1945, 1, 1), end=datetime.date(2200, 12, 31))
    scope = Conference.objects.filter(_conference_q(p="", period=everything, area=area, mode=mode, programme=None))
    rows = (
        scope.filter(period_start__isnull=False, period_end__isnull=False)
        .values_list(
            "programme__code",
            "programme__title",
            "programme__title_en",
            "programme__is_recurring",
            "programme__issued_on",
            "programme__document_number",
            "period_label",
            "period_start",
            "period_end",
        )
        .distinct()
        .order_by()
    )
    programmes: dict[str, ProgrammeOption] = {}
    issued: dict[str, datetime.date] = {}
    years: set[int] = set()
    english = (get_language() or "vi").startswith("en")
    for code, title, title_en, recurring, issued_on, number, label, start, end in rows:
        option = programmes.setdefault(
            code, ProgrammeOption(code, title_en if english and title_en else title, recurring, [], number or code)
        )
        issued[code] = issued_on or datetime.date.min
        try:
            period = parse_period(label)
        except ValueError:
            period = parse_period(f"{start.year}-{end.year}")
        if period.label not in {p.label for p in option.periods}:
            option.periods.append(period)
        if start.year == end.year:
            years.add(end.year)
    for option in programmes.values():
        option.periods.sort(key=lambda p: (p.end, p.start), reverse=True)
    latest = list(
        scope.select_related("programme", "area__parent__parent", "area__current_province")
        .prefetch_related(
            Prefetch("source_documents", queryset=SourceDocument.objects.defer("full_text").order_by("id"))
        )
        .order_by(F("held_on").desc(nulls_last=True), "-id")[:LATEST_LIMIT]
    )
    return AreaOptions(
        programmes=sorted(programmes.values(), key=lambda o: (o.is_recurring, -issued[o.code].toordinal(), o.code)),
        years=sorted(years, reverse=True),
        conferences=[_conference_ref(c) for c in latest],
        conference_count=scope.count(),
    )
