"""The framework floor: plain Django views (no DRF view, negotiation, renderer or ETag) that call the same
summary selectors and return the same JSON document as /api/v1/summaries/… (the bench checks that they
agree). The document is built by reports.api.summary_serializers.summary_payload, the plain-Python builder
the API itself uses, in its lean shape (each number links to its sources)."""

from django.http import Http404, JsonResponse

from movement.models import AdministrativeUnit
from reports.api.summary_serializers import summary_payload
from reports.models import Programme
from reports.summaries import annual_summary, parse_period, programme_review_summary


def _area_param(request):
    if not request.GET.get("area"):
        return None
    area = AdministrativeUnit.objects.select_related("parent__parent", "current_province").filter(
        pk=request.GET["area"]
    )
    found = area.first()
    if found is None:
        raise Http404
    return found


def _respond(request, summary):
    return JsonResponse(
        summary_payload(summary, request=request), json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )


def programme_review(request):
    programme = Programme.objects.filter(code=request.GET.get("programme")).first()
    if programme is None:
        raise Http404
    period = parse_period(request.GET["period"]) if request.GET.get("period") else None
    summary = programme_review_summary(
        actor=request.user,
        programme=programme,
        period=period,
        area=_area_param(request),
        mode=request.GET.get("mode") or "current",
        sources=False,
    )
    return _respond(request, summary)


def annual(request):
    summary = annual_summary(
        actor=request.user,
        year=int(request.GET["year"]),
        area=_area_param(request),
        mode=request.GET.get("mode") or "current",
        sources=False,
    )
    return _respond(request, summary)
