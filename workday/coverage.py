"""Coverage of a programme's period: which units of an area have published, submitted, drafted or sent
nothing yet, for a province (its units of the reporting level) or the country (its provinces, counted)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from movement.access import Capability, role_paths
from movement.models import AdministrativeUnit, Role, RoleAssignment
from reports.models import Conference
from workday.collation import vi_key

Status = Conference.Status
# the best status a unit reached, in order
STATES = ["published", "approved", "submitted", "drafted", "none"]
STATE_LABELS = {
    "published": _("Published"),
    "approved": _("Approved, not yet published"),
    "submitted": _("Submitted, waiting for approval"),
    "drafted": _("Drafted or returned"),
    "none": _("Nothing yet"),
}
_RANK = {
    Status.PUBLISHED: "published",
    Status.APPROVED: "approved",
    Status.SUBMITTED: "submitted",
    Status.RETURNED: "drafted",
    Status.DRAFT: "drafted",
}
REPORTED = {"published", "approved", "submitted"}


@dataclass
class Row:
    unit: AdministrativeUnit
    state: str
    conference_id: int | None = None
    reported: int = 0  # country view: units of the province that reported
    total: int = 0

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def user_areas(actor, *, roles=(Role.DATA_ENTRY, Role.APPROVER)) -> list[AdministrativeUnit]:
    """The areas of the actor's roles (by default those where they edit or approve reports)."""
    ids = RoleAssignment.objects.filter(user=actor, role__in=roles, area__isnull=False).values_list(
        "area_id", flat=True
    )
    return list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("path"))


def sees_everything(actor) -> bool:
    return "" in role_paths(actor=actor, capability=Capability.READ_UNPUBLISHED)


def _conference_states(*, programme, period_label: str, path_prefix: str, level: str) -> dict[int, tuple[str, int]]:
    """unit id → (best state, its conference) of the reports of that level under the prefix."""
    rows = Conference.objects.filter(
        programme=programme, period_label=period_label, area__path__startswith=path_prefix, area__level=level
    ).values_list("area_id", "status", "pk")
    best: dict[int, tuple[str, int]] = {}
    for area_id, status, pk in rows.order_by("pk"):
        state = _RANK.get(status, "drafted")
        if area_id not in best or STATES.index(state) < STATES.index(best[area_id][0]):
            best[area_id] = (state, pk)
    return best


def units_of(area: AdministrativeUnit | None, *, level: str, generation: str):
    units = AdministrativeUnit.objects.filter(level=level, generation=generation)
    if area is not None:
        units = units.filter(path__startswith=area.path).exclude(pk=area.pk)
    return units


def coverage_rows(*, programme, period_label: str, area: AdministrativeUnit | None, level: str, generation: str):
    """For a province (or any unit): every unit of `level` under it with its state. For the country: every
    province of the generation with how many of its units of `level` reported."""
    if area is None:
        provinces = list(AdministrativeUnit.objects.filter(level="province", generation=generation))
        states = _conference_states(programme=programme, period_label=period_label, path_prefix="", level=level)
        units = units_of(None, level=level, generation=generation).values_list("pk", "path")
        totals: dict[str, list[int]] = {}
        for pk, path in units:
            province = path[: path.index("/") + 1]
            counts = totals.setdefault(province, [0, 0])
            counts[1] += 1
            if pk in states and states[pk][0] in REPORTED:
                counts[0] += 1
        rows = []
        for province in provinces:
            reported, total = totals.get(province.path, [0, 0])
            if level == "province":
                state = states.get(province.pk, ("none", None))
                reported, total = (1 if state[0] in REPORTED else 0), 1
            state = "published" if total and reported == total else ("submitted" if reported else "none")
            rows.append(Row(unit=province, state=state, reported=reported, total=total))
        return sorted(rows, key=lambda r: vi_key(r.unit.name))
    states = _conference_states(programme=programme, period_label=period_label, path_prefix=area.path, level=level)
    units = units_of(area, level=level, generation=area.generation).select_related("parent")
    rows = []
    for unit in units:
        state, conference_id = states.get(unit.pk, ("none", None))
        rows.append(Row(unit=unit, state=state, conference_id=conference_id))
    return sorted(rows, key=lambda r: (vi_key(r.unit.parent.name if r.unit.parent_id else ""), vi_key(r.unit.name)))


def summary_counts(rows) -> dict[str, int]:
    counts = dict.fromkeys(STATES, 0)
    for row in rows:
        counts[row.state] += 1
    return counts


def coverage_counts(*, deadline, area: AdministrativeUnit) -> dict[str, int]:
    """{"reported": units of the deadline's level under the area that sent a report, "total": all of them}."""
    total = units_of(area, level=deadline.level, generation=area.generation).count()
    if area.level == deadline.level:
        total = 1
    reported = (
        Conference.objects.filter(
            Q(area=area) | Q(area__path__startswith=area.path, area__level=deadline.level),
            programme=deadline.programme,
            period_label=deadline.period_label,
            status__in=[Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED],
        )
        .filter(area__level=deadline.level)
        .values("area_id")
        .distinct()
        .count()
    )
    return {"reported": reported, "total": total}
