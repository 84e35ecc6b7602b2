"""Read the text of an uploaded report: plain text (.txt, UTF-8 or UTF-16) or a Word file (.docx)."""

import io
import zipfile

from django.utils.translation import gettext as _

from movement.errors import ApplicationError

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


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        message = _("The file could not be read as a Word (.docx) document.")
        raise ApplicationError(message, field_errors={"file": [message]})
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
