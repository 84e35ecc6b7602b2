"""Administrative units as people name them: by official code (never by the database's internal id), by a
few letters typed without diacritics, and only those that existed on the record's date.

An area is written `<generation>:<official code>` ("2025:16174" is Xã Như Xuân, "legacy:402" is Huyện Như
Xuân before 7/2025). Official codes are unique within a generation; a bare code is enough when the record's
date tells the generation (before 1/7/2025: the 63 provinces; from then on: the 34)."""

import datetime
import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from movement.access import Capability, area_scope_q
from movement.models import AdministrativeUnit

KEY_RE = re.compile(r"^\s*(legacy|2025)\s*:\s*(\d{1,10})\s*$")
CODE_RE = re.compile(r"^\s*(\d{1,10})\s*$")
SEARCH_LIMIT = 20
QUERY_MAX_LENGTH = 100
LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(["province", "district", "commune"])),
    output_field=IntegerField(),
)


def area_key(unit: AdministrativeUnit) -> str:
    return f"{unit.generation}:{unit.code}"


def existed_on_q(day: datetime.date | None) -> Q:
    if day is None:
        return Q()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def existed_on(unit: AdministrativeUnit, day: datetime.date | None) -> bool:
    if day is None:
        return True
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_until is None or day <= unit.valid_until)


def _day(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def not_existing_message(unit: AdministrativeUnit, day: datetime.date) -> str:
    """ "Xã Như Xuân did not exist on 11/09/2019 (it began on 01/07/2025): …" — readable, with what to do."""
    if unit.valid_from and day < unit.valid_from:
        return _(
            "%(area)s did not exist on %(day)s (it began on %(start)s): choose the administrative unit of that time."
        ) % {"area": unit.name, "day": _day(day), "start": _day(unit.valid_from)}
    return _(
        "%(area)s no longer existed on %(day)s (it ended on %(end)s): choose the administrative unit of that time."
    ) % {"area": unit.name, "day": _day(day), "end": _day(unit.valid_until)}


def existed_during(unit: AdministrativeUnit, start: datetime.date | None, end: datetime.date | None) -> bool:
    """Whether the unit existed at some time in [start, end] (an open end: no bound)."""
    return not (
        (unit.valid_until and start and start > unit.valid_until) or (unit.valid_from and end and end < unit.valid_from)
    )


def record_date_problem(
    unit: AdministrativeUnit, *, day: datetime.date | None, start: datetime.date | None = None, end=None
) -> str | None:
    """The readable refusal when the unit did not exist on the record's day (or, without a day, at any time of
    its period); None when it did."""
    if day is not None:
        return None if existed_on(unit, day) else not_existing_message(unit, day)
    if (start or end) and not existed_during(unit, start, end):
        if unit.valid_until and start and start > unit.valid_until:
            return not_existing_message(unit, start)
        return not_existing_message(unit, end)
    return None


def areas_for(*, actor=None, capability: Capability | None = None, day: datetime.date | None = None) -> QuerySet:
    """Units the picker may offer: in the actor's scope for `capability` (all when None) and existing on `day`."""
    queryset = AdministrativeUnit.objects.select_related("parent", "current_province")
    if capability is not None:
        queryset = queryset.filter(area_scope_q(actor=actor, capability=capability, via=""))
    return queryset.filter(existed_on_q(day))


def area_search(queryset: QuerySet, text: str, *, limit: int = SEARCH_LIMIT) -> list[AdministrativeUnit]:
    """Matches for typed text ("nhu xuan", "Như Xuân", "402", "legacy:402"): provinces first, then districts
    and communes, the current generation before the legacy one."""
    text = (text or "").strip()[:QUERY_MAX_LENGTH]
    if not text:
        return []
    if match := KEY_RE.match(text):
        return list(queryset.filter(generation=match.group(1), code=match.group(2))[:1])
    return list(
        queryset.search(text)
        .annotate(level_rank=LEVEL_RANK)
        .order_by("level_rank", "-generation", "name", "code")[:limit]
    )


def resolve(queryset: QuerySet, text: str) -> AdministrativeUnit | None:
    """The one unit a key or an official code names within `queryset` (None when none, or several)."""
    text = (text or "").strip()
    if match := KEY_RE.match(text):
        found = list(queryset.filter(generation=match.group(1), code=match.group(2))[:2])
    elif match := CODE_RE.match(text):
        found = list(queryset.filter(code=match.group(1))[:2])
    else:
        return None
    return found[0] if len(found) == 1 else None


def lookup(text: str) -> AdministrativeUnit | None:
    """Any unit by key (regardless of scope or date): the caller then says why it cannot be used."""
    match = KEY_RE.match(text or "")
    if not match:
        return None
    return (
        AdministrativeUnit.objects.select_related("parent", "current_province")
        .filter(generation=match.group(1), code=match.group(2))
        .first()
    )


def area_label(unit: AdministrativeUnit) -> str:
    """ "Huyện Như Xuân, Tỉnh Thanh Hóa (cũ) — nay thuộc Tỉnh Thanh Hóa" / "Xã Như Xuân, Tỉnh Thanh Hóa"."""
    text = unit.name
    if unit.parent_id:
        text = f"{text}, {unit.parent.name}"
    if unit.is_legacy:
        text = f"{text} ({_('former')})"
        if unit.current_province_id:
            text = f"{text} — {_('now part of %(province)s') % {'province': unit.current_province.name}}"
    return text


def area_detail(unit: AdministrativeUnit) -> str:
    """The second line of a match: kind, official code and generation."""
    generation = _("before 7/2025") if unit.is_legacy else _("from 7/2025")
    return f"{unit.get_kind_display()} · {_('code')} {unit.code} · {generation}"
