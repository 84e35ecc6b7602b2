"""The sources behind one number of a summary, on demand and paged (issue 16): the summary answers carry
each number's `sources_url` (/api/v1/summaries/sources/?…, the public page /sources/?…) instead of listing
its sources. The parameters are the summary's own (programme and period, or year; area; mode) and the
number's: `indicator` and `breakdown` for a reported figure, `form` (and `issuer`, `kind`) or `award=all`
for award tallies; `part` (the area of a row) or `row_year` (a year's row) narrow it to a row's cell.

For the whole country or a province over whole years the sources are read from the summary rows
(reports.rollups: FigureSource, TallySource, through their indexes; two queries per page), elsewhere
from the figures themselves with the same "no double counting" rule as the summary."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Exists, Q
from django.utils.translation import gettext as _

from movement.models import AdministrativeUnit
from reports import rollups
from reports.models import AwardTally, IndicatorValue, Programme
from reports.summaries import (
    Mode,
    _conference_q,
    _covering,
    _holds_legacy,
    format_number,
    parse_mode,
    parse_period,
    public_conference_url,
    qualified,
    resolve_area,
    year_period,
)
from reports.summary_rows import FigureSource, TallySource

PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_TEXT = 80  # length bound of the codes in the query


class SourcesQueryError(ValueError):
    """A parameter is missing or invalid (answered 400 / 404)."""


@dataclass
class SourceItem:
    conference_id: int
    title: str
    area: str
    held_on: object
    period_label: str
    excerpt: str
    value_display: str
    url: str


@dataclass
class SourcesPage:
    count: int
    page: int
    pages: int
    results: list[SourceItem]
    query: dict


def _text(params, name: str) -> str:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise SourcesQueryError(_("%(name)s is too long.") % {"name": name})
    if not value.isprintable():
        raise SourcesQueryError(_("Unknown mode.") if name == "mode" else _("There is no such programme."))
    return value


def _int(params, name: str, *, low: int, high: int) -> int | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise SourcesQueryError(_("%(name)s must be a whole number from %(low)s to %(high)s.") % locals())
    return int(value)


def _unit(pk: int | None) -> AdministrativeUnit | None:
    if pk is None:
        return None
    unit = AdministrativeUnit.objects.select_related("parent__parent", "current_province").filter(pk=pk).first()
    if unit is None:
        raise SourcesQueryError(_("There is no such area."))
    return unit


def number_sources(params) -> SourcesPage:
    """The page of sources the parameters name (a QueryDict or dict). SourcesQueryError when invalid."""
    code = _text(params, "programme")
    year = _int(params, "year", low=1945, high=2200)
    programme = None
    if code:
        programme = Programme.objects.filter(code=code).first()
        if programme is None:
            raise SourcesQueryError(_("There is no such programme."))
        try:
            period = parse_period(_text(params, "period"))
        except ValueError:
            raise SourcesQueryError(_("Give a year or a range of years, e.g. 2014-2019."))
    elif year is not None:
        period = year_period(year)
    else:
        raise SourcesQueryError(_("Give a programme and a period, or a year."))
    try:
        mode = parse_mode(_text(params, "mode") or None)
    except ValueError:
        raise SourcesQueryError(_("Unknown mode."))
    area = resolve_area(area=_unit(_int(params, "area", low=1, high=2**31 - 1)), mode=mode)
    part = _unit(_int(params, "part", low=1, high=2**31 - 1))
    row_year = _int(params, "row_year", low=1945, high=2200)
    page = _int(params, "page", low=1, high=MAX_PAGE) or 1
    indicator, breakdown = _text(params, "indicator"), _text(params, "breakdown")
    form, issuer, kind = _text(params, "form"), _text(params, "issuer"), _text(params, "kind")
    by_province = area is None and mode == Mode.CURRENT
    if indicator:
        rows = _figure_sources(programme, period, area, mode, indicator, breakdown, part, row_year, by_province)
    elif form or _text(params, "award") == "all":
        rows = _tally_sources(programme, period, area, mode, form, issuer, kind, part, by_province)
    else:
        raise SourcesQueryError(_("Name the number: an indicator, or an award form."))
    count = rows.count()
    start = (page - 1) * PAGE_SIZE
    items = [_item(row) for row in rows[start : start + PAGE_SIZE]]
    query = {k: v for k, v in dict(params.items()).items() if k != "page"}
    return SourcesPage(count=count, page=page, pages=max(1, math.ceil(count / PAGE_SIZE)), results=items, query=query)


_RELATED = ("conference__area__parent__parent", "conference__area__current_province")


def _part_q(part, by_province: bool, p: str) -> Q:
    if part is None:
        return Q()
    if by_province:
        return Q(**{f"{p}current_province": part}) if p else Q(conference__area__current_province=part)
    return Q(**{f"{p}area_key__startswith": part.path}) if p else Q(conference__area__path__startswith=part.path)


def _figure_sources(programme, period, area, mode, indicator, breakdown, part, row_year, by_province):
    if rollups.covers(area=area, period=period):
        q = rollups._window_q(period.first_year, period.last_year) & rollups._place_q(area, _holds_legacy(area, mode))
        if programme is not None:
            q &= Q(programme=programme)
        if part is not None:
            q &= Q(current_province=part) if by_province else Q(area_key__startswith=part.path)
        if row_year is not None:
            q &= Q(year=row_year)
        return (
            FigureSource.objects.filter(q, indicator__code=indicator, breakdown=breakdown)
            .select_related("figure", *_RELATED)
            .order_by("-period_end", "-conference_id", "-figure_id")
        )
    in_scope = _conference_q(p="conference__", period=period, area=area, mode=mode, programme=programme)
    figures = IndicatorValue.objects.filter(in_scope, indicator__code=indicator, breakdown=breakdown)
    figures = figures.filter(~Exists(_covering(in_scope))).filter(_part_q(part, by_province, ""))
    if row_year is not None:
        figures = figures.filter(conference__period_end__year=row_year)
    return figures.select_related(*_RELATED).order_by("-conference__period_end", "-conference_id", "-id")


def _tally_sources(programme, period, area, mode, form, issuer, kind, part, by_province):
    wanted = Q()
    if form:
        wanted &= Q(form__code=form)
    if issuer:
        wanted &= Q(issuer__code=issuer)
    if kind:
        wanted &= Q(recipient_kind=kind)
    if rollups.covers(area=area, period=period):
        first, last = period.first_year, period.last_year
        q = Q(first_year__gte=first, first_year__lte=last, year__gte=first, year__lte=last)
        q &= rollups._place_q(area, _holds_legacy(area, mode))
        if programme is not None:
            q &= Q(programme=programme)
        if part is not None:
            q &= Q(current_province=part) if by_province else Q(area_key__startswith=part.path)
        return (
            TallySource.objects.filter(q, wanted)
            .select_related("tally", *_RELATED)
            .order_by("-period_end", "-conference_id", "-tally_id")
        )
    in_scope = _conference_q(p="conference__", period=period, area=area, mode=mode, programme=programme)
    tallies = AwardTally.objects.filter(in_scope, wanted).filter(_part_q(part, by_province, ""))
    return tallies.select_related(*_RELATED).order_by("-conference__period_end", "-conference_id", "-id")


def _item(row) -> SourceItem:
    record = getattr(row, "figure", None) or getattr(row, "tally", None) or row
    conference = row.conference
    if isinstance(record, AwardTally):
        value = qualified(record.count, record.qualifier)
        period_label = ""
    else:
        value = qualified(record.value, record.qualifier)
        if record.out_of is not None:
            value += f"/{format_number(record.out_of)}"
        period_label = record.period_label
    from reports.summaries import area_ref

    return SourceItem(
        conference_id=conference.pk,
        title=conference.title,
        area=area_ref(conference.area).label,
        held_on=conference.held_on,
        period_label=period_label,
        excerpt=record.source_excerpt,
        value_display=value,
        url=public_conference_url(conference.pk),
    )


def sources_page(request):
    """The public page of a number's sources (the pages' plain "N sources" links; no JavaScript)."""
    from django.http import Http404
    from django.shortcuts import render
    from django.urls import reverse
    from django.utils.http import urlencode

    try:
        page = number_sources(request.GET)
    except SourcesQueryError as error:
        raise Http404(str(error))

    def link(number):
        return request.path + "?" + urlencode({**page.query, "page": number}) if 1 <= number <= page.pages else ""

    summary = {k: v for k, v in page.query.items() if k in ("period", "area", "mode")}
    if page.query.get("programme"):
        back = reverse("public-programme-review", args=[page.query["programme"]]) + "?" + urlencode(summary)
    else:
        back = reverse("public-annual", args=[int(page.query["year"])]) + "?" + urlencode(summary)
    context = {
        "page": page,
        "first": (page.page - 1) * PAGE_SIZE + 1,
        "previous": link(page.page - 1),
        "next": link(page.page + 1),
        "back": back,
    }
    return render(request, "reports/public/sources.html", context)
