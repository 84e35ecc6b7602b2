"""PDF from a Document (documents/content.py): an HTML template laid out by WeasyPrint.

The template is a file a province can adapt: `documents/pdf/<code>/document.html` (e.g. `N38` for Thanh
Hóa, its path code) in any template directory wins over the packaged `documents/pdf/document.html`. Fonts
come from the system (Debian fonts-liberation2: Liberation Serif, metric-compatible with Times New Roman,
with every Vietnamese letter); nothing is fetched: any URL the HTML names is refused."""

from __future__ import annotations

from django.template.loader import select_template

from documents.content import DRAFT_MARK, MOTTO, NATIONAL_TITLE, Document, Heading, Paragraph, Placeholder, Table

PDF_TYPE = "application/pdf"


def _refuse(url, *args, **kwargs):
    raise ValueError(f"documents fetch nothing at run time: {url}")


def _kind(block) -> str:
    if isinstance(block, Heading):
        return "heading"
    if isinstance(block, Placeholder):
        return "placeholder"
    if isinstance(block, Table):
        return "table"
    if isinstance(block, Paragraph):
        return "paragraph"
    raise TypeError(block)


def html(document: Document) -> str:
    template = select_template(
        [f"documents/pdf/{document.area_code}/document.html", "documents/pdf/document.html"]
        if document.area_code
        else ["documents/pdf/document.html"]
    )
    return template.render(
        {
            "document": document,
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "draft_mark": DRAFT_MARK,
            "blocks": [(_kind(b), b) for b in document.blocks],
            "annex": [(_kind(b), b) for b in document.annex],
        }
    )


def render(document: Document) -> bytes:
    from weasyprint import HTML  # imported here: loading pango takes a moment, and only PDFs need it

    return HTML(string=html(document), url_fetcher=_refuse, base_url=None).write_pdf()
