"""The ONLY place that builds "what may this user see / do".

A user holds roles on administrative units; a role covers the unit and everything below it. A role held
on a 2025 unit also covers the legacy units that unit took over (their default successor), so a province
clerk of today sees the records kept against the old province. national_admin covers everything.

Reads outside the scope look like missing rows (404); writes without the capability raise
PermissionDeniedError (403).
"""

from enum import StrEnum

from django.db.models import Q

from movement.errors import PermissionDeniedError
from movement.models import AdministrativeUnit, Role, RoleAssignment, Succession


class Capability(StrEnum):
    READ_UNPUBLISHED = "read_unpublished"
    UNITS_EDIT = "units_edit"
    CONFERENCES_EDIT = "conferences_edit"
    CONFERENCES_APPROVE = "conferences_approve"
    CERTIFICATIONS_EDIT = "certifications_edit"
    CERTIFICATIONS_REVIEW = "certifications_review"
    AWARDS_DRAFT = "awards_draft"
    AWARDS_ISSUE = "awards_issue"
    RATINGS_SELF_SCORE = "ratings_self_score"
    RATINGS_APPROVE = "ratings_approve"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.DATA_ENTRY: frozenset(
        {
            Capability.READ_UNPUBLISHED,
            Capability.UNITS_EDIT,
            Capability.CONFERENCES_EDIT,
            Capability.CERTIFICATIONS_EDIT,
            Capability.AWARDS_DRAFT,
            Capability.RATINGS_SELF_SCORE,
        }
    ),
    Role.APPROVER: frozenset(
        {
            Capability.READ_UNPUBLISHED,
            Capability.UNITS_EDIT,
            Capability.CONFERENCES_APPROVE,
            Capability.AWARDS_DRAFT,
            Capability.AWARDS_ISSUE,
        }
    ),
    Role.POLICE_REVIEWER: frozenset(
        {Capability.READ_UNPUBLISHED, Capability.CERTIFICATIONS_REVIEW, Capability.RATINGS_APPROVE}
    ),
    Role.VIEWER: frozenset({Capability.READ_UNPUBLISHED}),
    Role.NATIONAL_ADMIN: frozenset(Capability),
}

_EVERYWHERE = ""  # the empty path prefix matches every unit


def roles_with(capability: Capability) -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]


def role_paths(*, actor, capability: Capability) -> list[str]:
    """Path prefixes of the subtrees where the actor holds `capability` (at most two queries for all the
    capabilities together: the actor's roles, and the legacy units their 2025 areas took over; cached)."""
    if actor is None or not actor.is_authenticated:
        return []
    if actor.is_superuser:
        return [_EVERYWHERE]
    cache = actor.__dict__.setdefault("_role_paths_cache", {})
    if capability in cache:
        return cache[capability]
    everything = actor.__dict__.get("_role_assignments")
    if everything is None:
        everything = actor.__dict__["_role_assignments"] = list(
            RoleAssignment.objects.filter(user=actor).values_list("role", "area_id", "area__path", "area__generation")
        )
    roles = set(roles_with(capability))
    assignments = [(area_id, path, gen) for role, area_id, path, gen in everything if role in roles]
    if any(area_id is None for area_id, _p, _g in assignments):
        paths = [_EVERYWHERE]
    else:
        paths = [path for _id, path, _g in assignments]
        if any(gen == AdministrativeUnit.Generation.Y2025 for _id, _p, gen in assignments):
            taken_over = _taken_over(actor, everything)
            paths += [path for area_id, _p, gen in assignments for path in taken_over.get(area_id, ())]
        paths = _minimal_prefixes(paths)
    cache[capability] = paths
    return paths


def _taken_over(actor, everything) -> dict[int, list[str]]:
    """Paths of the legacy units whose default successor is one of the actor's 2025 areas (one query)."""
    found = actor.__dict__.get("_role_taken_over")
    if found is None:
        current_ids = {area_id for _r, area_id, _p, gen in everything if gen == AdministrativeUnit.Generation.Y2025}
        found = actor.__dict__["_role_taken_over"] = {}
        rows = Succession.objects.filter(successor_id__in=current_ids, is_default=True).values_list(
            "successor_id", "predecessor__path"
        )
        for successor_id, path in rows:
            found.setdefault(successor_id, []).append(path)
    return found


def _minimal_prefixes(paths: list[str]) -> list[str]:
    result: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def area_scope_q(*, actor, capability: Capability = Capability.READ_UNPUBLISHED, via: str) -> Q:
    """Rows whose administrative unit (reached through `via`; "" for the unit itself) lies under one of
    the actor's roles."""
    paths = role_paths(actor=actor, capability=capability)
    if _EVERYWHERE in paths:
        return Q()
    key = f"{via}__path__startswith" if via else "path__startswith"
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{key: path})
    return q


def has_capability(*, actor, area: AdministrativeUnit | None, capability: Capability) -> bool:
    paths = role_paths(actor=actor, capability=capability)
    if _EVERYWHERE in paths:
        return True
    if area is None:
        return False
    return any(area.path.startswith(path) for path in paths)


def has_any_capability(*, actor, capability: Capability) -> bool:
    return bool(role_paths(actor=actor, capability=capability))


def require_capability(*, actor, area: AdministrativeUnit | None, capability: Capability) -> None:
    if not has_capability(actor=actor, area=area, capability=capability):
        raise PermissionDeniedError(capability)


def areas_with_capability(*, actor, capability: Capability):
    """Administrative units where the actor may use `capability` (for form choices)."""
    return AdministrativeUnit.objects.filter(area_scope_q(actor=actor, capability=capability, via=""))


def invalidate(actor) -> None:
    for key in ("_role_paths_cache", "_role_assignments", "_role_taken_over"):
        actor.__dict__.pop(key, None)
