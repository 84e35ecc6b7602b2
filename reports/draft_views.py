"""Deleting a draft report: its author or an approver in scope, after a confirmation page (the services
decide; the audit trail keeps what the draft held)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from movement.access import Capability, has_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from reports import services
from reports.models import Conference
from reports.views import _get_conference


def may_delete_conference(user, conference: Conference) -> bool:
    """What the page offers (the service checks it again): a draft never submitted, by its author or an
    approver in scope."""
    if not conference.is_editable or conference.submitted_at is not None:
        return False
    if has_capability(actor=user, area=conference.area, capability=Capability.CONFERENCES_APPROVE):
        return True
    return has_capability(actor=user, area=conference.area, capability=Capability.CONFERENCES_EDIT) and (
        conference.created_by_id in (None, user.pk)
    )


@login_required
def conference_delete(request, pk):
    conference = _get_conference(request, pk)
    if not may_delete_conference(request.user, conference):
        raise PermissionDenied
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1  # a form without its version is stale by definition
        try:
            services.conference_delete(actor=request.user, conference=conference, expected_version=version)
        except PermissionDeniedError:
            raise PermissionDenied
        except PreconditionFailedError as error:
            messages.error(request, str(error))
            return redirect("conference-delete", pk=pk)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("conference-detail", pk=pk)
        messages.success(request, _("The draft report “%(title)s” was deleted.") % {"title": conference.title})
        return redirect("conference-list")
    context = {
        "record": conference,
        "title": conference.title,
        "lines": [
            _("%(n)s figures") % {"n": conference.figures.count()},
            _("%(n)s award tallies") % {"n": conference.tallies.count()},
            _("%(n)s source documents") % {"n": conference.source_documents.count()},
        ],
        "cancel_name": "conference-detail",
        "version": conference.version,
    }
    return render(request, "reports/confirm_delete.html", context)
