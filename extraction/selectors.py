"""Reads for the extraction pages: which administrative unit the text is about, among those the user may
enter reports for."""

import datetime

from django.db.models import Q

from extraction.engine import Place
from movement.access import Capability, area_scope_q
from movement.models import AdministrativeUnit
from movement.text import fold

REORGANISATION_DAY = datetime.date(2025, 7, 1)


def area_suggestions(*, actor, places: list[Place], held_on: datetime.date | None = None) -> list[AdministrativeUnit]:
    """Units named in the text (in the order they are first named) that the actor may enter reports for,
    in the generation in force on the conference day (legacy before 1 July 2025). One query."""
    # the units named where the text says who held the conference; else only provinces named anywhere
    # (a commune named elsewhere is usually where a model or an award recipient is, not the conference)
    places = [p for p in places if p.in_conference_sentence] or [p for p in places if p.level == "province"]
    if not places:
        return []
    generation = (
        AdministrativeUnit.Generation.LEGACY
        if held_on is None or held_on < REORGANISATION_DAY
        else AdministrativeUnit.Generation.Y2025
    )
    wanted = Q(pk__in=[])
    for place in places[:10]:
        wanted |= Q(level=place.level, search_name__startswith=_folded_name(place))
    units = list(
        AdministrativeUnit.objects.filter(wanted, generation=generation)
        .filter(area_scope_q(actor=actor, capability=Capability.CONFERENCES_EDIT, via=""))
        .order_by("path")[:50]
    )
    ordered = []
    for place in places:
        for unit in units:
            if unit.level == place.level and unit.search_name.startswith(_folded_name(place)) and unit not in ordered:
                ordered.append(unit)
    return ordered


def _folded_name(place: Place) -> str:
    words = {
        "province": ("tinh", "thanh pho"),
        "district": ("huyen", "quan", "thi xa", "thanh pho"),
        "commune": ("xa", "phuong", "thi tran"),
    }[place.level]
    prefix = fold(place.prefix)
    if prefix in ("tp",):
        prefix = "thanh pho"
    elif prefix in ("tx",):
        prefix = "thi xa"
    if prefix not in words:
        prefix = words[0]
    return f"{prefix} {fold(place.name)}"
