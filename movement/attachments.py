"""Files attached to records (a scanned report, a signed decision, evidence): the type is read from the
content, not the name (PDF, PNG, JPEG, WebP, .docx, .xlsx), the size is bounded, and the file is stored
through Django's storage API (STORAGES["default"]: a local folder by default, anything configurable).

The apps keep their own attachment models (built on AttachmentBase) and decide who may attach and who may
read; this module only checks and stores files."""

import io
import uuid
import zipfile

import filetype
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from movement.errors import ApplicationError
from movement.models import TimeStampedModel

ALLOWED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_EXPANDED = 200 * 1024 * 1024  # what an office file may hold uncompressed (a zip bomb is refused)


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def _upload_to(instance, filename):
    return f"attachments/{instance._meta.app_label}/{uuid.uuid4().hex}.{instance.extension}"


class AttachmentBase(TimeStampedModel):
    file = models.FileField(gettext_lazy("file"), upload_to=_upload_to, max_length=200)
    title = models.CharField(gettext_lazy("title"), max_length=255)
    original_name = models.CharField(gettext_lazy("file name"), max_length=255, blank=True)
    content_type = models.CharField(gettext_lazy("type"), max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(gettext_lazy("size (bytes)"))
    is_public = models.BooleanField(
        gettext_lazy("public"),
        default=False,
        help_text=gettext_lazy("Shown to everyone once the record is published or issued."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title

    @property
    def is_inline(self) -> bool:
        """PDF and images open in the browser; office files are downloaded."""
        return self.extension in ("pdf", "png", "jpg", "webp")


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})


def check_upload(uploaded) -> tuple[bytes, str, str]:
    """(content, MIME type, extension) of an acceptable upload; ApplicationError (400) otherwise."""
    limit = max_bytes()
    if getattr(uploaded, "size", 0) and uploaded.size > limit:
        raise _refuse(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise _refuse(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    if not content:
        raise _refuse(_("The file is empty."))
    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        raise _refuse(_("Attach a PDF, an image (PNG, JPEG, WebP), a .docx or a .xlsx file (read from its content)."))
    extension = ALLOWED[mime]
    if extension in OFFICE_PARTS:
        _check_office(content, OFFICE_PARTS[extension])
    return content, mime, extension


def _check_office(content: bytes, part: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_ZIP_EXPANDED:
                raise _refuse(_("The file expands to too much data to be a document."))
            if part not in archive.namelist():
                raise _refuse(_("The file is not a valid Word or Excel document."))
    except zipfile.BadZipFile:
        raise _refuse(_("The file is not a valid Word or Excel document."))


def fill(attachment: AttachmentBase, *, uploaded, title: str, is_public: bool, actor) -> AttachmentBase:
    """Check the upload and put it in `attachment` (not saved yet; the caller saves it in its transaction)."""
    from django.core.files.base import ContentFile

    content, mime, extension = check_upload(uploaded)
    name = (getattr(uploaded, "name", "") or "")[-255:]
    attachment.title = (title or "").strip()[:255] or name or _("Attached file")
    attachment.original_name = name
    attachment.content_type = mime
    attachment.extension = extension
    attachment.size = len(content)
    attachment.is_public = bool(is_public)
    attachment.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    attachment.file.save(f"upload.{extension}", ContentFile(content), save=False)
    return attachment


def visible(files, *, actor, area, record_is_public: bool):
    """The files a person may see: all of them in the record's scope; elsewhere only the public files of a
    published or issued record."""
    from movement.access import Capability, has_capability

    if has_capability(actor=actor, area=area, capability=Capability.READ_UNPUBLISHED):
        return files
    return files.filter(is_public=True) if record_is_public else files.none()
