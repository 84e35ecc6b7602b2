"""Official documents from the demo data (issue 17): the Thanh Hóa CT07 2014-2019 report draft, the Quảng Trị
2020 annual draft, a recognition decision and an award decision, as .docx (python-docx reads them back) and
PDF (pypdf reads the text layer); the Nghị định 30/2020 header, page and fonts; a province's own header,
signer and template file; where the files are served, and the readable 404/400 for a request for nothing."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document as read_docx
from docx.shared import Mm, Pt
from pypdf import PdfReader

from awards.models import AwardDecision, RecognitionDecision
from documents import content, generators
from documents.models import DocumentProfile
from documents.word import write_base_template
from movement.models import AdministrativeUnit as AU
from reports.models import Programme

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _province(code):
    return AU.objects.get(generation="2025", level="province", code=code)


def _thanh_hoa_report():
    summary = generators.vietnamese_summary(
        kind="programme_review",
        programme=Programme.objects.get(code="CT07-2014"),
        period="2014-2019",
        area=_province("38"),
    )
    return generators.report(summary)


def _quang_tri_annual():
    return generators.report(generators.vietnamese_summary(kind="annual", year=2020, area=_province("44")))


def _recognition():
    return generators.recognition(RecognitionDecision.objects.get(number="DEMO-02/QĐ-UBND"))


def _award():
    return generators.award(AwardDecision.objects.get(number="DEMO-3210/QĐ-UBND"))


def _docx(document):
    return read_docx(io.BytesIO(generators.render(document, "docx")))


def _docx_text(doc) -> str:
    """Every paragraph of the body and of every table cell (nested too), in order."""
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def _table_rows(doc) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]


def _pdf(document):
    return PdfReader(io.BytesIO(generators.render(document, "pdf")))


def _pdf_text(reader) -> str:
    """The text layer, with line breaks folded (a cell may wrap "1.069/1.144 (93,4 %)")."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _assert_a4_with_header(reader):
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842  # A4
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert NATIONAL_TITLE in first and MOTTO in first


def _assert_decree_page(doc):
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(20)) < Mm(1) and abs(section.bottom_margin - Mm(20)) < Mm(1)
    assert abs(section.left_margin - Mm(30)) < Mm(1) and abs(section.right_margin - Mm(15)) < Mm(1)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)


# The four demo documents ----------------------------------------------------------------------------------------


def test_thanh_hoa_report_docx_has_the_decree_header_sections_and_numbers_as_printed(demo, db):
    doc = _docx(_thanh_hoa_report())
    _assert_decree_page(doc)
    text = _docx_text(doc)
    header = _table_rows(doc)[0]
    assert "UBND TỈNH THANH HÓA" in header[0] and "BAN CHỈ ĐẠO 138" in header[0]  # the demo's own header
    assert re.search(r"Số:\s+/BC-BCĐ138", header[0])  # the number is left blank for the clerk
    assert NATIONAL_TITLE in header[1] and MOTTO in header[1]
    assert re.search(r"Thanh Hóa, ngày\s+tháng\s+năm \d{4}", header[1])
    assert "DỰ THẢO" in text and "BÁO CÁO" in text
    assert "Chỉ thị số 07/CT-BCA-V28" in text and "giai đoạn 2014-2019, trên địa bàn Tỉnh Thanh Hóa" in text
    rows = _table_rows(doc)
    figures = {row[1]: row[2] for row in rows if len(row) == 5 and row[0].isdigit()}
    assert figures["Tin báo cung cấp cho lực lượng Công an"] == "hơn 10.000"
    assert figures["Buổi tuyên truyền"] == "3.071"
    assert figures["Lượt người tham gia tuyên truyền"] == "hơn 740.000"
    assert figures["Tin, bài, phóng sự, bản tin"] == "gần 4.000"
    awards = [row for row in rows if "Bằng khen" in row and "Chủ tịch UBND tỉnh" in row]
    assert sorted(row[-1] for row in awards) == ["26", "28"]
    assert any("DEMO-3210/QĐ-UBND" in row and "11/09/2019" in row and "3 tập thể" in row for row in rows)
    assert any("Cơ quan, doanh nghiệp, nhà trường áp dụng mô hình" in row for row in rows)
    for heading in ("IV. ĐÁNH GIÁ CHUNG", "V. BÀI HỌC KINH NGHIỆM", "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"):
        assert heading in text
    assert text.count("[Cán bộ soạn thảo viết:") == 5  # judgement is left to people, marked
    assert "PHỤ LỤC: NGUỒN SỐ LIỆU" in text and "hơn 10.000 tin" in text  # the source's excerpt
    assert "KT. TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" in text and "Lưu: VT." in text
    assert "\ufffd" not in text  # no lost letter


def test_thanh_hoa_report_pdf_has_the_same_numbers_on_a4(demo, db):
    document = _thanh_hoa_report()
    reader = _pdf(document)
    _assert_a4_with_header(reader)
    text = _pdf_text(reader)
    doc = _docx(document)
    figures = [row[2] for row in _table_rows(doc) if len(row) == 5 and row[0].isdigit() and row[2]]
    assert "hơn 10.000" in figures
    for number in figures:
        assert number in text
    for phrase in ("BAN CHỈ ĐẠO 138", "BÁO CÁO", "Tin báo cung cấp cho lực lượng Công an", "DEMO-3210/QĐ-UBND"):
        assert phrase in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("Liberation-Serif" in f or "TimesNewRoman" in f for f in fonts), fonts  # Times New Roman metrics


def test_quang_tri_annual_draft_docx_and_pdf(demo, db):
    document = _quang_tri_annual()
    doc = _docx(document)
    _assert_decree_page(doc)
    text = _docx_text(doc)
    assert "UBND TỈNH QUẢNG TRỊ" in text and "Quảng Trị, ngày" in text
    assert "năm 2020, trên địa bàn Tỉnh Quảng Trị" in text
    for number in ("1.069/1.144 (93,4 %)", "289/304 (95,1 %)", "gần 30", "116.869"):
        assert number in text
    pdf_text = _pdf_text(_pdf(document))
    for number in ("1.069/1.144 (93,4 %)", "289/304 (95,1 %)", "gần 30", "116.869", "Đạt tiêu chuẩn"):
        assert number in pdf_text


def test_recognition_decision_lists_its_units_with_number_date_and_signer(demo, db):
    document = _recognition()
    doc = _docx(document)
    _assert_decree_page(doc)
    text = _docx_text(doc)
    assert "UBND HUYỆN QUẢNG NINH" in text and "ỦY BAN NHÂN DÂN XÃ VẠN NINH" in text
    assert "Số: DEMO-02/QĐ-UBND" in text and "Vạn Ninh, ngày 15 tháng 11 năm 2019" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”" in text
    assert "CHỦ TỊCH UBND XÃ VẠN NINH" in text
    assert ["1", "Thôn Long Đại, xã Vạn Ninh", "Khu dân cư", "Xã Vạn Ninh", "2019"] in _table_rows(doc)
    assert "Nơi nhận:" in text and "- Như Điều 3;" in text and "- Công an huyện Quảng Ninh;" in text
    pdf = _pdf(document)
    _assert_a4_with_header(pdf)
    pdf_text = _pdf_text(pdf)
    for phrase in ("Thôn Long Đại, xã Vạn Ninh", "DEMO-02/QĐ-UBND", "Vạn Ninh, ngày 15 tháng 11 năm 2019"):
        assert phrase in pdf_text


def test_award_decision_lists_its_recipients_in_order_with_the_signer(demo, db):
    document = _award()
    doc = _docx(document)
    text = _docx_text(doc)
    assert "Số: DEMO-3210/QĐ-UBND" in text
    assert "Thanh Hóa, ngày 11 tháng 9 năm 2019" in text  # months from March on without a leading zero
    assert "Về việc tặng Bằng khen" in text and "CHỦ TỊCH UBND TỈNH THANH HÓA" in text
    assert "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" in text  # the province's award header
    recipients = [row for row in _table_rows(doc) if row[1:2] == ["Tập thể"]]
    assert [row[2] for row in recipients] == [
        "Trường THPT Đào Duy Từ",
        "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
        "Công ty TNHH Lọc hóa dầu Nghi Sơn",
    ]
    assert "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc" in text
    assert "- Sở Nội vụ (Ban Thi đua - Khen thưởng);" in text
    pdf = _pdf(document)
    _assert_a4_with_header(pdf)
    assert "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa" in _pdf_text(pdf)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (make pdf-deps) is not installed")
def test_pdf_pages_render_to_a4_images(demo, db, tmp_path):
    (tmp_path / "award.pdf").write_bytes(generators.render(_award(), "pdf"))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "award.pdf"), str(tmp_path / "page")], check=True)
    from PIL import Image

    with Image.open(next(tmp_path.glob("page*.png"))) as image:
        width, height = image.size
    assert abs(width / height - 210 / 297) < 0.01


# A province's own header, signer and template file ---------------------------------------------------------------


def test_a_header_and_signer_set_in_the_admin_are_used_by_the_document(demo, db, admin_client):
    quang_tri = _province("44")
    DocumentProfile.objects.filter(area=quang_tri, kind="report").delete()
    response = admin_client.post(
        "/admin/documents/documentprofile/add/",
        {
            "area": quang_tri.pk,
            "kind": "report",
            "parent_body": "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
            "issuing_body": "Ban Chỉ đạo phong trào toàn dân BVANTQ",
            "symbol": "BC-BCĐ",
            "place": "Đông Hà",
            "signer_title": "TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN",
            "signer_name": "Nguyễn Văn Thử",
            "recipients": "Công an tỉnh;\nLưu: VT, BCĐ.",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = _quang_tri_annual()
    doc = _docx(document)
    header = _table_rows(doc)[0]
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" in header[0]
    assert "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BVANTQ" in header[0] and re.search(r"Số:\s+/BC-BCĐ", header[0])
    assert "Đông Hà, ngày" in header[1]
    text = _docx_text(doc)
    assert "TM. BAN CHỈ ĐẠO" in text and "Nguyễn Văn Thử" in text and "- Lưu: VT, BCĐ." in text
    pdf_text = _pdf_text(_pdf(document))
    assert "Nguyễn Văn Thử" in pdf_text and "Đông Hà, ngày" in pdf_text


def test_without_a_profile_the_issuing_body_and_signer_are_marked_blanks(demo, db):
    DocumentProfile.objects.filter(kind="report").delete()
    text = _docx_text(_docx(_quang_tri_annual()))
    assert "[TÊN CƠ QUAN BAN HÀNH]" in text and "[CHỨC VỤ NGƯỜI KÝ]" in text
    assert "Quảng Trị, ngày" in text  # the place is the area's name


def test_a_province_template_file_sets_its_own_page(demo, db, settings, tmp_path):
    template = write_base_template(tmp_path / "N38.docx")
    doc = read_docx(str(template))
    doc.sections[0].left_margin = Mm(35)
    doc.save(str(template))
    settings.DOCUMENTS_TEMPLATE_DIRS = [str(tmp_path)]
    assert abs(_docx(_thanh_hoa_report()).sections[0].left_margin - Mm(35)) < Mm(1)
    assert abs(_docx(_quang_tri_annual()).sections[0].left_margin - Mm(30)) < Mm(1)  # other provinces: the default


def test_listed_sources_and_decisions_are_bounded(demo, db, monkeypatch):
    monkeypatch.setattr(content, "ANNEX_SOURCE_LIMIT", 2)
    monkeypatch.setattr(content, "DECISION_LIMIT", 0)
    monkeypatch.setattr(content, "LONG_TABLE_LIMIT", 3)
    text = _docx_text(_docx(_thanh_hoa_report()))
    assert "Và 1 quyết định khác." in text
    annex = _docx(_thanh_hoa_report()).tables[-1]
    assert len(annex.rows) == 1 + 2
    assert re.search(r"Và \d+ nguồn khác", text)
    assert "Và 8 dòng khác (đủ trong tệp XLSX của trang công khai)." in text  # 11 figures by area, 3 listed


# Where the documents are served ----------------------------------------------------------------------------------


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_public_pages_answer_docx_and_pdf_and_offer_them(demo, db, client):
    thanh_hoa, quang_tri = _province("38"), _province("44")
    url = f"/programmes/CT07-2014/review/?period=2014-2019&area={thanh_hoa.pk}"
    page = client.get(url)
    assert page.status_code == 200 and b"format=docx" in page.content and b"format=pdf" in page.content
    response = client.get(url + "&format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-')
    assert "hơn 10.000" in _docx_text(read_docx(io.BytesIO(response.content)))
    response = client.get(f"/annual/2020/?area={quang_tri.pk}&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "1.069/1.144 (93,4 %)" in _pdf_text(PdfReader(io.BytesIO(response.content)))
    response = client.get(f"/provinces/{thanh_hoa.pk}/?show=CT07-2014/2014-2019&format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE


def test_an_english_page_still_gives_a_vietnamese_document(demo, db, client):
    response = client.get(
        f"/programmes/CT07-2014/review/?period=2014-2019&area={_province('38').pk}&format=docx",
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_COOKIE="django_language=en",
    )
    assert response.status_code == 200
    text = _docx_text(read_docx(io.BytesIO(response.content)))
    assert "hơn 10.000" in text and "more than" not in text


def test_public_request_for_nothing_is_a_readable_404(demo, db, client):
    response = client.get("/annual/1990/?format=pdf")
    assert response.status_code == 404
    assert "Không có báo cáo hội nghị đã công bố" in response.content.decode()
    response = client.get(f"/provinces/{_province('96').pk}/?format=docx")  # Cà Mau: nothing published
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_api_answers_files_and_json_errors(demo, db, client):
    quang_tri = _province("44")
    response = client.get(f"/api/v1/documents/annual/?year=2020&area={quang_tri.pk}&format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    response = client.get(f"/api/v1/documents/annual/?year=2020&area={quang_tri.pk}")
    assert response.status_code == 400 and "format" in response.json()
    response = client.get("/api/v1/documents/annual/?year=2020&format=odt")
    assert response.status_code == 400
    response = client.get("/api/v1/documents/annual/?year=1990&format=docx")
    assert response.status_code == 404 and "Không có báo cáo hội nghị đã công bố" in response.json()["detail"]
    response = client.get("/api/v1/documents/programme-review/?programme=CT07-2014&period=20x&format=docx")
    assert response.status_code == 400
    draft = AwardDecision.objects.get(number="DEMO-45/QĐ-CAT")
    assert client.get(f"/api/v1/documents/award-decisions/{draft.pk}/?format=pdf").status_code == 404  # unpublished
    issued = AwardDecision.objects.get(number="DEMO-3210/QĐ-UBND")
    response = client.get(f"/api/v1/documents/award-decisions/{issued.pk}/?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_staff_buttons_and_downloads(demo, db, client, national_admin):
    client.force_login(national_admin)
    award = AwardDecision.objects.get(number="DEMO-45/QĐ-CAT")  # a draft: its document is marked DỰ THẢO
    page = client.get(f"/staff/awards/{award.pk}/").content.decode()
    assert f"/staff/documents/award-decisions/{award.pk}/?format=docx" in page
    response = client.get(f"/staff/documents/award-decisions/{award.pk}/?format=docx")
    assert response.status_code == 200 and "DỰ THẢO" in _docx_text(read_docx(io.BytesIO(response.content)))
    assert client.get(f"/staff/documents/award-decisions/{award.pk}/").status_code == 400  # no format
    decision = RecognitionDecision.objects.get(number="DEMO-02/QĐ-UBND")
    certification = decision.certifications.first()
    page = client.get(f"/staff/certifications/{certification.pk}/").content.decode()
    assert f"/staff/documents/recognition-decisions/{decision.pk}/?format=pdf" in page
    response = client.get(f"/staff/documents/recognition-decisions/{decision.pk}/?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from reports.models import Conference

    conference = Conference.objects.get(title__startswith="Hội nghị sơ kết 5 năm thực hiện Chỉ thị 07/CT-BCA-V28 tỉnh")
    page = client.get(f"/staff/conferences/{conference.pk}/").content.decode()
    link = re.search(r'href="(/staff/documents/report/\?[^"]*format=docx)"', page).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 200
    text = _docx_text(read_docx(io.BytesIO(response.content)))
    assert "hơn 10.000" in text and "trên địa bàn Tỉnh Thanh Hóa" in text
    response = client.get("/staff/documents/report/?format=docx")
    assert response.status_code == 400 and "Hãy chọn một chương trình" in response.content.decode()
    annulled = AwardDecision.objects.get(number="DEMO-3210/QĐ-UBND")
    annulled.status = AwardDecision.Status.ANNULLED
    annulled.save(update_fields=["status"])
    assert client.get(f"/staff/documents/award-decisions/{annulled.pk}/?format=docx").status_code == 404
