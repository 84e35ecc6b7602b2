"""Offline entry: an XLSX template of a draft report (its indicators with unit and allowed breakdowns, and an
award tallies sheet, prefilled with what the report already holds), and reading it back: every row's error
with its sheet and row number, then an all-or-nothing save through reports.entry (the file is the whole
table: rows left out are deleted, as on the grid).

The file is read with openpyxl in read-only mode; its size and its rows (blank ones too) are bounded before
anything else is done."""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from movement.errors import ApplicationError
from movement.text import fold
from reports import entry, selectors, services
from reports.models import AwardForm, AwardTally, Breakdown, Conference, IssuingAuthority
from reports.qualifiers import Qualifier

MAX_BYTES = 2 * 1024 * 1024
MAX_SHEET_ROWS = 1000  # every row counts, blank ones too
MAX_COLUMNS = 30
FORMATTED_ROWS = 300  # rows of the template whose value columns are text (Excel keeps "3.071" as typed)
FIGURE_SHEET = "Chỉ tiêu"
TALLY_SHEET = "Khen thưởng"
LISTS_SHEET = "Danh mục"
FIGURE_COLUMNS = [
    ("indicator", "Mã chỉ tiêu"),
    ("group", "Nhóm"),
    ("name", "Chỉ tiêu"),
    ("unit", "Đơn vị tính"),
    ("allowed", "Phân loại được phép"),
    ("breakdown", "Phân loại (mã hoặc tên; trống = tổng số)"),
    ("qualifier", "Mức độ (hơn, gần, khoảng; trống = chính xác)"),
    ("value", "Giá trị"),
    ("out_of", "Trên tổng số"),
    ("source_excerpt", "Trích dẫn / ghi chú"),
]
TALLY_COLUMNS = [
    ("issuer", "Cấp khen (mã hoặc tên)"),
    ("form", "Hình thức (mã hoặc tên)"),
    ("recipient_kind", "Đối tượng (tập thể, cá nhân, không tách)"),
    ("qualifier", "Mức độ (hơn, gần, khoảng; trống = chính xác)"),
    ("count", "Số lượng"),
    ("source_excerpt", "Trích dẫn / ghi chú"),
]


@dataclass
class RowProblem:
    sheet: str
    row: int
    reason: str

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "reason": self.reason}


@dataclass
class ImportResult:
    dry_run: bool
    figures: list[dict] = field(default_factory=list)  # {"row": n, **service data}
    tallies: list[dict] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    saved: bool = False

    def as_dict(self) -> dict:
        def plain(rows):
            return [
                {
                    key: (entry.display_number(value) if key in ("value", "out_of", "count") else value)
                    for key, value in row.items()
                }
                for row in rows
            ]

        return {
            "dry_run": self.dry_run,
            "saved": self.saved,
            "figures": plain(self.figures),
            "tallies": plain(self.tallies),
            "errors": [e.as_dict() for e in self.errors],
        }


# ---------------------------------------------------------------------------------------------------------------
# The template


def conference_template(conference: Conference) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    indicators = list(selectors.indicator_list().filter(is_active=True))
    groups = {i.code: i.get_group_display() for i in indicators}
    figures: dict[str, list] = {}
    for figure in conference.figures.select_related("indicator"):
        figures.setdefault(figure.indicator.code, []).append(figure)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FIGURE_SHEET
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE3EA")
    sheet.append([label for _key, label in FIGURE_COLUMNS])
    for indicator in indicators:
        allowed = ", ".join(b.code for b in indicator.breakdowns.all())
        base = [indicator.code, groups[indicator.code], indicator.name_vi, indicator.unit_vi, allowed]
        for figure in figures.get(indicator.code) or [None]:
            if figure is None:
                sheet.append([*base, "", "", "", "", ""])
            else:
                sheet.append(
                    [
                        *base,
                        figure.breakdown,
                        _qualifier_word(figure.qualifier),
                        entry.display_number(figure.value),
                        entry.display_number(figure.out_of),
                        figure.source_excerpt,
                    ]
                )
    tallies = workbook.create_sheet(TALLY_SHEET)
    tallies.append([label for _key, label in TALLY_COLUMNS])
    for tally in conference.tallies.select_related("issuer", "form"):
        tallies.append(
            [
                tally.issuer.code,
                tally.form.code,
                _recipient_word(tally.recipient_kind),
                _qualifier_word(tally.qualifier),
                entry.display_number(tally.count),
                tally.source_excerpt,
            ]
        )
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.append(["Phân loại (mã)", "Tên", "", "Cấp khen (mã)", "Tên", "", "Hình thức (mã)", "Tên"])
    breakdowns = list(Breakdown.objects.order_by("rank", "code"))
    issuers = list(IssuingAuthority.objects.order_by("level", "code"))
    forms = list(AwardForm.objects.order_by("rank", "code"))
    for index in range(max(len(breakdowns), len(issuers), len(forms))):
        row = ["", "", "", "", "", "", "", ""]
        if index < len(breakdowns):
            row[0:2] = [breakdowns[index].code, breakdowns[index].name_vi]
        if index < len(issuers):
            row[3:5] = [issuers[index].code, issuers[index].name_vi]
        if index < len(forms):
            row[6:8] = [forms[index].code, forms[index].name_vi]
        lists.append(row)
    for ws, widths in (
        (sheet, [30, 22, 48, 12, 30, 22, 18, 14, 14, 40]),
        (tallies, [34, 26, 22, 18, 12, 40]),
        (lists, [24, 34, 4, 38, 50, 4, 24, 28]),
    ):
        for number, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=number).column_letter].width = width
        for cell in ws[1]:
            cell.font, cell.fill = bold, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    # Values are text, typed as printed ("3.071", "hơn 1.200"): Excel must not turn 3.071 into 3,071.
    for column in ("H", "I"):
        for row in range(2, FORMATTED_ROWS):
            sheet[f"{column}{row}"].number_format = "@"
    for row in range(2, 200):
        tallies[f"E{row}"].number_format = "@"
    qualifiers = DataValidation(type="list", formula1='"hơn,gần,khoảng"', allow_blank=True)
    sheet.add_data_validation(qualifiers)
    qualifiers.add(f"G2:G{FORMATTED_ROWS}")
    kinds = DataValidation(type="list", formula1='"tập thể,cá nhân,không tách"', allow_blank=True)
    tallies.add_data_validation(kinds)
    kinds.add("C2:C200")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


_QUALIFIER_WORDS = {Qualifier.MORE_THAN: "hơn", Qualifier.NEARLY: "gần", Qualifier.ABOUT: "khoảng"}
_RECIPIENT_WORDS = {
    AwardTally.RecipientKind.COLLECTIVE: "tập thể",
    AwardTally.RecipientKind.INDIVIDUAL: "cá nhân",
    AwardTally.RecipientKind.MIXED: "không tách",
}


def _qualifier_word(qualifier: str) -> str:
    return _QUALIFIER_WORDS.get(qualifier, "")


def _recipient_word(kind: str) -> str:
    return _RECIPIENT_WORDS.get(kind, kind)


# ---------------------------------------------------------------------------------------------------------------
# Reading it back


def _file_error(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float):
        # A number cell: Excel already read it (3071, 12.5) — write it back the Vietnamese way.
        from decimal import Decimal

        return entry.display_number(Decimal(str(value)))
    return str(value).strip()


def _lookup(value: str, choices: dict[str, str]) -> str:
    """A code, a name, or a word of the template's lists → the code (the text itself when unknown)."""
    return choices.get(fold(value), value)


def _read_sheet(workbook, title: str, columns: list) -> list[tuple[int, dict]]:
    if title not in workbook.sheetnames:
        return []
    rows = []
    keys = [key for key, _label in columns]
    for number, values in enumerate(workbook[title].iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if number > MAX_SHEET_ROWS:
            raise _file_error(
                _("The sheet “%(sheet)s” has more than %(n)s rows (blank ones count too): split the file.")
                % {"sheet": title, "n": MAX_SHEET_ROWS}
            )
        if number == 1:
            continue
        cells = {key: _text(values[index]) if index < len(values) else "" for index, key in enumerate(keys)}
        rows.append((number, cells))
    return rows


def read_workbook(uploaded) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
    """The figure and tally rows of an uploaded template ((row number, {column: text}), header = row 1)."""
    from openpyxl import load_workbook

    if getattr(uploaded, "size", 0) and uploaded.size > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    if data[:2] != b"PK":
        raise _file_error(_("The file could not be read as an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _file_error(_("The file could not be read as an Excel workbook (.xlsx)."))
    try:
        if FIGURE_SHEET not in workbook.sheetnames and TALLY_SHEET not in workbook.sheetnames:
            raise _file_error(
                _("The workbook has neither a “%(a)s” nor a “%(b)s” sheet: start from the downloaded template.")
                % {"a": FIGURE_SHEET, "b": TALLY_SHEET}
            )
        figures = _read_sheet(workbook, FIGURE_SHEET, FIGURE_COLUMNS)
        tallies = _read_sheet(workbook, TALLY_SHEET, TALLY_COLUMNS)
    finally:
        workbook.close()
    return figures, tallies


def _choices():
    breakdowns, issuers, forms = {}, {}, {}
    for b in Breakdown.objects.all():
        breakdowns.update({fold(b.code): b.code, fold(b.name_vi): b.code, fold(b.name_en or b.code): b.code})
    for a in IssuingAuthority.objects.all():
        issuers.update({fold(a.code): a.code, fold(a.name_vi): a.code, fold(a.name_en or a.code): a.code})
    for f in AwardForm.objects.all():
        forms.update({fold(f.code): f.code, fold(f.name_vi): f.code, fold(f.name_en or f.code): f.code})
    qualifiers = {fold(word): value for value, word in _QUALIFIER_WORDS.items()}
    qualifiers.update({fold(value): value for value in Qualifier.values})
    qualifiers.update({"tren": Qualifier.MORE_THAN, "": Qualifier.EXACT, "chinh xac": Qualifier.EXACT})
    kinds = {fold(word): value for value, word in _RECIPIENT_WORDS.items()}
    kinds.update({fold(value): value for value in AwardTally.RecipientKind.values})
    return breakdowns, issuers, forms, qualifiers, kinds


def _messages(errors: dict) -> list[str]:
    found = []
    for _field, messages in errors.items():
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            if not isinstance(message, dict):
                found.append(str(message))
    return found


def conference_import(*, actor, conference: Conference, uploaded, dry_run: bool = True, expected_version=None):
    """Check (dry run) or save the rows of a filled template. Every error names its sheet and row; nothing is
    saved unless every row is valid."""
    figure_rows, tally_rows = read_workbook(uploaded)
    return conference_import_rows(
        actor=actor,
        conference=conference,
        figure_rows=figure_rows,
        tally_rows=tally_rows,
        dry_run=dry_run,
        expected_version=expected_version,
    )


def conference_import_rows(*, actor, conference, figure_rows, tally_rows, dry_run=True, expected_version=None):
    """The same from rows already read ((row number, {column: text}); what a preview keeps until confirmed)."""
    services._require_editable(actor=actor, conference=conference)  # a dry run too: 403, or locked (400)
    breakdowns, issuers, forms, qualifiers, kinds = _choices()
    result = ImportResult(dry_run=dry_run)
    figure_data, tally_data = [], []
    for number, cells in figure_rows:
        raw = {
            "indicator": cells["indicator"],
            "breakdown": _lookup(cells["breakdown"], breakdowns),
            "qualifier": qualifiers.get(fold(cells["qualifier"]), cells["qualifier"]),
            "value": cells["value"],
            "out_of": cells["out_of"],
            "source_excerpt": cells["source_excerpt"],
        }
        data, errors = entry.figure_row(raw)
        if errors:
            result.errors.extend(RowProblem(FIGURE_SHEET, number, m) for m in _messages(errors))
        elif data is not None:
            figure_data.append((number, data))
    for number, cells in tally_rows:
        raw = {
            "issuer": _lookup(cells["issuer"], issuers),
            "form": _lookup(cells["form"], forms),
            "recipient_kind": kinds.get(fold(cells["recipient_kind"]), cells["recipient_kind"]),
            "qualifier": qualifiers.get(fold(cells["qualifier"]), cells["qualifier"]),
            "count": cells["count"],
            "source_excerpt": cells["source_excerpt"],
        }
        data, errors = entry.tally_row(raw)
        if errors:
            result.errors.extend(RowProblem(TALLY_SHEET, number, m) for m in _messages(errors))
        elif data is not None:
            tally_data.append((number, data))
    checked_figures, checked_tallies = entry.check_rows(
        conference=conference, figures=[d for _n, d in figure_data], tallies=[d for _n, d in tally_data]
    )
    for (number, _data), errors in zip(figure_data, checked_figures, strict=True):
        result.errors.extend(RowProblem(FIGURE_SHEET, number, m) for m in _messages(errors))
    for (number, _data), errors in zip(tally_data, checked_tallies, strict=True):
        result.errors.extend(RowProblem(TALLY_SHEET, number, m) for m in _messages(errors))
    result.errors.sort(key=lambda e: (e.sheet != FIGURE_SHEET, e.row))
    result.figures = [{"row": n, **d} for n, d in figure_data]
    result.tallies = [{"row": n, **d} for n, d in tally_data]
    if dry_run or result.errors:
        return result
    entry.conference_entry_save(
        actor=actor,
        conference=conference,
        figures=[d for _n, d in figure_data],
        tallies=[d for _n, d in tally_data],
        expected_version=expected_version,
    )
    result.saved = True
    return result
