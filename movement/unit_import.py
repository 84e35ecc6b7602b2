"""Importing units (agencies, enterprises, schools, hospitals, residential areas) from a CSV (UTF-8) or XLSX
file: every row checked first (its errors listed with the file's row number), then all rows saved or none.

Columns (Vietnamese or English headers): loại/kind, tên/name, địa bàn/area (generation and official code,
"2025:16174", or the official code), địa chỉ/address, mã số thuế/tax_code, cấp học/school_level, quy
mô/enterprise_size, lực lượng bảo vệ/security_force. Values may be the codes or the names shown on the pages.
The file's size and its rows (blank ones too) are bounded; XLSX is read in read-only mode."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from movement import areas, services
from movement.access import Capability
from movement.errors import ApplicationError
from movement.models import Unit
from movement.text import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000  # every row counts, blank ones too
HEADERS = {
    "kind": "kind",
    "loai": "kind",
    "loai don vi": "kind",
    "name": "name",
    "ten": "name",
    "ten don vi": "name",
    "area": "area",
    "dia ban": "area",
    "don vi hanh chinh": "area",
    "ma dia ban": "area",
    "address": "address",
    "dia chi": "address",
    "tax_code": "tax_code",
    "tax code": "tax_code",
    "ma so thue": "tax_code",
    "school_level": "school_level",
    "cap hoc": "school_level",
    "enterprise_size": "enterprise_size",
    "quy mo": "enterprise_size",
    "quy mo doanh nghiep": "enterprise_size",
    "security_force": "security_force",
    "luc luong bao ve": "security_force",
}
CHOICES = {
    "kind": Unit.Kind,
    "school_level": Unit.SchoolLevel,
    "enterprise_size": Unit.EnterpriseSize,
    "security_force": Unit.SecurityForce,
}
EXTRA_WORDS = {
    "kind": {
        "co quan": "agency",
        "doanh nghiep": "enterprise",
        "truong": "school",
        "nha truong": "school",
        "truong hoc": "school",
        "benh vien": "hospital",
        "khu dan cu": "residential_area",
    },
    "enterprise_size": {"sieu nho": "micro", "nho": "small", "vua": "medium", "lon": "large"},
    "security_force": {"khong": "none", "ban chuyen trach": "part_time", "chuyen trach": "full_time"},
}


@dataclass
class Row:
    row: int
    cells: dict
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"row": self.row, **self.cells, "errors": self.errors}


@dataclass
class UnitImportResult:
    dry_run: bool
    rows: list[Row]
    saved: int = 0

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if r.errors]


def _file_error(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})


def _choice(name: str, value: str) -> str:
    if not value:
        return ""
    folded = fold(value)
    words = dict(EXTRA_WORDS.get(name, {}))
    for choice in CHOICES[name]:
        words[fold(choice.value)] = choice.value
        words[fold(str(choice.label))] = choice.value
    return words.get(folded, value)


def _records(uploaded):
    """(row number, [cells]) of the file, the header first; bounded."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if getattr(uploaded, "size", 0) and uploaded.size > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    if data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
            raise _file_error(_("The file could not be read as an Excel workbook (.xlsx)."))
        try:
            records = []
            for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True, max_col=20), 1):
                if number > MAX_ROWS + 1:
                    raise _file_error(_("The file has more than %(n)s rows (blank ones count too).") % {"n": MAX_ROWS})
                records.append((number, ["" if v is None else str(v).strip() for v in values]))
            return records
        finally:
            workbook.close()
    if name.endswith(".xlsx"):
        raise _file_error(_("The file could not be read as an Excel workbook (.xlsx)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and upload again."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    records = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for values in reader:
        if reader.line_num > MAX_ROWS + 1:
            raise _file_error(_("The file has more than %(n)s rows (blank ones count too).") % {"n": MAX_ROWS})
        records.append((reader.line_num, [v.strip() for v in values[:20]]))
    return records


def read_unit_file(uploaded) -> list[tuple[int, dict]]:
    records = _records(uploaded)
    if not records:
        raise _file_error(_("The file is empty."))
    header = records[0][1]
    mapping = {i: HEADERS[fold(h)] for i, h in enumerate(header) if fold(h) in HEADERS}
    missing = [c for c in ("kind", "name", "area") if c not in mapping.values()]
    if missing:
        raise _file_error(
            _("The first row must name the columns: kind, name, area (missing: %(cols)s).")
            % {"cols": ", ".join(missing)}
        )
    rows = []
    for number, values in records[1:]:
        cells = {name: (values[i] if i < len(values) else "") for i, name in mapping.items()}
        if any(cells.values()):
            rows.append((number, cells))
    return rows


def unit_import(*, actor, rows: list[tuple[int, dict]], dry_run: bool = True) -> UnitImportResult:
    """Check every row (dry run), or create every unit when all rows are valid (all or nothing)."""
    candidates = areas.areas_for(actor=actor, capability=Capability.UNITS_EDIT)
    result = UnitImportResult(dry_run=dry_run, rows=[])
    prepared = []
    for number, cells in rows:
        row = Row(row=number, cells=dict(cells))
        data = {name: _choice(name, cells.get(name, "")) for name in CHOICES}
        data["security_force"] = data["security_force"] or Unit.SecurityForce.NONE
        data.update(name=cells.get("name", "")[:255], address=cells.get("address", "")[:255])
        data["tax_code"] = cells.get("tax_code", "")[:20]
        # a bare code names today's unit first (legacy and 2025 codes overlap); "legacy:402" names an old one
        area = areas.resolve(candidates.current(), cells.get("area", "")) or areas.resolve(
            candidates, cells.get("area", "")
        )
        if area is None:
            row.errors.append(
                _("Unknown administrative unit, or not one of your areas: %(text)s (write 2025:16174 or the code).")
                % {"text": cells.get("area", "") or "—"}
            )
        unit = Unit(area=area, **data) if area is not None else Unit(**data)
        try:
            unit.full_clean(exclude=["area", "search_name"] if area is None else ["search_name"])
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                label = str(Unit._meta.get_field(field_name).verbose_name) if field_name != "__all__" else ""
                row.errors.extend(f"{label}: {m}" if label else m for m in messages)
        result.rows.append(row)
        prepared.append((row, area, data))
    if dry_run or result.errors:
        return result
    with transaction.atomic():
        for _row, area, data in prepared:
            services.unit_create(actor=actor, area=area, **data)
            result.saved += 1
    return result
