"""The notifications page: the list with unread marks, mark read, open (marks read, then follows the link),
and the email preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notifications import selectors, services
from notifications.models import Notification


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    rows = selectors.notification_list(user=request.user, unread_only=unread_only)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread_only": unread_only,
        "unread_count": services.unread_count(request.user),
        "email_enabled": services.email_enabled(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notification-list")


@login_required
@require_POST
def notification_mark_read(request):
    ids = None
    if request.POST.get("id", "").isdigit():
        ids = [int(request.POST["id"])]
    marked = services.mark_read(user=request.user, ids=ids)
    messages.success(request, _("%(n)s notifications marked as read.") % {"n": marked})
    return redirect("notification-list")


@login_required
@require_POST
def notification_preferences(request):
    enabled = request.POST.get("email_enabled") == "1"
    services.set_email_enabled(user=request.user, enabled=enabled)
    messages.success(request, _("You will receive emails.") if enabled else _("You will not receive emails."))
    return redirect("notification-list")
