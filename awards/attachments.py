"""Files attached to conferences, certifications (evidence), recognition decisions and award decisions:
who may attach or remove them (the record's editors in scope), and who may read them (users in the record's
scope; anyone else only the files marked public of a published report, a recognised certification or an
issued decision). Lives here because `awards` is the one app that sees every kind of record."""

from dataclasses import dataclass

from django.db import transaction

from awards.models import AwardDecision, RecognitionDecision, RecordAttachment, SafetyCertification
from movement import audit
from movement.access import Capability, has_capability
from movement.attachments import fill, visible
from movement.errors import PermissionDeniedError
from reports.models import Conference, ConferenceAttachment

MAX_PER_RECORD = 50


@dataclass(frozen=True)
class Kind:
    record_model: type
    attachment_model: type
    field: str  # the attachment's foreign key to the record
    write: tuple  # capabilities, any of which allows attaching and removing
    is_public: callable  # record → may its public files be shown to everyone


KINDS = {
    "conference": Kind(
        Conference,
        ConferenceAttachment,
        "conference",
        (Capability.CONFERENCES_EDIT, Capability.CONFERENCES_APPROVE),
        lambda r: r.status == Conference.Status.PUBLISHED,
    ),
    "certification": Kind(
        SafetyCertification,
        RecordAttachment,
        "certification",
        (Capability.CERTIFICATIONS_EDIT, Capability.CERTIFICATIONS_REVIEW),
        lambda r: r.status == SafetyCertification.Status.RECOGNISED,
    ),
    "recognition": Kind(
        RecognitionDecision,
        RecordAttachment,
        "recognition_decision",
        (Capability.CERTIFICATIONS_REVIEW,),
        lambda r: True,  # a recognition decision is recorded once signed
    ),
    "award": Kind(
        AwardDecision,
        RecordAttachment,
        "award_decision",
        (Capability.AWARDS_DRAFT, Capability.AWARDS_ISSUE),
        lambda r: r.status == AwardDecision.Status.ISSUED,
    ),
}


def may_attach(*, actor, kind: str, record) -> bool:
    return any(has_capability(actor=actor, area=record.area, capability=c) for c in KINDS[kind].write)


def in_scope(*, actor, record) -> bool:
    return has_capability(actor=actor, area=record.area, capability=Capability.READ_UNPUBLISHED)


def attachments_of(*, actor, kind: str, record):
    """The files of `record` this actor may see (every file in scope; public ones of a public record)."""
    spec = KINDS[kind]
    files = spec.attachment_model.objects.filter(**{spec.field: record}).order_by("created_at", "id")
    return visible(files, actor=actor, area=record.area, record_is_public=spec.is_public(record))


def attachment_readable(*, actor, attachment) -> bool:
    kind, record = record_of(attachment)
    if in_scope(actor=actor, record=record):
        return True
    return attachment.is_public and KINDS[kind].is_public(record)


def record_of(attachment) -> tuple[str, object]:
    for name, spec in KINDS.items():
        if isinstance(attachment, spec.attachment_model) and getattr(attachment, f"{spec.field}_id"):
            return name, getattr(attachment, spec.field)
    raise ValueError("an attachment without its record")


@transaction.atomic
def attachment_add(*, actor, kind: str, record, uploaded, title: str = "", is_public: bool = False):
    if not may_attach(actor=actor, kind=kind, record=record):
        raise PermissionDeniedError(KINDS[kind].write[0])
    spec = KINDS[kind]
    if spec.attachment_model.objects.filter(**{spec.field: record}).count() >= MAX_PER_RECORD:
        from django.utils.translation import gettext as _

        from movement.errors import ApplicationError

        message = _("A record holds at most %(n)s files.") % {"n": MAX_PER_RECORD}
        raise ApplicationError(message, field_errors={"file": [message]})
    attachment = spec.attachment_model(**{spec.field: record})
    fill(attachment, uploaded=uploaded, title=title, is_public=is_public, actor=actor)
    attachment.full_clean(exclude=["file"])
    attachment.save()
    audit.record(
        actor=actor,
        action="create",
        verb="attachment_add",
        instance=record,
        area=record.area,
        after={"file": attachment.title, "type": attachment.extension, "size": attachment.size, "public": is_public},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor, kind: str, record, attachment) -> None:
    if not may_attach(actor=actor, kind=kind, record=record):
        raise PermissionDeniedError(KINDS[kind].write[0])
    audit.record(
        actor=actor,
        action="delete",
        verb="attachment_delete",
        instance=record,
        area=record.area,
        before={"file": attachment.title, "type": attachment.extension, "size": attachment.size},
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def attachment_context(*, actor, kind: str, record) -> dict:
    """What the pages' attachment section needs."""
    from movement.attachments import max_bytes

    return {
        "attachment_files": list(attachments_of(actor=actor, kind=kind, record=record)),
        "may_attach": bool(getattr(actor, "is_authenticated", False))
        and may_attach(actor=actor, kind=kind, record=record),
        "attachment_max_mb": max_bytes() // (1024 * 1024),
    }
