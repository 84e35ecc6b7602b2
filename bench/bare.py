"""The framework floor: plain Django views (no DRF, no serializer classes) that call the same summary
selectors and return the same JSON document as /api/v1/summaries/… (the bench checks that they agree)."""

from decimal import Decimal

from django.http import Http404, JsonResponse
from django.utils import timezone

from movement.models import AdministrativeUnit
from reports.models import Programme
from reports.summaries import annual_summary, parse_period, programme_review_summary


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value.normalize())


def _date(value):
    return value.isoformat() if value is not None else None


def _datetime(value):
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _document(request, d):
    return {
        "title": d.title,
        "publisher": d.publisher,
        "author": d.author,
        "published_on": _date(d.published_on),
        "url": d.url,
        "page_url": request.build_absolute_uri(d.page_url) if d.page_url else d.page_url,
    }


def _source(request, s):
    return {
        "conference_id": s.conference_id,
        "title": s.title,
        "area": s.area_name,
        "held_on": _date(s.held_on),
        "is_date_from_publication": s.is_date_from_publication,
        "url": request.build_absolute_uri(s.url) if s.url else s.url,
        "excerpt": s.excerpt,
        "period_label": s.period_label,
        "value_display": s.value_display,
        "documents": [_document(request, d) for d in s.documents],
    }


def _amount(request, a):
    if a is None:
        return None
    return {
        "value": _number(a.value),
        "qualifier": a.qualifier,
        "display": a.display,
        "parts": a.parts,
        "ratio_value": _number(a.ratio_value),
        "out_of": _number(a.out_of),
        "ratio_qualifier": a.ratio_qualifier,
        "percent": _number(a.percent),
        "ratio_display": a.ratio_display,
        "basis": a.basis,
        "source_count": a.source_count,
        "sources": [_source(request, s) for s in a.sources],
    }


def _area(a):
    if a is None:
        return None
    return {
        "id": a.id,
        "name": a.name,
        "label": a.label,
        "level": a.level,
        "generation": a.generation,
        "now_in": a.now_in,
        "now_in_id": a.now_in_id,
        "is_whole": a.is_whole,
        "holds": list(a.holds),
    }


def _figure(request, f):
    i = f.indicator
    return {
        "indicator": {"code": i.code, "name": i.name, "unit": i.unit, "group": i.group},
        "breakdown": f.breakdown,
        "breakdown_name": f.breakdown_name,
        "key": f.key,
        "amount": _amount(request, f.amount),
    }


def _record_line(request, line):
    return {
        "metric": line.metric,
        "metric_label": line.metric_label,
        "breakdown": line.breakdown,
        "breakdown_label": line.breakdown_label,
        "amount": _amount(request, line.amount),
    }


def summary_document(request, s) -> dict:
    return {
        "kind": s.kind,
        "mode": s.mode.value,
        "mode_label": s.mode_label,
        "programme": (
            {"code": s.programme.code, "title": str(s.programme), "document_number": s.programme.document_number}
            if s.programme is not None
            else None
        ),
        "period": {"label": s.period.label, "start": _date(s.period.start), "end": _date(s.period.end)},
        "year": s.year,
        "area": _area(s.area),
        "requested_area": _area(s.requested_area),
        "conference_count": s.conference_count,
        "last_modified": _datetime(s.last_modified),
        "figures": [_figure(request, f) for f in s.figures],
        "areas": [{"area": _area(r.area), "figures": [_figure(request, f) for f in r.figures]} for r in s.areas],
        "years": [{"year": r.year, "figures": [_figure(request, f) for f in r.figures]} for r in s.years],
        "awards": {
            "lines": [
                {
                    "form": line.form_code,
                    "form_name": line.form_name,
                    "issuer": line.issuer_code,
                    "issuer_name": line.issuer_name,
                    "recipient_kind": line.recipient_kind,
                    "recipient_kind_label": line.recipient_kind_label,
                    "amount": _amount(request, line.amount),
                }
                for line in s.awards
            ],
            "by_form": [
                {
                    "form": row.form_code,
                    "form_name": row.form_name,
                    "collective": _amount(request, row.collective),
                    "individual": _amount(request, row.individual),
                    "mixed": _amount(request, row.mixed),
                    "total": _amount(request, row.total),
                }
                for row in s.award_forms
            ],
            "by_area": [{"area": _area(r.area), "total": _amount(request, r.total)} for r in s.award_areas],
        },
        "records": {
            "lines": [_record_line(request, line) for line in s.records],
            "by_area": [
                {"area": _area(r.area), "lines": [_record_line(request, line) for line in r.lines]}
                for r in s.record_areas
            ],
        },
        "conferences": [
            {
                "id": c.id,
                "title": c.title,
                "programme": c.programme_code,
                "kind": str(c.kind_label),
                "area": _area(c.area),
                "held_on": _date(c.held_on),
                "is_date_from_publication": c.is_date_from_publication,
                "period_label": c.period_label,
                "published_at": _datetime(c.published_at),
                "url": request.build_absolute_uri(c.url) if c.url else c.url,
                "documents": [_document(request, d) for d in c.documents],
            }
            for c in s.conferences
        ],
        "predecessors": [_area(a) for a in s.predecessors],
    }


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
        summary_document(request, summary), json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
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
    )
    return _respond(request, summary)


def annual(request):
    summary = annual_summary(
        actor=request.user,
        year=int(request.GET["year"]),
        area=_area_param(request),
        mode=request.GET.get("mode") or "current",
    )
    return _respond(request, summary)
