"""Pages: the two-step sign-in, the TOTP enrolment page, the audit trail, and the error handler that
answers 503 when the database is unavailable."""

import math
import sys

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from movement.throttling import rate_limit
from ops import selectors, services, twofactor
from ops.forms import AuditFilterForm, TokenForm
from ops.middleware import DATABASE_ERRORS, database_unavailable_response
from workday.history import readable


def _safe_next(request, url: str | None, default: str = "home") -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(default)


# Sign-in ------------------------------------------------------------------------------------------


@method_decorator(rate_limit("login"), name="dispatch")
class LoginView(auth_views.LoginView):
    """Step 1: user name and password (django-axes counts failures and locks out). A user with a
    confirmed TOTP device is not signed in yet: the code step follows."""

    template_name = "registration/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.confirmed_device(user) is None:
            return super().form_valid(form)
        twofactor.start_pending_login(self.request, user, next_url=self.get_success_url())
        return redirect("otp-verify")


def _code_step_user(request):
    """(user, device, pending) for the code step, or None when there is nothing to verify."""
    pending = twofactor.get_pending_login(request)
    if pending is not None:
        user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
        device = twofactor.confirmed_device(user) if user else None
        if device is not None:
            return user, device, pending
        twofactor.clear_pending_login(request)
        return None
    user = request.user
    if user.is_authenticated and not user.is_verified():
        device = twofactor.confirmed_device(user)
        if device is not None:
            return user, device, None
    return None


@sensitive_post_parameters("token")
@never_cache
@rate_limit("login")
def otp_verify(request):
    """Step 2: the 6-digit code from the authenticator app. Wrong codes count as failed sign-ins for
    django-axes; after a few the password must be entered again."""
    state = _code_step_user(request)
    if state is None:
        if request.user.is_authenticated:
            return redirect(_safe_next(request, request.GET.get("next")))
        return redirect("login")
    user, device, pending = state
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        twofactor.clear_pending_login(request)
        return get_lockout_response(request, None, credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        verified = allowed and django_otp.verify_token(user, device.persistent_id, form.cleaned_data["token"])
        if verified:
            if pending is not None:
                twofactor.clear_pending_login(request)
                auth_login(request, user, backend=pending["backend"])
                next_url = pending["next"]
            else:
                next_url = request.GET.get("next")
            django_otp.login(request, verified)
            return redirect(_safe_next(request, next_url))
        if pending is not None:
            twofactor.count_failed_attempt(request, pending)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            twofactor.clear_pending_login(request)
            return get_lockout_response(request, None, credentials)
        if not allowed:
            form.add_error("token", _("Too many wrong codes. Wait a few seconds and try again."))
        else:
            form.add_error("token", _("This code is not valid or has expired."))
        if pending is not None and twofactor.get_pending_login(request) is None:
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("login")
    return render(request, "registration/otp_verify.html", {"form": form, "username": user.get_username()})


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_setup(request):
    """Enrolment: show the secret (and the otpauth:// URI) of a new TOTP device and confirm it with a
    first code. Users who are not required to use two-factor sign-in may switch it off with a code."""
    user = request.user
    device = twofactor.confirmed_device(user)
    required = twofactor.otp_required(user)
    form = TokenForm(request.POST or None)
    next_url = request.GET.get("next") or request.POST.get("next")
    if device is not None:
        if request.method == "POST" and request.POST.get("action") == "remove" and not required and form.is_valid():
            if django_otp.verify_token(user, device.persistent_id, form.cleaned_data["token"]):
                services.otp_device_remove(actor=user, device=device)
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("otp-setup")
            form.add_error("token", _("This code is not valid or has expired."))
        return render(request, "registration/otp_setup.html", {"device": device, "form": form, "required": required})
    device = twofactor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        if services.otp_device_confirm(actor=user, device=device, token=form.cleaned_data["token"]):
            django_otp.login(request, device)
            messages.success(request, _("Two-factor sign-in is on. You will be asked for a code at each sign-in."))
            return redirect(_safe_next(request, next_url))
        form.add_error("token", _("This code is not valid or has expired."))
    context = {
        "pending": device,
        "secret": twofactor.grouped_secret(device),
        "config_url": device.config_url,
        "form": form,
        "required": required,
        "next": next_url or "",
    }
    return render(request, "registration/otp_setup.html", context)


# Audit trail ---------------------------------------------------------------------------------------


@require_GET
@login_required
def audit_list(request):
    """The audit trail of records in the user's scope (approvers and national admins), read-only."""
    if not selectors.audit_is_visible_to(actor=request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types(actor=request.user))
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "object_type": data["object_type"],
            "action": data["action"],
            "actor_username": data["actor"].strip(),
            "occurred_from": data["occurred_from"],
            "occurred_to": data["occurred_to"],
        }
    page = Paginator(selectors.audit_event_list(actor=request.user, **filters), 50).get_page(request.GET.get("page"))
    rows = list(zip(page, readable(page), strict=True))  # labels and values as people read them
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "ops/audit_list.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


# Lockout and errors --------------------------------------------------------------------------------------------


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Vietnamese lockout page (429), or JSON under /api/."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    if request.path.startswith("/api/"):
        detail = _("Too many failed sign-in attempts. Sign-in is locked for a while.")
        return JsonResponse({"detail": detail, "code": "locked_out"}, status=settings.AXES_HTTP_RESPONSE_CODE)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def server_error(request):
    """handler500: a database that went away gives 503 (try again), anything else the plain 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response(request)
    return defaults.server_error(request)
