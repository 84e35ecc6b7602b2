"""Attached files: upload (the record's editors in scope), removal, and download (in scope, or the public
files of a public record). Files are streamed from the storage by this view, never from a public folder."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from awards import attachments
from awards import selectors as award_selectors
from movement.errors import ApplicationError, PermissionDeniedError
from reports import selectors as report_selectors


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (PDF, image, .docx or .xlsx)"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, required=False)
    is_public = forms.BooleanField(label=gettext_lazy("Public once the record is published or issued"), required=False)


def _record(request, kind: str, pk: int):
    """The record, if the user may read it at all (404 otherwise)."""
    try:
        if kind == "conference":
            return report_selectors.conference_list(actor=request.user).get(pk=pk)
        if kind == "certification":
            return award_selectors.certification_list(actor=request.user).get(pk=pk)
        if kind == "recognition":
            return award_selectors.recognition_decision_list(actor=request.user).get(pk=pk)
        if kind == "award":
            return award_selectors.award_decision_list(actor=request.user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404
    raise Http404


def _back(kind: str, record) -> str:
    from django.urls import reverse

    names = {
        "conference": "conference-detail",
        "certification": "certification-detail",
        "award": "award-detail",
    }
    if kind in names:
        return reverse(names[kind], kwargs={"pk": record.pk})
    return reverse("certification-queue")


@login_required
@require_POST
def attachment_add(request, kind, pk):
    if kind not in attachments.KINDS:
        raise Http404
    record = _record(request, kind, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_back(kind, record))
    try:
        attachments.attachment_add(
            actor=request.user,
            kind=kind,
            record=record,
            uploaded=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            is_public=form.cleaned_data["is_public"],
        )
    except PermissionDeniedError:
        raise PermissionDenied
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The file was attached."))
    return redirect(_back(kind, record))


def _attachment(kind: str, attachment_id: int):
    spec = attachments.KINDS.get(kind)
    if spec is None:
        raise Http404
    found = spec.attachment_model.objects.filter(pk=attachment_id, **{f"{spec.field}__isnull": False}).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def attachment_delete(request, kind, pk, attachment_id):
    record = _record(request, kind, pk)
    attachment = _attachment(kind, attachment_id)
    if getattr(attachment, f"{attachments.KINDS[kind].field}_id") != record.pk:
        raise Http404
    try:
        attachments.attachment_delete(actor=request.user, kind=kind, record=record, attachment=attachment)
    except PermissionDeniedError:
        raise PermissionDenied
    messages.success(request, _("The file was removed."))
    return redirect(_back(kind, record))


@require_GET
def attachment_download(request, kind, attachment_id):
    """The file itself: in scope, or public (a public file of a published or issued record)."""
    attachment = _attachment(kind, attachment_id)
    if not attachments.attachment_readable(actor=request.user, attachment=attachment):
        raise Http404  # out of scope looks like missing
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=not attachment.is_inline,
        filename=f"{attachment.title[:80]}.{attachment.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if not attachment.is_public else "private, max-age=300"
    return response
