"""Zip bombs against the upload readers (issue 12, item 1): time and peak memory of reading a .docx of
empty paragraphs and an .xlsx of empty rows, through the portal's readers (checked before parsing) and,
for comparison, straight through the parsers as the readers did before the checks.

    .venv/bin/python bench/upload_bombs.py [--paragraphs 3000000] [--rows 8000000] [--skip-unchecked]

The unchecked runs of the full-size bombs take minutes and about a gigabyte: --paragraphs/--rows make
them smaller (the figures scale linearly)."""

import argparse
import io
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from awards.imports import read_recipient_file  # noqa: E402
from extraction.files import read_text_file  # noqa: E402
from movement.errors import ApplicationError  # noqa: E402


def _replace(data: bytes, member: str, content: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return out.getvalue()


def docx_bomb(paragraphs: int) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    xml = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p/>" * paragraphs
        + b"</w:body></w:document>"
    )
    return _replace(buffer.getvalue(), "word/document.xml", xml)


def xlsx_bomb(rows: int) -> bytes:
    workbook, buffer = Workbook(), io.BytesIO()
    workbook.active.append(["name", "kind"])
    workbook.save(buffer)
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is>'
        b"</c></row>" + b"<row/>" * rows + b"</sheetData></worksheet>"
    )
    return _replace(buffer.getvalue(), "xl/worksheets/sheet1.xml", sheet)


def measure(label: str, function) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        function()
        outcome = "read"
    except ApplicationError as error:
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<48} {seconds:9.3f} s  peak {peak / 1e6:9.1f} MB  {outcome[:70]}")


def unchecked_docx(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    "\n".join(paragraph.text for paragraph in document.paragraphs)


def unchecked_xlsx(data: bytes) -> None:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=3_000_000)
    parser.add_argument("--rows", type=int, default=8_000_000)
    parser.add_argument("--skip-unchecked", action="store_true")
    args = parser.parse_args()
    document, sheet = docx_bomb(args.paragraphs), xlsx_bomb(args.rows)
    print(f".docx: {args.paragraphs:,} empty paragraphs in {len(document) / 1000:.0f} kB")
    print(f".xlsx: {args.rows:,} empty rows in {len(sheet) / 1000:.0f} kB")
    measure("docx through read_text_file (checked)", lambda: read_text_file(document, "bom.docx"))
    measure(
        "xlsx through read_recipient_file (checked)", lambda: read_recipient_file(SimpleUploadedFile("b.xlsx", sheet))
    )
    if not args.skip_unchecked:
        measure("docx straight through python-docx (before)", lambda: unchecked_docx(document))
        measure("xlsx straight through openpyxl (before)", lambda: unchecked_xlsx(sheet))


if __name__ == "__main__":
    main()
