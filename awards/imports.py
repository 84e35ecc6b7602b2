"""Reading recipient lists from CSV (UTF-8, with or without BOM) and XLSX files.

Columns: name, kind, title, unit (Vietnamese headers are accepted too: tên, loại, chức danh, đơn vị). Row
numbers are those of the file, the header being row 1. Files that carry personal data columns (citizen ID,
birth date, address) are refused outright: the portal keeps none of that."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from awards.services import ImportRow
from movement.errors import ApplicationError
from movement.text import fold
from movement.uploads import check_zip_upload, count_xml_elements

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

HEADERS = {
    "name": "name",
    "ten": "name",
    "ho ten": "name",
    "ho va ten": "name",
    "ten tap the, ca nhan": "name",
    "kind": "kind",
    "loai": "kind",
    "tap the/ca nhan": "kind",
    "title": "title",
    "chuc danh": "title",
    "chuc vu": "title",
    "unit": "unit",
    "don vi": "unit",
}
PERSONAL_DATA_HEADERS = {
    "cccd",
    "cmnd",
    "so cccd",
    "so cmnd",
    "can cuoc",
    "can cuoc cong dan",
    "so dinh danh",
    "ngay sinh",
    "nam sinh",
    "birth date",
    "date of birth",
    "dia chi",
    "que quan",
    "noi o",
    "address",
    "id number",
    "citizen id",
}


def _file_error(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})


def _header_map(header: list) -> dict[int, str]:
    mapping: dict[int, str] = {}
    personal = []
    for index, cell in enumerate(header):
        key = fold(str(cell or ""))
        if key in PERSONAL_DATA_HEADERS:
            personal.append(str(cell))
        elif key in HEADERS:
            mapping[index] = HEADERS[key]
    if personal:
        raise _file_error(
            _(
                "The file has personal data columns (%(cols)s). The portal keeps no citizen ID numbers, birth dates "
                "or addresses: remove those columns and upload again."
            )
            % {"cols": ", ".join(personal)}
        )
    missing = [c for c in ("name", "kind") if c not in mapping.values()]
    if missing:
        raise _file_error(
            _("The first row must name the columns: name, kind, title, unit (missing: %(cols)s).")
            % {"cols": ", ".join(missing)}
        )
    return mapping


def _rows(records, mapping: dict[int, str]) -> list[ImportRow]:
    """ImportRows of the non-blank records. Every record read counts towards MAX_ROWS, blank ones too
    (a file of millions of empty rows is refused as soon as it passes the limit, not read to the end)."""
    rows = []
    for read, (number, values) in enumerate(records, start=1):
        if read > MAX_ROWS:
            raise _file_error(_("The file has more than %(n)s rows (blank rows included): split it.") % {"n": MAX_ROWS})
        cells = {name: values[index] if index < len(values) else None for index, name in mapping.items()}
        text = {name: "" if value is None else str(value).strip() for name, value in cells.items()}
        if not any(text.values()):
            continue  # blank line
        rows.append(ImportRow(row=number, **text))
    return rows


def _csv_records(reader):
    try:
        for values in reader:
            yield reader.line_num, values
    except csv.Error:
        raise _file_error(
            _("The CSV file could not be read: a field is longer than %(n)s characters or badly quoted.")
            % {"n": f"{csv.field_size_limit():,}".replace(",", ".")}
        )


def _read_csv(data: bytes) -> list[ImportRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and upload again."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = _csv_records(reader)
    try:
        _number, header = next(records)
    except StopIteration:
        raise _file_error(_("The file is empty."))
    mapping = _header_map(header)
    return _rows(records, mapping)


def _read_xlsx(data: bytes) -> list[ImportRow]:
    from lxml import etree
    from openpyxl import load_workbook

    unreadable = _("The file could not be read as an Excel workbook (.xlsx).")
    archive = check_zip_upload(data, unreadable=unreadable)  # sizes and ratios, before openpyxl opens it
    # openpyxl skips empty <row/> elements without yielding them (and may walk the whole sheet to size it):
    # count every row element of the worksheets first, streamed and stopping past the limit, so that
    # millions of empty rows cost milliseconds
    try:
        for path in (n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            if count_xml_elements(archive, path, limit=MAX_ROWS + 1, tag=f"{{{SHEET_NS}}}row") > MAX_ROWS + 1:
                raise _file_error(
                    _("The file has more than %(n)s rows (blank rows included): split it.") % {"n": MAX_ROWS}
                )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.LxmlError):
        raise _file_error(unreadable)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)  # streams the rows
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _file_error(unreadable)
    try:
        sheet = workbook.worksheets[0]
        records = sheet.iter_rows(values_only=True)
        try:
            header = next(records)
        except StopIteration:
            raise _file_error(_("The file is empty."))
        mapping = _header_map(list(header))
        return _rows(((number, list(values)) for number, values in enumerate(records, start=2)), mapping)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, etree.LxmlError):
        raise _file_error(unreadable)
    finally:
        workbook.close()


def read_recipient_file(uploaded) -> list[ImportRow]:
    """Rows of an uploaded CSV or XLSX file (ApplicationError when the file itself is unusable)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if getattr(uploaded, "size", 0) and uploaded.size > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    data = uploaded.read()
    if len(data) > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        return _read_csv(data)
    raise _file_error(_("Upload a .csv or .xlsx file."))
