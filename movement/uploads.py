"""Limits every zip-based upload (.docx, .xlsx) passes BEFORE a parser opens it (docs/security.md).

A few kB of zip can expand to gigabytes of XML ("zip bomb"): a 27 kB .docx held 3,000,000 empty
paragraphs, a 72 kB .xlsx 8,000,000 empty rows. `check_zip_upload` reads only the archive's directory
and refuses the file when

- it has more than `UPLOAD_MAX_ZIP_MEMBERS` members,
- its members would expand to more than `UPLOAD_MAX_UNCOMPRESSED_BYTES` in all, or
- one member larger than 1 MB expands more than `UPLOAD_MAX_COMPRESSION_RATIO` times its compressed size.

The sizes are those the archive declares; Python's zipfile (which python-docx and openpyxl read through)
never returns more bytes than a member declares and fails on a mismatch, so a lying header cannot get
more past the parser than was checked here. `count_xml_elements` streams one member and stops at a bound
(for parsers that build a whole tree, like python-docx). Every error is an ApplicationError on `field`.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from movement.errors import ApplicationError

RATIO_CHECK_FROM_BYTES = 1024 * 1024  # small members (styles, settings) may compress very well


def _error(message: str, field: str) -> ApplicationError:
    return ApplicationError(message, field_errors={field: [message]})


def limits() -> dict[str, int]:
    """The configured limits (read at each call so that a test or an operator can change them)."""
    return {
        "uncompressed": settings.UPLOAD_MAX_UNCOMPRESSED_BYTES,
        "ratio": settings.UPLOAD_MAX_COMPRESSION_RATIO,
        "members": settings.UPLOAD_MAX_ZIP_MEMBERS,
    }


def check_zip_upload(data: bytes, *, field: str = "file", unreadable: str = "") -> zipfile.ZipFile:
    """The opened archive when `data` is a zip within the limits; ApplicationError otherwise (`unreadable`
    is the message for a file that is no zip at all)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _error(unreadable or _("The file is not a valid Office document."), field)
    bound = limits()
    if len(members) > bound["members"]:
        raise _error(_("The file holds too many parts (at most %(n)s).") % {"n": bound["members"]}, field)
    total = 0
    for member in members:
        total += member.file_size
        if total > bound["uncompressed"]:
            raise _error(
                _("Unpacked, the file would take more than %(mb)s MB: it is refused.")
                % {"mb": bound["uncompressed"] // (1024 * 1024)},
                field,
            )
        if member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > bound["ratio"] * max(
            member.compress_size, 1
        ):
            raise _error(
                _("The file is compressed more than %(ratio)s times (a “zip bomb”?): it is refused.")
                % {"ratio": bound["ratio"]},
                field,
            )
    return archive


def count_xml_elements(archive: zipfile.ZipFile, member: str, *, limit: int, tag: str | None = None) -> int:
    """Stream `member` of `archive` and count its elements (only those named `tag`, a Clark name, when
    given); stop as soon as the count passes `limit` (the returned count is then limit + 1). Entities are
    never resolved and nothing is fetched."""
    from lxml import etree

    count = 0
    with archive.open(member) as stream:
        events = etree.iterparse(stream, events=("end",), tag=tag, resolve_entities=False, no_network=True)
        for _event, element in events:
            count += 1
            if count > limit:
                break
            element.clear(keep_tail=False)
    return count
