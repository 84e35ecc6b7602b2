"""Issue 12, item 3: no CSV or XLSX the portal writes holds a live formula. Texts that start with `=`, `+`,
`-`, `@`, a tab or a carriage return get a leading apostrophe; numbers stay numeric cells."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from movement.spreadsheets import safe_cell
from reports.exports import Table, csv_response, xlsx_response

HOSTILE = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\ry"]


def _table():
    table = Table(name="figures", title="Số liệu", columns=[("excerpt", "=excerpt"), ("value", "value")])
    for text in HOSTILE:
        table.rows.append({"excerpt": text, "value": Decimal("-12.5")})
    table.rows.append({"excerpt": "Giao nộp 23 súng", "value": 23})
    return table


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_cell_neutralises_formula_starts(text):
    assert safe_cell(text) == "'" + text


def test_safe_cell_leaves_numbers_and_plain_text():
    assert safe_cell(-5) == -5 and safe_cell(Decimal("-1.5")) == Decimal("-1.5") and safe_cell(None) is None
    assert safe_cell("Thanh Hóa") == "Thanh Hóa"


def test_csv_download_has_no_formula_cells():
    content = csv_response(_table(), stem="t").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert rows[0] == ["'=excerpt", "value"]
    assert [row[0] for row in rows[1:-1]] == ["'" + text for text in HOSTILE]
    assert rows[1][1] == "-12.5" and rows[-1] == ["Giao nộp 23 súng", "23"]


@pytest.mark.django_db
def test_xlsx_download_has_no_formula_cells_and_numbers_stay_numbers():
    response = xlsx_response([_table()], stem="t", about=[("Title", "=cmd|' /C calc'!A0")])
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    sheet = workbook.worksheets[1]  # the table (named by its title in the reader's language); [0] is "About"
    assert sheet["A2"].value == "'" + HOSTILE[0]
    assert sheet["B2"].value == -12.5 and sheet["B2"].data_type == "n"
    assert workbook.worksheets[0]["B1"].value == "'=cmd|' /C calc'!A0"
