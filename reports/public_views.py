"""Public pages (published data only, for everyone): the home page, a programme's review, an area's page,
a year's results and a conference report. Tables work without JavaScript; charts (ECharts, from static
files) read their data from json_script blocks; every table downloads as CSV or XLSX (?format=&table=)."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from movement.models import AdministrativeUnit
from movement.text import fold
from movement.throttling import check_rate
from reports import exports, selectors
from reports.models import Conference, Programme
from reports.qualifiers import Qualifier
from reports.summaries import (
    Mode,
    Summary,
    annual_summary,
    area_options,
    format_number,
    parse_mode,
    parse_period,
    predecessor_provinces,
    programme_periods,
    programme_review_summary,
    qualified,
    resolve_area,
)
from workday import corrections

FORMATS = ("csv", "xlsx")
CHART_AREAS = 30  # bars in a chart by area (the largest ones)
# The whole summary as a document (?format=docx|pdf): format → render(request, summary, stem), registered by
# the documents app in its AppConfig.ready() (reports does not import it).
SUMMARY_DOCUMENTS: dict = {}


def on_summary_document(file_format: str, render) -> None:
    SUMMARY_DOCUMENTS[file_format] = render


# Helpers --------------------------------------------------------------------------------------------------------


def _mode(request) -> Mode:
    try:
        return parse_mode(request.GET.get("mode"))
    except ValueError:
        return Mode.CURRENT


def _query(request, **changes) -> str:
    """This page's query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.GET.items() if k not in ("format", "table")}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params) if params else ""


def _mode_links(request, mode: Mode) -> list[dict]:
    return [
        {"mode": m.value, "label": m.label, "url": _query(request, mode=m.value), "current": m == mode}
        for m in (Mode.AS_RECORDED, Mode.CURRENT)
    ]


def _download(request, tables: dict, *, stem: str, about, summary: Summary | None = None) -> object | None:
    """The CSV/XLSX answer when ?format= asks for one, or the summary's document (None otherwise; 404 for
    an unknown table)."""
    wanted = request.GET.get("format")
    if wanted not in FORMATS and not (summary is not None and wanted in SUMMARY_DOCUMENTS):
        return None
    refused = check_rate(request, "export")
    if refused is not None:
        return refused
    if wanted in SUMMARY_DOCUMENTS:
        return SUMMARY_DOCUMENTS[wanted](request, summary, stem)
    name = request.GET.get("table")
    if name and name not in tables:
        raise Http404(_("There is no such table."))
    if wanted == "csv":
        return exports.csv_response(tables[name or next(iter(tables))], stem=stem)
    chosen = [tables[name]] if name else list(tables.values())
    return exports.xlsx_response(chosen, stem=stem, about=about)


def _downloads(request) -> dict:
    """Links to download each table (the template picks its table's pair)."""
    return {
        "csv": _query(request, format="csv"),
        "xlsx": _query(request, format="xlsx"),
        **{file_format: _query(request, format=file_format) for file_format in SUMMARY_DOCUMENTS},
    }


def _ancestors(unit: AdministrativeUnit | None) -> list[AdministrativeUnit]:
    chain = []
    node = unit
    while node is not None and node.parent_id:
        node = node.parent
        chain.insert(0, node)
    return chain


def _series(label, amounts, *, unit="", percent=False) -> dict:
    return {
        "name": label,
        "unit": unit,
        "values": [
            (float(a.percent) if a.percent is not None else None) if percent else float(a.value) if a else None
            for a in amounts
        ],
        "labels": [(a.ratio_display if percent else a.display) if a else "" for a in amounts],
    }


def _pick_indicator(summary: Summary, wanted: str | None) -> str | None:
    """The figure shown by area and by year: the one asked for, else the headline figure most areas
    reported (ties: catalogue order)."""
    keys = [f.key for f in summary.figures]
    if wanted in keys:
        return wanted
    spread = {f.key: 0 for f in summary.figures}
    for row in summary.areas:
        for f in row.figures:
            spread[f.key] += 1
    headline = [f for f in summary.figures if not f.breakdown] or summary.figures
    if not headline:
        return None
    return max(headline, key=lambda f: (spread[f.key], -summary.figures.index(f))).key


def _summary_context(request, summary: Summary) -> dict:
    key = _pick_indicator(summary, request.GET.get("indicator"))
    chosen = summary.figure(key) if key else None
    area_rows = [(row, row.figure(key)) for row in summary.areas] if key else []
    year_rows = [(row, row.figure(key)) for row in summary.years] if key else []
    charts = {}
    if chosen is not None:
        percent = chosen.amount.has_ratio
        reported = [(row, f) for row, f in area_rows if f is not None]
        truncated = len(reported) > CHART_AREAS
        if truncated:  # the chart keeps the largest; the table beside it has every row
            key_of = (lambda f: f.amount.percent or 0) if percent else (lambda f: f.amount.value)
            reported = sorted(reported, key=lambda pair: key_of(pair[1]), reverse=True)[:CHART_AREAS]
        charts["areas"] = {
            "kind": "hbar",
            "title": chosen.label,
            "percent": percent,
            "truncated": truncated,
            "categories": [row.area.label for row, _f in reported],
            "series": [
                _series(chosen.label, [f.amount for _r, f in reported], unit=chosen.indicator.unit, percent=percent)
            ],
        }
        dated = [(row, f) for row, f in year_rows if f is not None]
        charts["years"] = {
            "kind": "line" if len(dated) > 2 else "bar",
            "title": chosen.label,
            "percent": percent,
            "categories": [str(row.year) for row, _f in dated],
            "series": [
                _series(chosen.label, [f.amount for _r, f in dated], unit=chosen.indicator.unit, percent=percent)
            ],
        }
    rates = summary.rates
    if rates:
        charts["rates"] = {
            "kind": "hbar",
            "title": _("Rates"),
            "percent": True,
            "categories": [f.breakdown_name or f.indicator.name for f in rates],
            "series": [_series(_("Rate"), [f.amount for f in rates], percent=True)],
        }
    if summary.award_forms:
        kinds = [
            ("collective", _("Collectives")),
            ("individual", _("Individuals")),
            ("mixed", _("Collectives and individuals (not split)")),
        ]
        charts["awards"] = {
            "kind": "stacked",
            "title": _("Awards by form"),
            "percent": False,
            "categories": [row.form_name for row in summary.award_forms],
            "series": [
                _series(label, [getattr(row, kind) for row in summary.award_forms])
                for kind, label in kinds
                if any(getattr(row, kind) for row in summary.award_forms)
            ],
        }
    show = f"{summary.programme.code}/{summary.period.label}" if summary.programme else str(summary.year)
    for row in [*summary.areas, *summary.award_areas, *summary.record_areas]:
        row.url = _province_url(row.area.id, mode=summary.mode.value, show=show) if row.area.id else ""
    indicator_options = [{"key": f.key, "label": f.label, "selected": f.key == key} for f in summary.figures]
    return {
        "summary": summary,
        "chosen": chosen,
        "area_rows": area_rows,
        "year_rows": year_rows,
        "charts": charts,
        "indicator_options": indicator_options,
        "mode_links": _mode_links(request, summary.mode),
        "downloads": _downloads(request),
        "has_charts": bool(charts),
        "as_recorded": summary.mode == Mode.AS_RECORDED,
    }


def _province_url(area_id, **params) -> str:
    url = reverse("public-province", args=[area_id])
    params = {k: v for k, v in params.items() if v}
    return f"{url}?{urlencode(params)}" if params else url


# Pages ----------------------------------------------------------------------------------------------------------


def home(request):
    """National overview: the featured programme review's headline figures, every programme's periods and
    the years with results, today's provinces with published reports, and the latest conferences."""
    options = area_options(actor=request.user, area=None, mode=Mode.CURRENT)
    featured = None
    reviews = [p for p in options.programmes if not p.is_recurring and p.periods]
    if reviews:
        programme = Programme.objects.get(code=reviews[0].code)
        featured = programme_review_summary(
            actor=request.user, programme=programme, period=reviews[0].periods[0], mode=Mode.CURRENT, sources=False
        )
    provinces = sorted(AdministrativeUnit.objects.current().provinces(), key=lambda p: fold(p.short_name or p.name))
    reporting = set(
        Conference.objects.filter(status=Conference.Status.PUBLISHED)
        .values_list("area__current_province_id", flat=True)
        .distinct()
        .order_by()
    )
    context = {
        "options": options,
        "featured": featured,
        "featured_option": reviews[0] if reviews else None,
        "provinces": [{"unit": p, "has_reports": p.pk in reporting} for p in provinces],
        "reporting_count": len(reporting & {p.pk for p in provinces}),
    }
    return render(request, "reports/public/home.html", context)


def programme_review(request, code):
    programme = get_object_or_404(Programme, code=code)
    mode = _mode(request)
    area = None
    if request.GET.get("area"):
        area = get_object_or_404(
            AdministrativeUnit.objects.select_related("parent__parent", "current_province"),
            pk=_int_or_404(request.GET["area"]),
        )
    period = None
    if request.GET.get("period"):
        try:
            period = parse_period(request.GET["period"])
        except ValueError:
            raise Http404(_("There is no such period."))
    summary = programme_review_summary(
        actor=request.user, programme=programme, period=period, area=area, mode=mode, sources=_with_sources(request)
    )
    title = _("Review of %(programme)s, %(period)s") % {
        "programme": programme.document_number or programme.code,
        "period": summary.period.label,
    }
    stem = exports.file_stem(_("review"), programme.code, summary.period.label, _area_stem(summary), mode.value)
    response = _download(
        request,
        exports.summary_tables(summary, request),
        stem=stem,
        about=exports.summary_about(summary, title=title, url=request.build_absolute_uri(request.path)),
        summary=summary,
    )
    if response is not None:
        return response
    context = {
        **_summary_context(request, summary),
        "page_title": title,
        "programme": programme,
        "periods": [
            {"label": p.label, "url": _query(request, period=p.label), "current": p.label == summary.period.label}
            for p in programme_periods(actor=request.user, programme=programme)
        ],
        "area_unit": area,
        "ancestors": _ancestors(area),
    }
    return render(request, "reports/public/programme_review.html", context)


def _with_sources(request) -> bool:
    """Downloads carry every number's sources; pages link to them (the sources page, on demand)."""
    return "format" in request.GET


def _area_stem(summary: Summary) -> str:
    return summary.area.name if summary.area else _("whole country")


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(_("There is no such area."))


def annual(request, year):
    if not 1945 <= year <= 2200:
        raise Http404(_("There is no such year."))
    mode = _mode(request)
    area = None
    if request.GET.get("area"):
        area = get_object_or_404(
            AdministrativeUnit.objects.select_related("parent__parent", "current_province"),
            pk=_int_or_404(request.GET["area"]),
        )
    summary = annual_summary(actor=request.user, year=year, area=area, mode=mode, sources=_with_sources(request))
    where = summary.area.name if summary.area else _("whole country")
    title = _("Results of %(year)s – %(area)s") % {"year": year, "area": where}
    stem = exports.file_stem(_("annual"), year, _area_stem(summary), mode.value)
    response = _download(
        request,
        exports.summary_tables(summary, request),
        stem=stem,
        about=exports.summary_about(summary, title=title, url=request.build_absolute_uri(request.path)),
        summary=summary,
    )
    if response is not None:
        return response
    options = area_options(actor=request.user, area=None, mode=mode)
    context = {
        **_summary_context(request, summary),
        "page_title": title,
        "year": year,
        "years": [
            {"year": y, "url": reverse("public-annual", args=[y]) + _query(request), "current": y == year}
            for y in options.years
        ],
        "area_unit": area,
        "ancestors": _ancestors(area),
    }
    return render(request, "reports/public/annual.html", context)


def province(request, pk):
    """An area's page (a province of either generation, or any unit below): its programme reviews and
    years, the chosen one summarised, and its published conferences."""
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("parent__parent", "current_province"), pk=pk)
    mode = _mode(request)
    subject = resolve_area(area=unit, mode=mode)
    options = area_options(actor=request.user, area=subject, mode=mode)
    choices = []
    for option in options.programmes:
        if option.is_recurring:
            continue
        for period in option.periods:
            choices.append(
                {
                    "value": f"{option.code}/{period.label}",
                    "label": _("%(programme)s, %(period)s") % {"programme": option.short, "period": period.label},
                    "end": period.end,
                }
            )
    for year in options.years:
        choices.append({"value": str(year), "label": _("Results of %(year)s") % {"year": year}, "end": None})
    show = request.GET.get("show") or ""
    if show not in {c["value"] for c in choices}:
        show = _default_show(choices)
    summary = None
    if show and "/" in show:
        code, label = show.split("/", 1)
        programme = get_object_or_404(Programme, code=code)
        summary = programme_review_summary(
            actor=request.user,
            programme=programme,
            period=parse_period(label),
            area=unit,
            mode=mode,
            sources=_with_sources(request),
        )
        title = _("Review of %(programme)s, %(period)s") % {
            "programme": programme.document_number or programme.code,
            "period": label,
        }
    elif show:
        summary = annual_summary(
            actor=request.user, year=int(show), area=unit, mode=mode, sources=_with_sources(request)
        )
        title = _("Results of %(year)s") % {"year": show}
    else:
        title = ""
    if summary is not None:
        stem = exports.file_stem(subject.name, show.replace("/", "-"), mode.value)
        response = _download(
            request,
            exports.summary_tables(summary, request),
            stem=stem,
            about=exports.summary_about(summary, title=title, url=request.build_absolute_uri(request.path)),
            summary=summary,
        )
        if response is not None:
            return response
    elif request.GET.get("format") in SUMMARY_DOCUMENTS:  # nothing published here: no document
        return SUMMARY_DOCUMENTS[request.GET["format"]](request, None, "")
    context = {
        **(_summary_context(request, summary) if summary is not None else {"mode_links": _mode_links(request, mode)}),
        "unit": unit,
        "subject": subject,
        "ancestors": _ancestors(subject),
        "options": options,
        "choices": [{**c, "selected": c["value"] == show} for c in choices],
        "show": show,
        "page_title": title,
        "mode": mode,
        "as_recorded": mode == Mode.AS_RECORDED,
        "predecessors": predecessor_provinces(subject)
        if summary is None and mode == Mode.AS_RECORDED and not subject.is_legacy
        else [],
    }
    return render(request, "reports/public/province.html", context)


def _default_show(choices) -> str:
    """The latest programme review or year with reports (a review wins a tie with its last year)."""
    best, best_key = "", None
    for choice in choices:
        if choice["end"] is not None:
            key = (choice["end"], 1)
        else:
            key = (datetime.date(int(choice["value"]), 12, 31), 0)
        if best_key is None or key > best_key:
            best, best_key = choice["value"], key
    return best


def conference(request, pk):
    """A published conference report: its figures, award tallies and sources (404 when not published,
    whoever asks: staff read drafts on their own pages)."""
    try:
        item = selectors.conference_list(actor=None, with_full_text=True).get(pk=pk)
    except Conference.DoesNotExist:
        item = corrections.public_conference(pk)  # reopened: as last published, with a notice
        if item is None:
            raise Http404(_("There is no such published conference report."))
    names = selectors.breakdown_names()
    figures = list(item.figures.all())
    for figure in figures:
        figure.breakdown_name = names.get(figure.breakdown, figure.breakdown) if figure.breakdown else ""
        figure.display = qualified(figure.value, figure.qualifier)
        figure.out_of_display = format_number(figure.out_of) if figure.out_of is not None else ""
        figure.is_qualified = figure.qualifier != Qualifier.EXACT
    item.public_figures = figures
    tallies = list(item.tallies.all())
    for tally in tallies:
        tally.display = qualified(tally.count, tally.qualifier)
    stem = exports.file_stem(_("conference"), item.pk, item.area.name, item.period_label)
    response = _download(
        request,
        exports.conference_tables(item, request),
        stem=stem,
        about=[(_("Title"), item.title), (_("Page"), request.build_absolute_uri(request.path))],
    )
    if response is not None:
        return response
    area = item.area
    context = {
        "conference": item,
        "figures": figures,
        "tallies": tallies,
        "documents": list(item.source_documents.all()),
        "ancestors": [*_ancestors(area), area],
        "now_in": area.current_province if area.is_legacy else None,
        "downloads": _downloads(request),
        "review_url": _review_url(item),
    }
    return render(request, "reports/public/conference.html", context)


def _review_url(item: Conference) -> str:
    """Where the conference's figures are summarised: its programme's review or its year."""
    if item.programme.is_recurring and item.period_end:
        return reverse("public-annual", args=[item.period_end.year])
    if item.period_label:
        url = reverse("public-programme-review", args=[item.programme.code])
        return f"{url}?{urlencode({'period': item.period_label})}"
    return ""
