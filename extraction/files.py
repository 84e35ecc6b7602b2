"""Read the text of an uploaded report: plain text (.txt, UTF-8 or UTF-16) or a Word file (.docx)."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from movement.errors import ApplicationError
from movement.uploads import check_zip_upload, count_xml_elements

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def read_text_file(data: bytes, name: str) -> str:
    """The text of a .txt or .docx file; ApplicationError (with a readable message) otherwise."""
    lowered = (name or "").lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(_("The file is too large (at most 10 MB)."), field_errors={"file": [_("Too large.")]})
    if lowered.endswith(".docx"):
        return _docx_text(data)
    if lowered.endswith(".txt") or not lowered:
        return _plain_text(data)
    message = _("Upload a .txt or .docx file.")
    raise ApplicationError(message, field_errors={"file": [message]})


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = _("The file is not UTF-8 text: save it as UTF-8 (or as .docx) and upload it again.")
        raise ApplicationError(message, field_errors={"file": [message]})


W_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _docx_text(data: bytes) -> str:
    import docx
    from lxml import etree

    unreadable = _("The file could not be read as a Word (.docx) document.")
    archive = check_zip_upload(data, unreadable=unreadable)  # sizes and ratios, before any parsing
    try:
        # stream the main part first: python-docx builds the whole tree and a proxy per paragraph
        elements = count_xml_elements(archive, "word/document.xml", limit=settings.DOCX_MAX_ELEMENTS)
        paragraphs = count_xml_elements(
            archive, "word/document.xml", limit=settings.DOCX_MAX_PARAGRAPHS, tag=W_PARAGRAPH
        )
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError, EOFError):
        raise ApplicationError(unreadable, field_errors={"file": [unreadable]})
    if elements > settings.DOCX_MAX_ELEMENTS or paragraphs > settings.DOCX_MAX_PARAGRAPHS:
        message = _("The Word document is too long: at most %(n)s paragraphs.") % {
            "n": f"{settings.DOCX_MAX_PARAGRAPHS:,}".replace(",", ".")
        }
        raise ApplicationError(message, field_errors={"file": [message]})
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise ApplicationError(unreadable, field_errors={"file": [unreadable]})
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
