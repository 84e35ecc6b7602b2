"""Pages: "Việc của tôi" (/staff/), the confirmation step of public transitions, coverage of a programme's
period (/staff/coverage/) and the public list of corrections (/corrections/)."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from movement.access import Capability, has_any_capability, has_capability
from movement.models import AdministrativeUnit, Role
from reports.models import Programme
from workday import confirm, coverage, selectors
from workday.collation import sort_vi
from workday.history import correction_lines
from workday.models import Correction, ReportingDeadline

MAX_TEXT = 2000  # a reason typed on the confirmation page


@login_required
@require_GET
def my_work(request):
    groups = selectors.my_work(actor=request.user)
    return render(request, "workday/my_work.html", {"groups": groups, "today": timezone.localdate()})


@login_required
@require_POST
def confirm_transition(request):
    """The transition's form posts here; the page shows the effect and posts the same fields on."""
    target = request.POST.get("target", "")[:300]
    title, effect, needs_reason, record = confirm.resolve_target(request, target)
    reason = request.POST.get("reason", "").strip()[:MAX_TEXT]
    fields = [
        (key, value[:MAX_TEXT])
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", "target", "reason")
        for value in request.POST.getlist(key)[:20]
    ][:50]
    context = {
        "title": title,
        "effect": effect,
        "needs_reason": needs_reason,
        "reason": reason,
        "missing_reason": needs_reason and not reason and request.POST.get("checked") == "1",
        "record": record,
        "target": target,
        "fields": fields,
        "back": target.rsplit("/", 2)[0] + "/",
    }
    return render(request, "workday/confirm.html", context)


def _programme(code):
    if not code:
        return None
    return Programme.objects.filter(code=code[:40]).first()


@login_required
@require_GET
def coverage_page(request):
    """Which units of a province (or which provinces) have published, submitted, drafted or nothing yet."""
    if not has_any_capability(actor=request.user, capability=Capability.READ_UNPUBLISHED):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    programmes = list(Programme.objects.order_by("code"))
    programme = _programme(request.GET.get("programme")) or next(
        (p for p in programmes if p.code == "TDBVANTQ-annual"), programmes[0] if programmes else None
    )
    if programme is None:
        raise Http404
    period = request.GET.get("period", "").strip()[:20] or str(timezone.localdate().year - 1)
    deadline = ReportingDeadline.objects.filter(programme=programme, period_label=period).first()
    area = None
    area_id = request.GET.get("area", "")
    everything = coverage.sees_everything(request.user)
    if area_id.isdigit():
        area = AdministrativeUnit.objects.filter(pk=int(area_id)).first()
        if area is None or not has_capability(actor=request.user, area=area, capability=Capability.READ_UNPUBLISHED):
            raise Http404
    elif area_id != "all" or not everything:
        mine = coverage.user_areas(request.user, roles=[r for r in Role.values if r != Role.NATIONAL_ADMIN])
        area = mine[0] if mine else None
        if area is None and not everything:
            raise Http404
    generation = request.GET.get("generation")
    if area is not None:
        generation = area.generation
    elif generation not in AdministrativeUnit.Generation.values:
        generation = AdministrativeUnit.Generation.Y2025
    level = request.GET.get("level") or (deadline.level if deadline else AdministrativeUnit.Level.COMMUNE)
    if level not in AdministrativeUnit.Level.values:
        level = AdministrativeUnit.Level.COMMUNE
    rows = coverage.coverage_rows(
        programme=programme, period_label=period, area=area, level=level, generation=generation
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _download(rows, fmt=fmt, programme=programme, period=period, area=area)
    provinces = sort_vi(
        AdministrativeUnit.objects.filter(level="province").only("pk", "name", "generation", "path"),
        key=lambda a: a.name,
    )
    context = {
        "programme": programme,
        "programmes": programmes,
        "period": period,
        "deadline": deadline,
        "area": area,
        "everything": everything,
        "generation": generation,
        "level": level,
        "levels": AdministrativeUnit.Level.choices,
        "rows": rows,
        "counts": [(coverage.STATE_LABELS[k], n, k) for k, n in coverage.summary_counts(rows).items()],
        "country": area is None,
        "provinces": [
            p
            for p in provinces
            if everything or has_capability(actor=request.user, area=p, capability=Capability.READ_UNPUBLISHED)
        ],
        "overdue": deadline is not None and deadline.due_on < timezone.localdate(),
        "query": request.GET.urlencode(),
    }
    return render(request, "workday/coverage.html", context)


def _table(rows, area):
    if area is None:
        header = [_("Province"), _("Code"), _("Units that reported"), _("Units")]
        body = [[r.unit.name, r.unit.code, r.reported, r.total] for r in rows]
    else:
        header = [_("Administrative unit"), _("Code"), _("Part of"), _("Status")]
        body = [[r.unit.name, r.unit.code, r.unit.parent.name if r.unit.parent_id else "", r.state_label] for r in rows]
    return header, body


def _download(rows, *, fmt, programme, period, area):
    header, body = _table(rows, area)
    stem = f"coverage-{programme.code}-{period}-{area.code if area else 'all'}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(body)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = _("Coverage")[:31]
        sheet.append(header)
        for line in body:
            sheet.append(line)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@require_GET
def correction_list(request):
    """Public: every correction of a published report (what changed, when, why); the reason is the one the
    approver gave for reopening, written for the public notice."""
    rows = Correction.objects.select_related("conference__area", "conference__programme").order_by("-opened_at", "-id")
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    for correction in page:
        correction.lines = correction_lines(correction)
    return render(request, "workday/corrections.html", {"page": page})
