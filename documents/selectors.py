"""Reads of the documents app: the header and signer of a document (its area's profile), and the records a
document lists (recognised certifications, award decisions of a summary's area and period)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q

from awards import selectors as award_selectors
from awards.models import AwardDecision
from documents.models import DocumentProfile
from movement.models import AdministrativeUnit
from reports.summaries import Summary

_LEVEL_WORDS = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+", re.IGNORECASE)
PLACEHOLDER_BODY = "[TÊN CƠ QUAN BAN HÀNH]"


@dataclass
class DefaultProfile:
    """No profile recorded: the issuing body and signer are marked blanks; the place is the area's name."""

    place: str
    parent_body: str = ""
    issuing_body: str = PLACEHOLDER_BODY
    symbol: str = ""
    signer_name: str = ""
    recipient_lines: list[str] = field(default_factory=list)
    signer_title_lines: list[str] = field(default_factory=list)


DEFAULT_RECIPIENTS = {
    "report": ["[Cơ quan cấp trên nhận báo cáo];", "Lưu: VT."],
    "recognition": ["Như Điều 3;", "Lưu: VT."],
    "award": ["Như Điều 3;", "Lưu: VT."],
}


def place_name(unit: AdministrativeUnit | None) -> str:
    if unit is None:
        return "Hà Nội"  # the seat of national bodies
    return unit.short_name or _LEVEL_WORDS.sub("", unit.name)


def _ancestor_paths(path: str) -> list[str]:
    """ "L38/380/12345/" → ["L38/380/12345/", "L38/380/", "L38/"] (nearest first)."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]


def document_profile(*, area: AdministrativeUnit | None, kind: str):
    """The profile of `kind` nearest to `area` (the area, the units above it, then today's province that
    holds a legacy unit); a DefaultProfile when there is none (one query)."""
    if area is None:
        return DefaultProfile(place=place_name(None), recipient_lines=list(DEFAULT_RECIPIENTS[kind]))
    paths = _ancestor_paths(area.path)
    q = Q(area__path__in=paths)
    if area.is_legacy and area.current_province_id:
        q |= Q(area_id=area.current_province_id)
    found = {p.area.path: p for p in DocumentProfile.objects.filter(q, kind=kind).select_related("area")}
    for path in paths:
        if path in found:
            return found[path]
    if found:  # today's province
        return next(iter(found.values()))
    province = area
    if area.level != AdministrativeUnit.Level.PROVINCE:
        province = area.parent if area.parent_id else area
    return DefaultProfile(
        place=place_name(area if area.level != AdministrativeUnit.Level.PROVINCE else province),
        recipient_lines=list(DEFAULT_RECIPIENTS[kind]),
    )


def summary_award_decisions(*, summary: Summary, area: AdministrativeUnit | None, limit: int):
    """Issued award decisions recorded for the summary's area and period (and programme, for a review):
    (the first `limit`, how many in all)."""
    queryset = award_selectors.award_decision_public_list().filter(
        status=AwardDecision.Status.ISSUED,
        signed_on__gte=summary.period.start,
        signed_on__lte=summary.period.end,
    )
    if summary.programme is not None and summary.kind == "programme_review":
        queryset = queryset.filter(programme=summary.programme)
    if area is not None:
        in_area = Q(area__path__startswith=area.path)
        if summary.mode == "current" and not area.is_legacy and area.level == AdministrativeUnit.Level.PROVINCE:
            in_area |= Q(area__current_province=area)
        queryset = queryset.filter(in_area)
    queryset = queryset.order_by("signed_on", "id")
    return list(queryset[:limit]), queryset.count()


def recognised_certifications(decision) -> list:
    return list(
        decision.certifications.select_related("unit", "commune__parent", "area", "criteria_set").order_by("id")
    )
