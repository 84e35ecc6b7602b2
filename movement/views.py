"""Public pages of the hierarchy: provinces of both generations side by side, and one unit's page."""

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from movement import selectors
from movement.models import AdministrativeUnit
from workday.collation import sort_vi


def area_index(request):
    units = selectors.admin_unit_list()
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        level_rank = Case(
            *(When(level=level, then=Value(rank)) for rank, level in enumerate(["province", "district", "commune"])),
            output_field=IntegerField(),
        )
        matches = units.search(query).annotate(level_rank=level_rank).order_by("level_rank", "-generation", "name")
        results = Paginator(matches, 50).get_page(request.GET.get("page"))
    context = {
        "legacy_provinces": sort_vi(units.legacy().provinces(), key=lambda unit: unit.name),  # Đ after D
        "current_provinces": sort_vi(units.current().provinces(), key=lambda unit: unit.name),
        "query": query,
        "results": results,
    }
    return render(request, "movement/area_index.html", context)


def area_detail(request, pk):
    unit = get_object_or_404(selectors.admin_unit_list(), pk=pk)
    ancestors = []
    node = unit
    while node.parent_id:
        node = AdministrativeUnit.objects.only("id", "name", "parent_id", "generation").get(pk=node.parent_id)
        ancestors.insert(0, node)
    children = Paginator(selectors.admin_unit_children(unit=unit), 200).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "successions": selectors.admin_unit_successions(unit=unit) if unit.is_legacy else [],
        "predecessions": [] if unit.is_legacy else selectors.admin_unit_predecessions(unit=unit),
    }
    return render(request, "movement/area_detail.html", context)


def page_not_found(request, exception):
    if request.path.startswith("/api/"):  # API clients get JSON, like every other API answer
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return render(request, "404.html", {"message": _("The page you asked for does not exist.")}, status=404)
