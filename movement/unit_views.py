"""The unit registry for data entry users: the units of their areas (agencies, enterprises with their size
class, schools with their level, hospitals, residential areas) — list with search and filters, create, edit
(lost-update protected), deactivate (never delete: records point to units), and a CSV/XLSX import with a
dry-run preview of every row's errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from movement import selectors, services, staleness, unit_import
from movement.access import Capability, has_any_capability, has_capability
from movement.errors import ApplicationError, PermissionDeniedError, PreconditionFailedError
from movement.forms import UnitFilterForm, UnitForm, UnitImportForm
from movement.models import Unit
from movement.text import fold


def _require_editor(request):
    if not has_any_capability(actor=request.user, capability=Capability.UNITS_EDIT):
        raise PermissionDenied


def _get_unit(request, pk) -> Unit:
    try:
        return selectors.unit_list(actor=request.user).select_related("area__parent").get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404


def _place_errors(form, error) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        for name, texts in error.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    elif isinstance(error, ApplicationError):
        placed = False
        for name, texts in (error.field_errors or {}).items():
            if name in form.fields:
                form.add_error(name, [str(t) for t in (texts if isinstance(texts, list) else [texts])])
                placed = True
        if not placed:
            form.add_error(None, str(error.message))
    else:
        form.add_error(None, error.messages)


@require_GET
@login_required
def unit_list(request):
    _require_editor(request)
    form = UnitFilterForm(request.GET or None, actor=request.user)
    units = selectors.unit_list(actor=request.user).select_related("area__parent")
    status = request.GET.get("status") or "active"
    if status == "active":
        units = units.filter(is_active=True)
    elif status == "inactive":
        units = units.filter(is_active=False)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            units = units.filter(search_name__contains=fold(data["q"]))
        if data.get("kind"):
            units = units.filter(kind=data["kind"])
        if data.get("area"):
            units = units.filter(area__path__startswith=data["area"].path)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "movement/unit_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def unit_create(request):
    _require_editor(request)
    form = UnitForm(request.POST or None, actor=request.user, initial={"security_force": "none"})
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            unit = services.unit_create(actor=request.user, area=data.pop("area"), **data)
        except PermissionDeniedError:
            form.add_error("area", _("You may not manage units in this administrative unit."))
        except (ApplicationError, ValidationError) as error:
            _place_errors(form, error)
        else:
            messages.success(request, _("The unit “%(name)s” was added.") % {"name": unit.name})
            return redirect("unit-registry")
    return render(request, "movement/unit_form.html", {"form": form, "unit": None})


@login_required
def unit_edit(request, pk):
    unit = _get_unit(request, pk)
    if not has_capability(actor=request.user, area=unit.area, capability=Capability.UNITS_EDIT):
        raise PermissionDenied
    initial = {name: getattr(unit, name) for name in UnitForm.base_fields if name != "version"}
    initial["version"] = unit.version
    form = UnitForm(request.POST or None, actor=request.user, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            services.unit_update(
                actor=request.user,
                unit=unit,
                expected_version=version if version is not None else -1,
                **form.service_data(),
            )
        except PreconditionFailedError as error:
            form.add_error(None, str(error))
            now = _get_unit(request, pk)
            stale = staleness.for_form(form, instance=now, since_version=version)
            staleness.move_version(form, now)
        except PermissionDeniedError:
            form.add_error("area", _("You may not manage units in this administrative unit."))
        except (ApplicationError, ValidationError) as error:
            _place_errors(form, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("unit-registry")
    context = {"form": form, "unit": unit, "stale": stale}
    return render(request, "movement/unit_form.html", context, status=409 if stale else 200)


@login_required
@require_POST
def unit_set_active(request, pk):
    """Deactivate (or reactivate) a unit; units are never deleted, certifications and ratings point to them."""
    unit = _get_unit(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    active = request.POST.get("active") == "1"
    try:
        services.unit_update(actor=request.user, unit=unit, expected_version=version, is_active=active)
    except PermissionDeniedError:
        raise PermissionDenied
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("unit-edit", pk=pk)
    if active:
        messages.success(request, _("The unit “%(name)s” is active again.") % {"name": unit.name})
    else:
        messages.success(request, _("The unit “%(name)s” was deactivated.") % {"name": unit.name})
    return redirect("unit-registry")


@login_required
def unit_import_page(request):
    """Upload → preview (every row's errors) → confirm (all rows, or none)."""
    _require_editor(request)
    form = UnitImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    key = "unit-import"
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(key)
        if not stored:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("unit-import")
        try:
            result = unit_import.unit_import(actor=request.user, rows=stored, dry_run=False)
        except PermissionDeniedError:
            raise PermissionDenied
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status = 400
        else:
            if result.saved:
                request.session.pop(key, None)
                messages.success(request, _("%(n)s units were added.") % {"n": result.saved})
                return redirect("unit-registry")
            status = 400
    elif request.method == "POST" and form.is_valid():
        try:
            rows = unit_import.read_unit_file(form.cleaned_data["file"])
            result = unit_import.unit_import(actor=request.user, rows=rows, dry_run=True)
        except ApplicationError as error:
            for message in (error.field_errors or {}).get("file", []) or [error.message]:
                form.add_error("file", str(message))
            status = 400
        else:
            request.session[key] = rows
            status = 400 if result.errors else 200
    elif request.method == "POST":
        status = 400
    context = {"form": form, "result": result, "rows": [r.as_dict() for r in result.rows] if result else []}
    return render(request, "movement/unit_import.html", context, status=status)
