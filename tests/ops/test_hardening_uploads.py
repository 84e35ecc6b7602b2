"""Issue 12, item 1: zip-based uploads (.docx on /staff/extractions/, .xlsx recipient lists) are checked
for their unpacked size and compression ratio before any parser opens them, and every row read counts
towards the row limit (blank rows too). Also item 8's 200 kB CSV field (a 400, not `_csv.Error`)."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from awards import imports
from awards.imports import read_recipient_file
from extraction.files import read_text_file
from movement.errors import ApplicationError
from movement.models import Role
from movement.uploads import check_zip_upload


def _docx_bytes(text="Giao nộp 23 súng quân dụng.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, member: str, content: bytes) -> bytes:
    """A copy of the zip `data` with `member` replaced by `content` (deflated)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return out.getvalue()


def _docx_with_empty_paragraphs(count: int) -> bytes:
    body = b"<w:p/>" * count
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    return _replace_member(_docx_bytes(), "word/document.xml", xml)


def _xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_with_empty_rows(count: int) -> bytes:
    data = _xlsx_bytes([["name", "kind"], ["Sở Tư pháp", "tập thể"]])
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is>'
        b"</c></row>" + b"<row/>" * count + b"</sheetData></worksheet>"
    )
    return _replace_member(data, "xl/worksheets/sheet1.xml", sheet)


def test_a_normal_docx_still_reads():
    assert "23 súng" in read_text_file(_docx_bytes(), "bao-cao.docx")


def test_docx_bomb_is_refused_by_its_compression_ratio_before_parsing():
    bomb = _docx_with_empty_paragraphs(400_000)  # 2.4 MB of XML in a few kB
    assert len(bomb) < 50_000  # the template of python-docx holds a 30 kB thumbnail
    with pytest.raises(ApplicationError, match="zip bomb"):
        read_text_file(bomb, "bom.docx")


def test_docx_bomb_is_refused_by_its_unpacked_size(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 10_000
    with pytest.raises(ApplicationError, match="1 MB"):
        read_text_file(_docx_with_empty_paragraphs(200_000), "bom.docx")


def test_docx_with_too_many_paragraphs_is_refused_even_when_the_ratio_passes(settings):
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 10_000
    settings.DOCX_MAX_PARAGRAPHS = 1000
    with pytest.raises(ApplicationError, match="1.000"):
        read_text_file(_docx_with_empty_paragraphs(1001), "dai.docx")
    assert read_text_file(_docx_with_empty_paragraphs(999), "du.docx").count("\n") >= 998


def test_not_a_zip_is_a_readable_error():
    with pytest.raises(ApplicationError, match="Word"):
        read_text_file(b"PK\x03\x04 not really", "hong.docx")
    with pytest.raises(ApplicationError):
        check_zip_upload(b"nothing")


def test_xlsx_bomb_is_refused_before_openpyxl_reads_it():
    bomb = _xlsx_with_empty_rows(400_000)
    upload = SimpleUploadedFile("ds.xlsx", bomb)
    with pytest.raises(ApplicationError, match="zip bomb"):
        read_recipient_file(upload)


def test_blank_xlsx_rows_count_towards_the_row_limit(settings, monkeypatch):
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 100_000
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    with pytest.raises(ApplicationError, match="50"):
        read_recipient_file(SimpleUploadedFile("ds.xlsx", _xlsx_with_empty_rows(60)))
    # 49 blank rows after the header are fine (and give no rows)
    assert read_recipient_file(SimpleUploadedFile("ds.xlsx", _xlsx_with_empty_rows(49))) == []


def test_blank_csv_lines_count_towards_the_row_limit(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    text = "name,kind\n" + "\n" * 60 + "Sở Tư pháp,tập thể\n"
    with pytest.raises(ApplicationError, match="50"):
        read_recipient_file(SimpleUploadedFile("ds.csv", text.encode()))


def test_a_200_kb_csv_field_is_a_400_not_a_crash():
    text = "name,kind\n" + "A" * 200_000 + ",tập thể\n"
    with pytest.raises(ApplicationError, match="CSV"):
        read_recipient_file(SimpleUploadedFile("ds.csv", text.encode()))


@pytest.mark.django_db
def test_the_staff_extraction_page_refuses_the_bomb_next_to_the_file_field(client, make_user, thanh_hoa):
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    upload = SimpleUploadedFile("bom.docx", _docx_with_empty_paragraphs(400_000))
    response = client.post("/staff/extractions/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_empty_xlsx_rows_are_counted_before_openpyxl_even_when_the_ratio_passes(settings):
    # openpyxl never yields an empty <row/>: the rows are counted on the XML first (streamed, stops early)
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 100_000
    with pytest.raises(ApplicationError, match="2000"):
        read_recipient_file(SimpleUploadedFile("ds.xlsx", _xlsx_with_empty_rows(400_000)))
