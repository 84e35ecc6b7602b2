"""Deleting a draft award decision: its author or an approver in scope, after a confirmation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from awards import services
from awards.models import AwardDecision
from awards.views import _get_decision
from movement.access import Capability, has_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError


def may_delete_decision(user, decision: AwardDecision) -> bool:
    if decision.status != AwardDecision.Status.DRAFT:
        return False
    if has_capability(actor=user, area=decision.area, capability=Capability.AWARDS_ISSUE):
        return True
    return has_capability(actor=user, area=decision.area, capability=Capability.AWARDS_DRAFT) and (
        decision.created_by_id in (None, user.pk)
    )


@login_required
def award_delete(request, pk):
    decision = _get_decision(request, pk)
    if not may_delete_decision(request.user, decision):
        raise PermissionDenied
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            services.award_decision_delete(actor=request.user, decision=decision, expected_version=version)
        except PermissionDeniedError:
            raise PermissionDenied
        except PreconditionFailedError as error:
            messages.error(request, str(error))
            return redirect("award-delete", pk=pk)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("award-detail", pk=pk)
        messages.success(request, _("The draft decision %(number)s was deleted.") % {"number": decision.number})
        return redirect("award-list")
    context = {
        "record": decision,
        "title": f"{decision.number} · {decision.achievement[:120]}",
        "lines": [_("%(n)s recipients") % {"n": decision.recipients.count()}],
        "cancel_name": "award-detail",
        "version": decision.version,
    }
    return render(request, "reports/confirm_delete.html", context)
