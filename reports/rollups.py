"""Summary rows (reports/summary_rows.py): kept fresh on write, read by the summaries, rebuilt and checked by
`manage.py recompute_summaries`.

Writes call, inside their own transaction:

- `conference_changed(conference)` when a conference is published or reopened (reports.services); the rows
  of the cells it touches (programme × province as recorded × indicator × breakdown, and programme ×
  province × issuer × form × recipient kind for tallies) are recomputed from the published figures;
- `records_changed(source=…, areas=…, years=…)` when records behind a record-count provider change
  (certifications, award decisions: awards; units: movement through movement.hooks); the provider's
  counts for those provinces and years are asked again and stored;

Both first lock the cell they recompute (`lock_cell`: the SummaryPart row of the scope and the province as
recorded, before reading), so concurrent writers of one cell run one after the other, and both move the
versions of the parts they changed (`bump_parts`: scope × province × year), which key the cache of public
summaries (reports/summary_cache.py): a change in one province or year leaves the other answers cached.
A full rebuild moves SummaryVersion (every cached answer). The summary tables have unique keys per cell.

Reads: `covers()` says whether a summary can be answered from the rows (the whole country or a province,
over whole years); `summary_rows()` gives the figure and tally rows in the shape reports.summaries reads;
`record_counts()` gives the stored counts of the providers whose rows are kept (`maintained_sources()`).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation
from django.utils.functional import Promise

from movement.bulk import RowWriter
from movement.models import AdministrativeUnit
from reports import record_sources
from reports.models import AwardTally, Conference, IndicatorValue, Programme
from reports.summary_rows import (
    FigureSource,
    FigureSummary,
    RecordCountSummary,
    RecordSourceState,
    SummaryPart,
    SummaryVersion,
    TallySource,
    TallySummary,
)

YEAR_LOW, YEAR_HIGH = 0, 9999  # open ends of the review windows
RECORD_YEARS = (1990, 2100)  # the years a record provider is asked about when all of them are wanted
PUBLISHED = Conference.Status.PUBLISHED
ZERO = Decimal(0)


# Paths ----------------------------------------------------------------------------------------------------------


def province_path(path: str) -> str:
    """ "L44/445/12345/" → "L44/"."""
    return path[: path.index("/") + 1]


def area_key(path: str) -> str:
    """The first two levels of a path, as reports.summaries groups national and provincial tables:
    "L44/445/12345/" → "L44/445/"; "L44/" → "L44/"."""
    first = path.index("/")
    second = path.find("/", first + 1)
    return path if second < 0 else path[: second + 1]


def _ancestor_paths(path: str) -> list[str]:
    """ "L44/445/12345/" → ["L44/", "L44/445/", "L44/445/12345/"]."""
    paths, start = [], 0
    while True:
        end = path.find("/", start)
        if end < 0:
            return paths
        paths.append(path[: end + 1])
        start = end + 1


# Versions and locks ---------------------------------------------------------------------------------------------

PROGRAMME_SCOPE = "programme:"  # + the programme's code: its published conferences (figures, tallies, lists)
RECORDS_SCOPE = "records:"  # + the provider's name: its record counts
EVERY_YEAR = 0  # SummaryPart.year of the lock row and of changes to every year


def bump_version() -> None:
    """Every cached summary at once (a full rebuild): inside the writing transaction."""
    updated = SummaryVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    if not updated:
        SummaryVersion.objects.update_or_create(pk=1, defaults={"version": 1, "changed_at": timezone.now()})


def current_version(*, using: str | None = None) -> int:
    """The global data version (moved by full rebuilds only; one indexed row)."""
    with connections[using or "default"].cursor() as cursor:
        cursor.execute(f"SELECT version FROM {SummaryVersion._meta.db_table} WHERE id = 1")  # noqa: S608  # nosec B608
        row = cursor.fetchone()
    return row[0] if row else 0


def lock_cell(scope: str, province: str) -> None:
    """Serialise the writers of one scope and province as recorded, BEFORE they read what they recompute:
    the second one waits for the first one's commit, then reads its rows (READ COMMITTED takes a new
    snapshot per statement). Without it both would read the same state and write rows twice or miss one.
    Call inside the writing transaction (SQLite serialises writers anyway; the statements are harmless)."""
    parts = SummaryPart.objects.filter(scope=scope, province_path=province, year=EVERY_YEAR)
    SummaryPart.objects.bulk_create(
        [SummaryPart(scope=scope, province_path=province, year=EVERY_YEAR)], ignore_conflicts=True
    )
    list(parts.select_for_update().values_list("pk", flat=True))


def bump_parts(scope: str, places, years) -> None:
    """The cached summaries reading these places (province paths) and years (None: every year) move on,
    in the writing transaction; the others stay valid."""
    keys = sorted({(place, year) for place in places for year in (sorted(set(years)) if years else [EVERY_YEAR])})
    if not keys:
        return
    SummaryPart.objects.bulk_create(
        [SummaryPart(scope=scope, province_path=place, year=year) for place, year in keys], ignore_conflicts=True
    )
    which = Q(pk__in=[])
    for place, year in keys:
        which |= Q(province_path=place, year=year)
    SummaryPart.objects.filter(which, scope=scope).update(version=F("version") + 1, changed_at=timezone.now())


def places_of(areas) -> list[str]:
    """The province paths whose summaries a change in these areas may move: each area's province as
    recorded, the area's province of today, and the recorded province's province of today (one query)."""
    areas = [a for a in areas if a is not None and a.path]
    provinces = {province_path(a.path) for a in areas}
    current = {a.current_province_id for a in areas if a.current_province_id}
    places = set(provinces)
    if areas:
        rows = AdministrativeUnit.objects.filter(Q(pk__in=current) | Q(path__in=provinces)).values_list(
            "pk", "path", "current_province__path"
        )
        for pk, path, today in rows.order_by():
            if pk in current:
                places.add(province_path(path))
            if today and path in provinces:
                places.add(province_path(today))
    return sorted(places)


def parts_version(
    *,
    programme: str | None = None,
    conference_area: int | None = None,
    conference_years: tuple[int, int] | None = None,
    record_area: int | None = None,
    record_years: tuple[int, int] | None = None,
    using: str | None = None,
) -> str:
    """The version of what a cached summary reads (one query): the global version, and the count and sum
    of the versions of the conference parts (of one programme, or every one) and of the record parts, each
    limited to the province(s) of an area (as recorded and of today) and to years when given."""
    unit = AdministrativeUnit._meta.db_table
    provinces = (
        f"province_path IN (SELECT substr(u.path, 1, 4) FROM {unit} u WHERE u.id = %s"  # noqa: S608  # nosec B608
        f" OR u.id = (SELECT c.current_province_id FROM {unit} c WHERE c.id = %s))"
    )
    clauses, params = [], []
    for prefix, exact, area, years in (
        (PROGRAMME_SCOPE, programme, conference_area, conference_years),
        (RECORDS_SCOPE, None, record_area, record_years),
    ):
        parts, values = ["scope LIKE %s"], [prefix + "%"]
        if exact is not None:
            parts.append("scope = %s")
            values.append(prefix + exact)
        if area is not None:
            parts.append(provinces)
            values += [area, area]
        if years is not None:
            parts.append("(year = %s OR year BETWEEN %s AND %s)")
            values += [EVERY_YEAR, *years]
        clauses.append("(" + " AND ".join(parts) + ")")
        params += values
    table = SummaryPart._meta.db_table
    sql = (
        f"SELECT (SELECT version FROM {SummaryVersion._meta.db_table} WHERE id = 1), COUNT(*), "  # noqa: S608  # nosec B608
        f"COALESCE(SUM(version), 0) FROM {table} WHERE " + " OR ".join(clauses)
    )
    with connections[using or "default"].cursor() as cursor:
        cursor.execute(sql, params)
        version, count, total = cursor.fetchone()
    return f"{version or 0}.{count}.{total}"


# Review windows -------------------------------------------------------------------------------------------------


def windows(first: int, last: int, blockers) -> list[tuple[int, int, int, int]]:
    """The review windows [Y1, Y2] in which a figure of the years first..last counts, as rectangles
    (Y1 from, Y1 to, Y2 from, Y2 to), given the (first, last) years of the figures covering it.

    It counts when Y1 ≤ first and Y2 ≥ last (its period lies within the window) and no covering figure's
    period lies within the window (Y1 ≤ its first and Y2 ≥ its last). Only the covering periods that no
    other one beats (a later first year, an earlier last year) matter; they form a staircase."""
    stairs: list[tuple[int, int]] = []
    lowest_last = YEAR_HIGH + 1
    for c_first, c_last in sorted(set(blockers), key=lambda b: (-b[0], b[1])):
        if c_last < lowest_last:
            stairs.append((c_first, c_last))
            lowest_last = c_last
    result = []
    top, limit = first, YEAR_HIGH + 1
    for c_first, c_last in stairs:
        if c_first < top and last <= limit - 1:
            result.append((c_first + 1, top, last, limit - 1))
        top, limit = min(top, c_first), c_last
    if top >= YEAR_LOW and last <= limit - 1:
        result.append((YEAR_LOW, top, last, limit - 1))
    return result


def _window_q(first: int, last: int) -> Q:
    # The last two conditions follow from the first four (Y1 ≤ window_start_max ≤ the figure's first year ≤
    # its last year = window_end_min ≤ Y2); they keep the index range tight.
    return Q(
        window_start_min__lte=first,
        window_start_max__gte=first,
        window_end_min__lte=last,
        window_end_max__gte=last,
        window_start_max__lte=last,
        window_end_min__gte=first,
    )


# Building the rows of a cell ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    id: int
    conference_id: int
    indicator_id: int
    breakdown: str
    qualifier: str
    value: Decimal
    out_of: Decimal | None
    start: datetime.date
    end: datetime.date
    area_id: int
    path: str
    current_province_id: int | None
    programme_id: int


_FIGURE_FIELDS = (
    "id",
    "conference_id",
    "indicator_id",
    "breakdown",
    "qualifier",
    "value",
    "out_of",
    "conference__period_start",
    "conference__period_end",
    "conference__area_id",
    "conference__area__path",
    "conference__area__current_province_id",
    "conference__programme_id",
)


def _published_figures(**filters) -> list[_Figure]:
    rows = IndicatorValue.objects.filter(
        conference__status=PUBLISHED,
        conference__period_start__isnull=False,
        conference__period_end__isnull=False,
        **filters,
    ).values_list(*_FIGURE_FIELDS)
    figures = [_Figure(*row) for row in rows.order_by()]
    for row in _held_back("figures", filters):  # reports being corrected count as last published
        figures.append(_Figure(*(row[name] for name in _HELD_BACK_FIGURE)))
    return figures


# A published report reopened for changes keeps counting with its last published figures and tallies until it
# is published again (workday.corrections keeps them; the report's own rows are not touched meanwhile).
_HELD_BACK_FIGURE = (
    "id",
    "conference_id",
    "indicator_id",
    "breakdown",
    "qualifier",
    "value",
    "out_of",
    "start",
    "end",
    "area_id",
    "path",
    "current_province_id",
    "programme_id",
)
_HELD_BACK_TALLY = (
    "id",
    "conference_id",
    "programme_id",
    "issuer_id",
    "form_id",
    "recipient_kind",
    "qualifier",
    "count",
    "start",
    "end",
    "path",
    "current_province_id",
)


def _held_back(kind: str, filters: dict) -> list[dict]:
    from workday import corrections  # the app that keeps the published content of reports being corrected

    rows = corrections.held_back_figures() if kind == "figures" else corrections.held_back_tallies()
    result = []
    for row in rows:
        if "conference__programme_id" in filters and row["programme_id"] != filters["conference__programme_id"]:
            continue
        if not row["path"].startswith(filters.get("conference__area__path__startswith", "")):
            continue
        if "indicator_id__in" in filters and row["indicator_id"] not in filters["indicator_id__in"]:
            continue
        for name in ("value", "out_of"):
            if name in row and row[name] is not None:
                row[name] = Decimal(row[name])
        result.append(row)
    return result


def _covers(g: _Figure, f: _Figure) -> bool:
    """reports.summaries._covering: the same cell (checked by the caller), g's area contains f's (checked by
    the caller), g's period contains f's; the same area only with a longer period or a later conference."""
    if g.start > f.start or g.end < f.end:
        return False
    return g.area_id != f.area_id or g.start < f.start or g.end > f.end or g.conference_id > f.conference_id


def _figure_rows(figures: list[_Figure]) -> tuple[dict, list[tuple]]:
    """Summary rows (aggregated) and source rows of the figures of one or more whole cells."""
    by_cell_path: dict[tuple, list[_Figure]] = defaultdict(list)
    for f in figures:
        by_cell_path[(f.programme_id, f.indicator_id, f.breakdown, f.path)].append(f)
    sums: dict[tuple, list] = {}
    sources: list[tuple] = []
    for f in figures:
        blockers = []
        for path in _ancestor_paths(f.path):
            for g in by_cell_path.get((f.programme_id, f.indicator_id, f.breakdown, path), ()):
                if g is not f and _covers(g, f):
                    blockers.append((g.start.year, g.end.year))
        place = (province_path(f.path), area_key(f.path), f.current_province_id)
        year = f.end.year
        for window in windows(f.start.year, year, blockers):
            key = (f.programme_id, f.indicator_id, f.breakdown, f.qualifier, *place, year, *window)
            acc = sums.get(key)
            if acc is None:
                acc = sums[key] = [ZERO, ZERO, None, 0, 0]
            acc[0] += f.value
            acc[3] += 1
            if f.out_of is not None:
                acc[1] += f.value
                acc[2] = (acc[2] or ZERO) + f.out_of
                acc[4] += 1
            sources.append(
                (f.id, f.conference_id, f.programme_id, f.indicator_id, f.breakdown, *place, year, f.end, *window)
            )
    return sums, sources


_SUMMARY_COLUMNS = [
    "programme",
    "indicator",
    "breakdown",
    "qualifier",
    "province_path",
    "area_key",
    "current_province",
    "year",
    "window_start_min",
    "window_start_max",
    "window_end_min",
    "window_end_max",
    "value_total",
    "ratio_value_total",
    "out_of_total",
    "parts",
    "ratio_parts",
]
_SOURCE_COLUMNS = [
    "figure",
    "conference",
    "programme",
    "indicator",
    "breakdown",
    "province_path",
    "area_key",
    "current_province",
    "year",
    "period_end",
    "window_start_min",
    "window_start_max",
    "window_end_min",
    "window_end_max",
]


def _summary_tuples(sums: dict) -> list[tuple]:
    return [key + tuple(acc) for key, acc in sums.items()]


@dataclass(frozen=True)
class _Tally:
    id: int
    conference_id: int
    programme_id: int
    issuer_id: int
    form_id: int
    recipient_kind: str
    qualifier: str
    count: int
    start: datetime.date
    end: datetime.date
    path: str
    current_province_id: int | None


_TALLY_FIELDS = (
    "id",
    "conference_id",
    "conference__programme_id",
    "issuer_id",
    "form_id",
    "recipient_kind",
    "qualifier",
    "count",
    "conference__period_start",
    "conference__period_end",
    "conference__area__path",
    "conference__area__current_province_id",
)
_TALLY_SUMMARY_COLUMNS = [
    "programme",
    "issuer",
    "form",
    "recipient_kind",
    "qualifier",
    "province_path",
    "area_key",
    "current_province",
    "first_year",
    "year",
    "count_total",
    "parts",
]
_TALLY_SOURCE_COLUMNS = [
    "tally",
    "conference",
    "programme",
    "issuer",
    "form",
    "recipient_kind",
    "province_path",
    "area_key",
    "current_province",
    "first_year",
    "year",
    "period_end",
]


def _published_tallies(**filters) -> list[_Tally]:
    rows = AwardTally.objects.filter(
        conference__status=PUBLISHED,
        conference__period_start__isnull=False,
        conference__period_end__isnull=False,
        **filters,
    ).values_list(*_TALLY_FIELDS)
    tallies = [_Tally(*row) for row in rows.order_by()]
    for row in _held_back("tallies", filters):  # reports being corrected count as last published
        tallies.append(_Tally(*(row[name] for name in _HELD_BACK_TALLY)))
    return tallies


def _tally_rows(tallies: list[_Tally]) -> tuple[list[tuple], list[tuple]]:
    sums: dict[tuple, list] = {}
    sources = []
    for t in tallies:
        place = (province_path(t.path), area_key(t.path), t.current_province_id)
        years = (t.start.year, t.end.year)
        key = (t.programme_id, t.issuer_id, t.form_id, t.recipient_kind, t.qualifier, *place, *years)
        acc = sums.setdefault(key, [0, 0])
        acc[0] += t.count
        acc[1] += 1
        sources.append(
            (t.id, t.conference_id, t.programme_id, t.issuer_id, t.form_id, t.recipient_kind, *place, *years, t.end)
        )
    return [key + tuple(acc) for key, acc in sums.items()], sources


def _objects(model, columns, rows):
    names = [model._meta.get_field(c).attname for c in columns]
    return [model(**dict(zip(names, row, strict=True))) for row in rows]


# Incremental maintenance ----------------------------------------------------------------------------------------


def conference_changed(conference: Conference) -> None:
    """Recompute the cells a conference touches (call in the transaction that published or reopened it)."""
    path = conference.area.path if conference.area_id else ""
    if not path or conference.programme_id is None:
        return
    province = province_path(path)
    scope = PROGRAMME_SCOPE + conference.programme.code
    lock_cell(scope, province)  # before reading: a concurrent writer of this cell commits first
    pairs = set(IndicatorValue.objects.filter(conference=conference).values_list("indicator_id", "breakdown"))
    # the cells it counted in before (its figures as last published, perhaps changed or removed since)
    pairs |= set(FigureSource.objects.filter(conference=conference).values_list("indicator_id", "breakdown"))
    if pairs:
        _refresh_figure_cells(conference.programme_id, province, pairs)
    kinds = set(AwardTally.objects.filter(conference=conference).values_list("issuer_id", "form_id", "recipient_kind"))
    kinds |= set(
        TallySource.objects.filter(conference=conference).values_list("issuer_id", "form_id", "recipient_kind")
    )
    if kinds:
        _refresh_tally_cells(conference.programme_id, province, kinds)
    start, end = conference.period_start, conference.period_end
    years = range(start.year, end.year + 1) if start and end and start <= end else None
    bump_parts(scope, places_of([conference.area]), years)


def _refresh_figure_cells(programme_id: int, province: str, pairs: set[tuple[int, str]]) -> None:
    cell_q = Q(pk__in=[])
    for indicator_id, breakdown in pairs:
        cell_q |= Q(indicator_id=indicator_id, breakdown=breakdown)
    common = {"programme_id": programme_id, "province_path": province}
    FigureSummary.objects.filter(cell_q, **common).delete()
    FigureSource.objects.filter(cell_q, **common).delete()
    figures = [
        f
        for f in _published_figures(
            conference__programme_id=programme_id,
            conference__area__path__startswith=province,
            indicator_id__in={i for i, _b in pairs},
        )
        if (f.indicator_id, f.breakdown) in pairs
    ]
    sums, sources = _figure_rows(figures)
    FigureSummary.objects.bulk_create(_objects(FigureSummary, _SUMMARY_COLUMNS, _summary_tuples(sums)))
    FigureSource.objects.bulk_create(_objects(FigureSource, _SOURCE_COLUMNS, sources))


def _refresh_tally_cells(programme_id: int, province: str, kinds: set[tuple[int, int, str]]) -> None:
    cell_q = Q(pk__in=[])
    for issuer_id, form_id, recipient_kind in kinds:
        cell_q |= Q(issuer_id=issuer_id, form_id=form_id, recipient_kind=recipient_kind)
    common = {"programme_id": programme_id, "province_path": province}
    TallySummary.objects.filter(cell_q, **common).delete()
    TallySource.objects.filter(cell_q, **common).delete()
    tallies = [
        t
        for t in _published_tallies(conference__programme_id=programme_id, conference__area__path__startswith=province)
        if (t.issuer_id, t.form_id, t.recipient_kind) in kinds
    ]
    sums, sources = _tally_rows(tallies)
    TallySummary.objects.bulk_create(_objects(TallySummary, _TALLY_SUMMARY_COLUMNS, sums))
    TallySource.objects.bulk_create(_objects(TallySource, _TALLY_SOURCE_COLUMNS, sources))


# Record counts --------------------------------------------------------------------------------------------------


def maintained_sources() -> dict[str, RecordSourceState]:
    """The record providers whose counts are kept as rows (one query)."""
    return {state.source: state for state in RecordSourceState.objects.all()}


def records_changed(*, source: str | None = None, areas=(), years=None) -> None:
    """Ask the provider(s) again for the provinces of `areas` (and only `years`, when given), in the
    transaction that changed the records. source=None: every maintained provider."""
    states = maintained_sources()
    if source is not None:
        states = {source: states[source]} if source in states else {}
    areas = [area for area in areas if area is not None and area.path]
    provinces = {province_path(area.path) for area in areas}
    providers = record_sources.providers()
    places = places_of(areas) if states and provinces else []
    for name, state in sorted(states.items()):
        provider = providers.get(name)
        if provider is None:
            continue
        wanted = None if state.repeats_every_year else years
        for province in sorted(provinces):
            lock_cell(RECORDS_SCOPE + name, province)  # before asking the provider
            _refresh_records(name, provider, state, province, wanted)
        bump_parts(RECORDS_SCOPE + name, places, wanted)


def units_changed(*, areas) -> None:
    """movement.hooks: units were created or changed in these areas: only the providers that count units
    (record_sources.register(…, reads_units=True): the units the safety standard applies to) are asked
    again, not every provider over every year."""
    for source in sorted(record_sources.reads_units()):
        records_changed(source=source, areas=areas)


def _ask(provider, *, year_from: int, year_to: int, path_prefix: str) -> dict[tuple, dict]:
    """The provider's counts in every language: {(metric, breakdown, province, year): {value, out_of, labels}}."""
    result: dict[tuple, dict] = {}
    counts = list(provider(year_from=year_from, year_to=year_to, path_prefix=path_prefix))
    if counts and not all(isinstance(c.label, Promise) for c in counts):  # plain labels: ask in each language
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for count in provider(year_from=year_from, year_to=year_to, path_prefix=path_prefix):
                    key = (count.metric, count.breakdown, count.province_path, count.year)
                    entry = result.setdefault(key, {"value": count.value, "out_of": count.out_of, "labels": {}})
                    entry["labels"][code] = str(count.label)
        return result
    for count in counts:  # asked once: lazy labels read in each language
        key = (count.metric, count.breakdown, count.province_path, count.year)
        result[key] = {"value": count.value, "out_of": count.out_of, "labels": {}}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for count in counts:
                key = (count.metric, count.breakdown, count.province_path, count.year)
                result[key]["labels"][code] = str(count.label)
    return result


def _collapse(counts: dict[tuple, dict], year_from: int, year_to: int) -> tuple[dict[tuple, dict], bool]:
    """Counts repeated unchanged for every year asked for (a register without history, such as units)
    are kept once, with year None."""
    groups: dict[tuple, dict[int, dict]] = defaultdict(dict)
    for (metric, breakdown, province, year), entry in counts.items():
        groups[(metric, breakdown, province)][year] = entry
    wanted = set(range(year_from, year_to + 1))
    repeated = bool(groups) and year_to > year_from
    for by_year in groups.values():
        entries = list(by_year.values())
        if set(by_year) != wanted or any(e != entries[0] for e in entries):
            repeated = False
            break
    if not repeated:
        return counts, False
    return {(*key, None): next(iter(by_year.values())) for key, by_year in groups.items()}, True


def _record_rows(source: str, counts: dict[tuple, dict]) -> list[tuple]:
    return [
        (source, metric, breakdown, province, year, entry["value"], entry["out_of"], entry["labels"])
        for (metric, breakdown, province, year), entry in counts.items()
    ]


_RECORD_COLUMNS = ["source", "metric", "breakdown", "province_path", "year", "value", "out_of", "labels"]


def _refresh_records(name, provider, state, province: str, years) -> None:
    rows = RecordCountSummary.objects.filter(source=name, province_path=province)
    if state.repeats_every_year:
        year = timezone.localdate().year
        counts = {
            (*k[:3], None): v for k, v in _ask(provider, year_from=year, year_to=year, path_prefix=province).items()
        }
        rows.delete()
    elif years:
        first, last = min(years), max(years)
        counts = _ask(provider, year_from=first, year_to=last, path_prefix=province)
        rows.filter(year__gte=first, year__lte=last).delete()
    else:
        counts = _ask(provider, year_from=RECORD_YEARS[0], year_to=RECORD_YEARS[1], path_prefix=province)
        rows.delete()
    counts = {k: v for k, v in counts.items() if k[2] == province}
    RecordCountSummary.objects.bulk_create(_objects(RecordCountSummary, _RECORD_COLUMNS, _record_rows(name, counts)))


def record_counts(*, sources, year_from: int, year_to: int, path_prefix: str = "") -> list[record_sources.RecordCount]:
    """The stored counts of these providers, as they would answer (one query)."""
    queryset = RecordCountSummary.objects.filter(source__in=list(sources)).filter(
        Q(year__isnull=True) | Q(year__gte=year_from, year__lte=year_to)
    )
    if path_prefix:
        queryset = queryset.filter(province_path=path_prefix)
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    counts = []
    for metric, breakdown, province, year, value, out_of, labels in queryset.values_list(
        "metric", "breakdown", "province_path", "year", "value", "out_of", "labels"
    ).order_by("source", "province_path", "year", "metric", "breakdown"):
        label = labels.get(language, labels.get(settings.LANGUAGE_CODE, ""))
        for each in range(year_from, year_to + 1) if year is None else (year,):
            counts.append(record_sources.RecordCount(metric, breakdown, province, each, value, out_of, label))
    return counts


def serves_records(path_prefix: str) -> bool:
    """Stored counts are per province: they answer the whole country and a province, not a smaller area."""
    return path_prefix == "" or path_prefix.count("/") == 1


# Reads ----------------------------------------------------------------------------------------------------------


def covers(*, area: AdministrativeUnit | None, period) -> bool:
    """Whether the rows answer this summary: the whole country or a province, over whole years."""
    whole_years = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    return whole_years and (area is None or area.level == AdministrativeUnit.Level.PROVINCE)


def _place_q(area, holds_legacy: bool) -> Q:
    if area is None:
        return Q()
    q = Q(province_path=province_path(area.path))
    if holds_legacy:
        q |= Q(current_province=area)
    return q


def summary_rows(*, programme, period, area, holds_legacy: bool, by_province: bool, limit: int):
    """(figure rows, figure sources, tally rows, tally sources) as reports.summaries reads them."""
    first, last = period.start.year, period.end.year
    place = _place_q(area, holds_legacy)
    key = F("current_province_id") if by_province else F("area_key")
    programme_q = Q(programme=programme) if programme is not None else Q()

    figures = FigureSummary.objects.filter(_window_q(first, last), place, programme_q)
    figure_rows = list(
        figures.annotate(key=key)
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
            total=Sum("value_total"),
            ratio_total=Sum("ratio_value_total"),
            out_of_total=Sum("out_of_total"),
            parts=Sum("parts"),
            ratio_parts=Sum("ratio_parts"),
        )
        .order_by()
    )
    figure_sources = (
        []
        if not limit
        else list(
            FigureSource.objects.filter(_window_q(first, last), place, programme_q)
            .annotate(
                key=key,
                rank=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("breakdown"), key],
                    order_by=[F("period_end").desc(), F("conference_id").desc()],
                ),
            )
            .filter(rank__lte=limit)
            .values("indicator_id", "breakdown", "key", "year", "conference_id")
            .annotate(
                source_excerpt=F("figure__source_excerpt"),
                period_label=F("figure__period_label"),
                value=F("figure__value"),
                q=F("figure__qualifier"),
                o=F("figure__out_of"),
            )
            .order_by()
        )
    )
    years_q = Q(first_year__gte=first, first_year__lte=last, year__gte=first, year__lte=last)
    tally_rows = list(
        TallySummary.objects.filter(years_q, place, programme_q)
        .annotate(key=key)
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
        .annotate(total=Sum("count_total"), parts=Sum("parts"))
        .order_by()
    )
    tally_sources = (
        []
        if not limit
        else list(
            TallySource.objects.filter(years_q, place, programme_q)
            .annotate(
                key=key,
                rank=Window(
                    RowNumber(),
                    partition_by=[F("form_id"), F("issuer_id"), F("recipient_kind"), key],
                    order_by=[F("period_end").desc(), F("conference_id").desc()],
                ),
            )
            .filter(rank__lte=limit)
            .values("form__code", "issuer__code", "recipient_kind", "key", "conference_id")
            .annotate(source_excerpt=F("tally__source_excerpt"), count=F("tally__count"), q=F("tally__qualifier"))
            .order_by()
        )
    )
    for row in figure_rows:
        row["parts"], row["ratio_parts"] = int(row["parts"]), int(row["ratio_parts"])
        if not row["ratio_parts"]:
            row["ratio_total"] = None  # as Sum(…, filter=…) over no rows
    for row in tally_rows:
        row["total"], row["parts"] = int(row["total"]), int(row["parts"])
    return figure_rows, figure_sources, tally_rows, tally_sources


# Rebuild and check ----------------------------------------------------------------------------------------------


def _cells() -> list[tuple[int, str]]:
    """(programme, province as recorded) of every published conference with a period."""
    rows = (
        Conference.objects.filter(status=PUBLISHED, period_start__isnull=False, period_end__isnull=False)
        .values_list("programme_id", "area__path")
        .distinct()
        .order_by()
    )
    held_back = [(r["programme_id"], r["path"]) for kind in ("figures", "tallies") for r in _held_back(kind, {})]
    return sorted({(programme_id, province_path(path)) for programme_id, path in [*rows, *held_back]})


def _expected_cell(programme_id: int, province: str):
    figures = _published_figures(conference__programme_id=programme_id, conference__area__path__startswith=province)
    sums, sources = _figure_rows(figures)
    tallies = _published_tallies(conference__programme_id=programme_id, conference__area__path__startswith=province)
    tally_sums, tally_sources = _tally_rows(tallies)
    return {
        FigureSummary: _summary_tuples(sums),
        FigureSource: sources,
        TallySummary: tally_sums,
        TallySource: tally_sources,
    }


_COLUMNS = {
    FigureSummary: _SUMMARY_COLUMNS,
    FigureSource: _SOURCE_COLUMNS,
    TallySummary: _TALLY_SUMMARY_COLUMNS,
    TallySource: _TALLY_SOURCE_COLUMNS,
}


def _normal(value):
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.001"))
    if isinstance(value, float):  # SQLite may hand decimals back as floats
        return Decimal(str(value)).quantize(Decimal("0.001"))
    return value


def _stored(model, **filters) -> Counter:
    names = [model._meta.get_field(c).attname for c in _COLUMNS[model]]
    rows = model.objects.filter(**filters).values_list(*names).order_by()
    return Counter(tuple(_normal(v) for v in row) for row in rows)


def _describe(model, row) -> str:
    return f"{model.__name__}(" + ", ".join(f"{c}={v}" for c, v in zip(_COLUMNS[model], row, strict=True)) + ")"


def _compare(model, expected: Counter, stored: Counter, differences: list[str], limit: int) -> None:
    missing, extra = expected - stored, stored - expected
    for row in list(missing.elements())[: max(0, limit - len(differences))]:
        differences.append(f"missing {_describe(model, row)}")
    for row in list(extra.elements())[: max(0, limit - len(differences))]:
        differences.append(f"unexpected {_describe(model, row)}")
    rest = sum(missing.values()) + sum(extra.values())
    shown = min(rest, limit)
    if rest > shown:
        differences.append(f"… {model.__name__}: {rest} differing rows in all")


def recompute(*, write: bool = True, progress=None, limit: int = 50) -> list[str]:
    """Recompute every summary row from the published data and the record providers; return the
    differences from the stored rows (none when everything was maintained right), and store the
    recomputed rows unless write=False. Runs province by province (bounded memory); when writing, each
    cell is locked against concurrent writers before it is read."""
    with transaction.atomic():
        return _recompute(write=write, progress=progress, limit=limit)


def _recompute(*, write: bool, progress, limit: int) -> list[str]:
    programme_codes = dict(Programme.objects.values_list("pk", "code"))
    differences: list[str] = []
    counts: Counter = Counter()
    cells = _cells()
    stored_cells = set()
    for model in (FigureSummary, FigureSource, TallySummary, TallySource):
        stored_cells |= set(model.objects.values_list("programme_id", "province_path").distinct().order_by())
    for programme_id, province in cells:
        if write:
            lock_cell(PROGRAMME_SCOPE + programme_codes[programme_id], province)
        expected = _expected_cell(programme_id, province)
        for model, rows in expected.items():
            normal = Counter(tuple(_normal(v) for v in row) for row in rows)
            stored = _stored(model, programme_id=programme_id, province_path=province)
            if normal != stored:
                _compare(model, normal, stored, differences, limit)
            counts[model.__name__] += len(rows)
            if write and normal != stored:
                model.objects.filter(programme_id=programme_id, province_path=province).delete()
                _write(model, rows)
        if progress is not None:
            progress(1)
    for programme_id, province in sorted(stored_cells - set(cells)):
        for model in (FigureSummary, FigureSource, TallySummary, TallySource):
            stale = _stored(model, programme_id=programme_id, province_path=province)
            if stale:
                _compare(model, Counter(), stale, differences, limit)
                if write:
                    model.objects.filter(programme_id=programme_id, province_path=province).delete()
    differences += _recompute_records(write=write, limit=limit)
    if write:
        bump_version()
        _analyze()
    return differences


def _analyze() -> None:
    """Fresh planner statistics for the summary tables (after a rebuild they would say "empty")."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (FigureSummary, FigureSource, TallySummary, TallySource, RecordCountSummary):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _write(model, rows: list[tuple]) -> None:
    """Many rows at once: COPY on PostgreSQL (movement.bulk), bulk_create elsewhere."""
    if connection.vendor == "postgresql" and len(rows) > 1000:
        RowWriter(model, _COLUMNS[model]).write(rows)
    else:
        model.objects.bulk_create(_objects(model, _COLUMNS[model], rows), batch_size=2000)


def _recompute_records(*, write: bool, limit: int) -> list[str]:
    differences: list[str] = []
    states = maintained_sources()
    for name, provider in record_sources.providers().items():
        counts = _ask(provider, year_from=RECORD_YEARS[0], year_to=RECORD_YEARS[1], path_prefix="")
        counts, repeated = _collapse(counts, *RECORD_YEARS)
        expected = Counter(_freeze(row) for row in _record_rows(name, counts))
        stored = Counter(
            _freeze(row)
            for row in RecordCountSummary.objects.filter(source=name).values_list(*_RECORD_COLUMNS).order_by()
        )
        state = states.get(name)
        if state is not None and (expected != stored or state.repeats_every_year != repeated):
            for row in list((expected - stored).elements())[:limit]:
                differences.append(f"missing RecordCountSummary{row}")
            for row in list((stored - expected).elements())[:limit]:
                differences.append(f"unexpected RecordCountSummary{row}")
        if write:
            RecordCountSummary.objects.filter(source=name).delete()
            RecordCountSummary.objects.bulk_create(
                _objects(RecordCountSummary, _RECORD_COLUMNS, _record_rows(name, counts)), batch_size=2000
            )
            RecordSourceState.objects.update_or_create(
                source=name, defaults={"repeats_every_year": repeated, "built_at": timezone.now()}
            )
    return differences


def _freeze(row) -> tuple:
    return tuple(tuple(sorted(v.items())) if isinstance(v, dict) else v for v in row)


def rebuild_all(*, progress=None) -> None:
    """Recompute and store every summary row (after a bulk load that bypassed the services)."""
    recompute(write=True, progress=progress)
