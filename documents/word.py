""".docx from a Document (documents/content.py) with python-docx, on a template file a province can adapt.

The template file sets the page (A4, the decree's margins) and the styles (Times New Roman): the packaged
`documents/files/base.docx`, or a province's own `<code>.docx` (e.g. `N38.docx` for Thanh Hóa, its path
code) found first in settings.DOCUMENTS_TEMPLATE_DIRS. Its body is replaced by the document; its section
and styles are kept, so a province edits margins or fonts in Word, not in code. `write_base_template()`
rebuilds the packaged file."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from documents.content import DRAFT_MARK, MOTTO, NATIONAL_TITLE, Document, Heading, Paragraph, Placeholder, Table

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PACKAGED = Path(__file__).resolve().parent / "files"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)


_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def template_path(area_code: str = "") -> Path:
    """The province's own template file when there is one, else the packaged one."""
    for directory in [*getattr(settings, "DOCUMENTS_TEMPLATE_DIRS", []), PACKAGED]:
        if area_code:
            candidate = Path(directory) / f"{area_code}.docx"
            if candidate.is_file():
                return candidate
    return PACKAGED / "base.docx"


def render(document: Document) -> bytes:
    doc = open_docx(str(template_path(document.area_code)))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page set-up, drop the template's own text
            body.remove(child)
    doc.core_properties.title = document.title
    doc.core_properties.author = ""
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    _header(doc, document, width)
    for block in document.blocks:
        _block(doc, block, width)
    if document.signature is not None:
        _signature(doc, document.signature, width)
    if document.annex:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _para(doc, document.annex_title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for block in document.annex:
            _block(doc, block, width)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# Pieces ----------------------------------------------------------------------------------------------------------


def _para(container, text="", *, bold=False, italic=False, size=None, align=None, space_after=None, indent=None):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = size
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = space_after if space_after is not None else Pt(0), Pt(0)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.first_line_indent = indent
    return paragraph


def _rule(paragraph, *, inset) -> None:
    """A short line under a paragraph (the line under the issuing body, the motto and the trích yếu)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.insert_element_before(border, *_AFTER_PBDR)  # WordprocessingML wants pPr's children in order
    paragraph.paragraph_format.left_indent = inset
    paragraph.paragraph_format.right_indent = inset


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def _fixed_widths(table, widths) -> None:
    table.autofit = False  # w:tblLayout type="fixed"
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _cell_para(cell, text="", *, first=False, **kwargs):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = kwargs.get("bold", False), kwargs.get("italic", False)
        run.font.size = kwargs.get("size", Pt(13))
    paragraph.alignment = kwargs.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    return paragraph


def _header(doc, document: Document, width) -> None:
    h = document.header
    if h.is_draft:
        _para(doc, DRAFT_MARK, bold=True, size=Pt(13), align=WD_ALIGN_PARAGRAPH.RIGHT)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left_width = int(width * 0.4)
    _fixed_widths(table, [left_width, width - left_width])
    left, right = table.rows[0].cells
    first = True
    if h.parent_body:
        _cell_para(left, h.parent_body.upper(), first=True)
        first = False
    body = _cell_para(left, h.issuing_body.upper(), first=first, bold=True)
    _rule(body, inset=Cm(1.6))
    _cell_para(left, "")
    _cell_para(left, h.number_line)
    _cell_para(right, NATIONAL_TITLE, first=True, bold=True, size=Pt(12))
    motto = _cell_para(right, MOTTO, bold=True, size=Pt(13))
    _rule(motto, inset=Cm(2.1))
    _cell_para(right, "")
    _cell_para(right, h.place_date, italic=True)
    _para(doc, "")
    _para(doc, h.doc_type, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = _para(doc, h.summary_line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(line, inset=Cm(6))
    _para(doc, "")
    if h.authority:
        _para(doc, h.authority, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(6))


def _block(doc, block, width) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    if isinstance(block, Heading):
        _para(doc, block.text, bold=True, italic=block.level == 3, align=justify, space_after=Pt(6), indent=Cm(1))
    elif isinstance(block, Placeholder):
        if block.text:
            _para(doc, block.text, bold=True, align=justify, space_after=Pt(3), indent=Cm(1))
        paragraph = _para(doc, align=justify, space_after=Pt(6), indent=Cm(1))
        run = paragraph.add_run(f"[Cán bộ soạn thảo viết: {block.hint}]")
        run.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    elif isinstance(block, Paragraph):
        align = WD_ALIGN_PARAGRAPH.CENTER if block.centred else justify
        paragraph = _para(doc, align=align, space_after=Pt(6), indent=None if block.centred else Cm(1))
        if block.label:
            paragraph.add_run(block.label + " ").bold = True
        run = paragraph.add_run(block.text)
        run.bold, run.italic = block.bold, block.italic
    elif isinstance(block, Table):
        _table(doc, block, width)


def _table(doc, block: Table, width) -> None:
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = doc.styles["Table Grid"] if "Table Grid" in [s.name for s in doc.styles] else None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [int(width * c.width / 100) for c in block.columns]
    for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
        _cell_para(cell, column.title, first=True, bold=True, size=TABLE_SIZE)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.insert_element_before(repeat, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
    for values in block.rows:
        cells = table.add_row().cells
        for cell, column, value in zip(cells, block.columns, values, strict=True):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT
            _cell_para(cell, value, first=True, size=TABLE_SIZE, align=align)
    _fixed_widths(table, widths)
    if block.note:
        _para(doc, block.note, italic=True, size=TABLE_SIZE)
    _para(doc, "", space_after=Pt(6))


def _signature(doc, signature, width) -> None:
    _para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    half = int(width * 0.45)
    _fixed_widths(table, [half, width - half])
    left, right = table.rows[0].cells
    _cell_para(left, "Nơi nhận:", first=True, bold=True, italic=True, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in signature.recipients:
        _cell_para(left, f"- {line}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, line in enumerate(signature.title_lines):
        _cell_para(right, line.upper(), first=index == 0, bold=True, size=Pt(13))
    for _i in range(4):
        _cell_para(right, "")
    if signature.name:
        _cell_para(right, signature.name, bold=True, size=Pt(13))


def write_base_template(path: Path | None = None) -> Path:
    """The packaged template: A4 portrait, margins top 20, bottom 20, left 30, right 15 mm; Times New Roman
    14 pt, single line spacing."""
    path = path or PACKAGED / "base.docx"
    doc = open_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    for name in ("Normal", "Table Grid"):
        if name not in [s.name for s in doc.styles]:
            continue
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(key), FONT)
        if name == "Normal":
            style.font.size = BODY_SIZE
            style.paragraph_format.line_spacing = 1.0
    doc.core_properties.title = "Mẫu văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
