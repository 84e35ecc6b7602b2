"""Open-data downloads of every table on the public pages: CSV (UTF-8 with a byte-order mark, so Excel
opens Vietnamese correctly) and XLSX (openpyxl). Numbers are plain machine-readable numbers; beside each
one come its qualifier (code and word), the text as shown ("hơn 23.000"), the x/y ratio, whether it was
reported or computed from records, and its sources (conference titles, their public pages, excerpts)."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from movement.spreadsheets import safe_row
from movement.text import fold
from reports.qualifiers import Qualifier, prefix
from reports.summaries import Amount, Summary, format_number, qualified

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    name: str  # used in ?table= and in file names
    title: str
    columns: list[tuple[str, str]]  # (key, header)
    rows: list[dict] = field(default_factory=list)


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if (request is not None and url) else url


def qualifier_word(code: str) -> str:
    """The qualifier as a reader says it, in the active language ("hơn", "gần", "khoảng"; "chính xác")."""
    word = prefix(code or Qualifier.EXACT, get_language() or "vi")
    return word or _("exact")


def amount_columns(prefix: str = "") -> list[tuple[str, str]]:
    p = f"{prefix} " if prefix else ""
    return [
        (f"{prefix}value", p + _("value")),
        (f"{prefix}qualifier", p + _("qualifier")),
        (f"{prefix}display", p + _("as shown")),
        (f"{prefix}ratio_value", p + _("x (of x/y)")),
        (f"{prefix}out_of", p + _("out of (y)")),
        (f"{prefix}percent", p + _("percent")),
        (f"{prefix}ratio_display", p + _("ratio as shown")),
        (f"{prefix}basis", p + _("basis")),
        (f"{prefix}source_count", p + _("number of sources")),
        (f"{prefix}sources", p + _("sources")),
        (f"{prefix}source_links", p + _("source links")),
        (f"{prefix}excerpts", p + _("excerpts")),
        (f"{prefix}qualifier_code", p + _("qualifier code")),
    ]


def amount_cells(amount: Amount | None, request, prefix: str = "") -> dict:
    if amount is None:
        return {}
    sources = amount.sources
    return {
        f"{prefix}value": _number(amount.value),
        f"{prefix}qualifier": qualifier_word(amount.qualifier),
        f"{prefix}qualifier_code": amount.qualifier,
        f"{prefix}display": amount.display,
        f"{prefix}ratio_value": _number(amount.ratio_value),
        f"{prefix}out_of": _number(amount.out_of),
        f"{prefix}percent": _number(amount.percent),
        f"{prefix}ratio_display": amount.ratio_display,
        f"{prefix}basis": amount.basis_label,
        f"{prefix}source_count": amount.source_count,
        f"{prefix}sources": " | ".join(
            f"{s.title} ({s.area_name}{', ' + s.held_on.isoformat() if s.held_on else ''})" for s in sources
        ),
        f"{prefix}source_links": " | ".join(_absolute(request, s.url) for s in sources),
        f"{prefix}excerpts": " | ".join(
            f"{s.excerpt}" + (f" [{s.period_label}]" if s.period_label else "") for s in sources if s.excerpt
        ),
    }


def _figure_columns():
    return [
        ("indicator", _("indicator code")),
        ("indicator_name", _("indicator")),
        ("breakdown", _("breakdown code")),
        ("breakdown_name", _("breakdown")),
        ("unit", _("unit of measure")),
    ]


def _figure_cells(figure) -> dict:
    return {
        "indicator": figure.indicator.code,
        "indicator_name": figure.indicator.name,
        "breakdown": figure.breakdown,
        "breakdown_name": figure.breakdown_name,
        "unit": figure.indicator.unit,
    }


def _area_columns():
    return [
        ("area_id", _("area id")),
        ("area", _("area")),
        ("area_context", _("part of")),
        ("area_now_in", _("now part of")),
        ("area_holds", _("figures recorded for")),
    ]


def _area_cells(area) -> dict:
    return {
        "area_id": area.id,
        "area": area.name,
        "area_context": area.context,
        "area_now_in": area.now_in,
        "area_holds": "; ".join(area.holds),
    }


def summary_tables(summary: Summary, request) -> dict[str, Table]:
    """Every table of a summary page, in long format (one row per number)."""
    tables = {}
    figures = Table("figures", _("Totals by indicator and breakdown"), _figure_columns() + amount_columns())
    for f in summary.figures:
        figures.rows.append({**_figure_cells(f), **amount_cells(f.amount, request)})
    tables["figures"] = figures

    areas = Table("areas", _("By area"), _area_columns() + _figure_columns() + amount_columns())
    for row in summary.areas:
        for f in row.figures:
            areas.rows.append({**_area_cells(row.area), **_figure_cells(f), **amount_cells(f.amount, request)})
    tables["areas"] = areas

    years = Table("years", _("By year"), [("year", _("year"))] + _figure_columns() + amount_columns())
    for row in summary.years:
        for f in row.figures:
            years.rows.append({"year": row.year, **_figure_cells(f), **amount_cells(f.amount, request)})
    tables["years"] = years

    rates = Table("rates", _("Rates (x out of y) by subject kind"), _figure_columns() + amount_columns())
    for f in summary.rates:
        rates.rows.append({**_figure_cells(f), **amount_cells(f.amount, request)})
    tables["rates"] = rates

    awards = Table(
        "awards",
        _("Awards by form, issuer and recipients"),
        [
            ("form", _("form code")),
            ("form_name", _("form")),
            ("issuer", _("issuer code")),
            ("issuer_name", _("issuer")),
            ("recipient_kind", _("recipients code")),
            ("recipient_kind_label", _("recipients")),
        ]
        + amount_columns(),
    )
    for line in summary.awards:
        awards.rows.append(
            {
                "form": line.form_code,
                "form_name": line.form_name,
                "issuer": line.issuer_code,
                "issuer_name": line.issuer_name,
                "recipient_kind": line.recipient_kind,
                "recipient_kind_label": line.recipient_kind_label,
                **amount_cells(line.amount, request),
            }
        )
    tables["awards"] = awards

    award_areas = Table("award_areas", _("Awards by area"), _area_columns() + amount_columns())
    for row in summary.award_areas:
        award_areas.rows.append({**_area_cells(row.area), **amount_cells(row.total, request)})
    tables["award_areas"] = award_areas

    record_columns = [
        ("metric", _("metric code")),
        ("metric_label", _("metric")),
        ("breakdown", _("breakdown code")),
        ("breakdown_label", _("breakdown")),
    ]
    records = Table("records", _("Counts computed from records"), record_columns + amount_columns())
    for line in summary.records:
        records.rows.append(_record_cells(line, request))
    tables["records"] = records
    record_areas = Table(
        "record_areas", _("Counts computed from records, by area"), _area_columns() + record_columns + amount_columns()
    )
    for row in summary.record_areas:
        for line in row.lines:
            record_areas.rows.append({**_area_cells(row.area), **_record_cells(line, request)})
    tables["record_areas"] = record_areas

    conferences = Table("conferences", _("Conferences summarised"), conference_columns())
    for c in summary.conferences:
        conferences.rows.append(conference_cells(c, request))
    tables["conferences"] = conferences
    return tables


def _record_cells(line, request) -> dict:
    return {
        "metric": line.metric,
        "metric_label": line.metric_label,
        "breakdown": line.breakdown,
        "breakdown_label": line.breakdown_label,
        **amount_cells(line.amount, request),
    }


def conference_columns():
    return [
        ("id", _("id")),
        ("title", _("title")),
        ("programme", _("programme")),
        ("kind", _("kind")),
        ("area", _("administrative unit")),
        ("area_now_in", _("now part of")),
        ("held_on", _("held on")),
        ("period", _("period")),
        ("url", _("public page")),
        ("documents", _("source documents")),
        ("document_links", _("source links")),
    ]


def conference_cells(c, request) -> dict:
    return {
        "id": c.id,
        "title": c.title,
        "programme": c.programme_code,
        "kind": c.kind_label,
        "area": c.area.label,
        "area_now_in": c.area.now_in,
        "held_on": c.held_on.isoformat() if c.held_on else "",
        "period": c.period_label,
        "url": _absolute(request, c.url),
        "documents": " | ".join(d.title for d in c.documents),
        "document_links": " | ".join(d.url or _absolute(request, d.page_url) for d in c.documents),
    }


def conference_tables(conference, request) -> dict[str, Table]:
    """The tables of a public conference page: its figures and its award tallies."""
    page = _absolute(request, f"/conferences/{conference.pk}/")
    figures = Table(
        "figures",
        _("Reported figures"),
        [
            ("indicator", _("indicator code")),
            ("indicator_name", _("indicator")),
            ("breakdown", _("breakdown code")),
            ("breakdown_name", _("breakdown")),
            ("unit", _("unit of measure")),
            ("value", _("value")),
            ("out_of", _("out of (y)")),
            ("qualifier", _("qualifier")),
            ("display", _("as shown")),
            ("period", _("period of this figure")),
            ("excerpt", _("excerpt")),
            ("note", _("note")),
            ("source", _("source")),
            ("qualifier_code", _("qualifier code")),
        ],
    )
    for f in conference.public_figures:
        figures.rows.append(
            {
                "indicator": f.indicator.code,
                "indicator_name": f.indicator.name,
                "breakdown": f.breakdown,
                "breakdown_name": f.breakdown_name,
                "unit": f.indicator.unit,
                "value": _number(f.value),
                "out_of": _number(f.out_of),
                "qualifier": qualifier_word(f.qualifier),
                "qualifier_code": f.qualifier,
                "display": f.display,
                "period": f.period_label or conference.period_label,
                "excerpt": f.source_excerpt,
                "note": f.note,
                "source": page,
            }
        )
    tallies = Table(
        "tallies",
        _("Award tallies"),
        [
            ("issuer", _("issuer code")),
            ("issuer_name", _("issuer")),
            ("form", _("form code")),
            ("form_name", _("form")),
            ("recipient_kind", _("recipients code")),
            ("recipient_kind_label", _("recipients")),
            ("count", _("count")),
            ("qualifier", _("qualifier")),
            ("display", _("as shown")),
            ("excerpt", _("excerpt")),
            ("note", _("note")),
            ("source", _("source")),
            ("qualifier_code", _("qualifier code")),
        ],
    )
    for t in conference.tallies.all():
        tallies.rows.append(
            {
                "issuer": t.issuer.code,
                "issuer_name": t.issuer.name,
                "form": t.form.code,
                "form_name": t.form.name,
                "recipient_kind": t.recipient_kind,
                "recipient_kind_label": t.get_recipient_kind_display(),
                "count": t.count,
                "qualifier": qualifier_word(t.qualifier),
                "qualifier_code": t.qualifier,
                "display": qualified(t.count, t.qualifier),
                "excerpt": t.source_excerpt,
                "note": t.note,
                "source": page,
            }
        )
    return {"figures": figures, "tallies": tallies}


def file_stem(*parts) -> str:
    """An ASCII file name from Vietnamese parts: "tong-ket-ct07-2014-2014-2019-toan-quoc"."""
    return "-".join(filter(None, (slugify(fold(str(p))) for p in parts if p))) or "data"


def csv_response(table: Table, *, stem: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # byte-order mark: Excel then reads UTF-8
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header for _key, header in table.columns))
    for row in table.rows:
        writer.writerow(safe_row("" if row.get(key) is None else row.get(key) for key, _h in table.columns))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{table.name}.csv"'
    return response


def xlsx_response(tables: list[Table], *, stem: str, about: list[tuple[str, str]]) -> HttpResponse:
    """One sheet per table, and a first sheet saying what the file holds."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("About")[:31]
    bold = Font(bold=True)
    downloaded = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    for label, value in [*about, (_("Downloaded at"), downloaded)]:
        sheet.append(safe_row([label, value]))
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    for table in tables:
        ws = workbook.create_sheet(title=_sheet_title(table, workbook))
        ws.append(safe_row(header for _key, header in table.columns))
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            ws.append(safe_row(row.get(key) for key, _h in table.columns))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, bool):
                    continue
                if isinstance(cell.value, int):
                    cell.number_format = "#,##0"  # numeric cells, shown with the reader's separators
                elif isinstance(cell.value, float):
                    cell.number_format = "#,##0.0##"
        ws.freeze_panes = "A2"
        for index, (key, _header) in enumerate(table.columns, start=1):
            long_text = key.endswith(("sources", "source_links", "excerpts", "documents", "document_links", "title"))
            ws.column_dimensions[get_column_letter(index)].width = 60 if long_text else 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    name = f"{stem}-{tables[0].name}" if len(tables) == 1 else stem
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(table: Table, workbook) -> str:
    """The table's title in the reader's language (a sheet name: at most 31 characters, none of []:*?/\\)."""
    base = " ".join(str(table.title or table.name).translate(_SHEET_FORBIDDEN).split())[:31].strip() or table.name
    title, n = base, 2
    while title in workbook.sheetnames:
        title = f"{base[:27].strip()} ({n})"
        n += 1
    return title


def summary_about(summary: Summary, *, title: str, url: str) -> list[tuple[str, str]]:
    area = summary.area.label if summary.area else _("Whole country")
    return [
        (_("Title"), title),
        (_("Area"), area),
        (_("Period"), summary.period.label),
        (_("Mode"), summary.mode_label),
        (_("Conferences summarised"), format_number(summary.conference_count)),
        (_("Page"), url),
        (
            _("How to read"),
            _(
                "Numbers are sums of figures reported at published conferences. 'more_than' (hơn) and "
                "'about' (khoảng) qualifiers carry through sums: a total with a 'more than' part reads "
                "'more than N'; one with a 'nearly' or 'about' part reads 'about N'. Ratios are re-aggregated "
                "from values and 'out of' figures, never averaged. Counts computed from records are labelled "
                "'computed' and never added to reported figures."
            ),
        ),
    ]
