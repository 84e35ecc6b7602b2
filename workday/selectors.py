""" "Việc của tôi": what waits for the signed-in user, grouped by what they can do, each line linking to the
action. The same for the page (/staff/), the API (/api/v1/my-work/) and the count in the menu."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardDecision, SafetyCertification
from movement.access import Capability, area_scope_q, has_any_capability
from movement.models import RoleAssignment
from reports.models import Conference
from workday.models import ReportingDeadline

LIMIT = 50  # lines shown per group (the count is exact)
DUE_SOON_DAYS = 30
OVERDUE_DAYS = 366  # deadlines older than this are history, not work

GROUP_TITLES = {
    "to_approve": _("Reports waiting for my approval"),
    "to_publish": _("Approved reports to publish"),
    "returned": _("Reports returned to me"),
    "drafts": _("My drafts"),
    "certifications": _("Certifications waiting for my review"),
    "awards_to_issue": _("Award decisions to issue"),
    "deadlines": _("Reports due soon or overdue in my areas"),
    "email_failures": _("Emails that could not be sent"),
}


@dataclass
class Line:
    label: str
    url: str
    detail: str = ""
    when: datetime.datetime | datetime.date | None = None
    overdue: bool = False


@dataclass
class Group:
    key: str
    count: int
    lines: list[Line] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(GROUP_TITLES[self.key])


def _conferences(actor, capability, **filters):
    return (
        Conference.objects.filter(area_scope_q(actor=actor, capability=capability, via="area"), **filters)
        .select_related("area", "programme")
        .order_by("updated_at", "id")
    )


def _conference_lines(rows, *, detail=None) -> list[Line]:
    return [
        Line(
            label=c.title,
            url=reverse("conference-detail", kwargs={"pk": c.pk}),
            detail=detail(c) if detail else c.area.name,
            when=c.updated_at,
        )
        for c in rows[:LIMIT]
    ]


def my_work(*, actor, today: datetime.date | None = None, with_lines: bool = True) -> list[Group]:
    """The groups with something in them; `with_lines=False` only counts (the menu) and leaves out the
    deadlines."""

    def _group(key, rows, lines_of) -> Group | None:
        count = rows.count()
        if not count:
            return None
        return Group(key=key, count=count, lines=lines_of(rows) if with_lines else [])

    groups: list[Group | None] = []
    if has_any_capability(actor=actor, capability=Capability.CONFERENCES_APPROVE):
        submitted = _conferences(actor, Capability.CONFERENCES_APPROVE, status=Conference.Status.SUBMITTED).exclude(
            submitted_by=actor
        )
        groups.append(_group("to_approve", submitted, _conference_lines))
        approved = _conferences(actor, Capability.CONFERENCES_APPROVE, status=Conference.Status.APPROVED).exclude(
            submitted_by=actor
        )
        groups.append(_group("to_publish", approved, _conference_lines))
    if has_any_capability(actor=actor, capability=Capability.CONFERENCES_EDIT):
        mine = Q(submitted_by=actor) | Q(created_by=actor)
        returned = _conferences(actor, Capability.CONFERENCES_EDIT, status=Conference.Status.RETURNED).filter(mine)
        groups.append(
            _group(
                "returned",
                returned,
                lambda rows: _conference_lines(rows, detail=lambda c: f"{c.area.name} · {c.return_reason}"),
            )
        )
        drafts = _conferences(actor, Capability.CONFERENCES_EDIT, status=Conference.Status.DRAFT).filter(
            created_by=actor
        )
        groups.append(_group("drafts", drafts, _conference_lines))
    if has_any_capability(actor=actor, capability=Capability.CERTIFICATIONS_REVIEW):
        certifications = (
            SafetyCertification.objects.filter(
                area_scope_q(actor=actor, capability=Capability.CERTIFICATIONS_REVIEW, via="area"),
                status__in=[SafetyCertification.Status.SUBMITTED, SafetyCertification.Status.APPROVED],
            )
            .exclude(submitted_by=actor)
            .select_related("area", "unit")
            .order_by("updated_at", "id")
        )
        groups.append(
            _group(
                "certifications",
                certifications,
                lambda rows: [
                    Line(
                        label=c.subject_name,
                        url=reverse("certification-detail", kwargs={"pk": c.pk}),
                        detail=f"{c.period_label} · {c.get_status_display()}",
                        when=c.updated_at,
                    )
                    for c in rows[:LIMIT]
                ],
            )
        )
    if has_any_capability(actor=actor, capability=Capability.AWARDS_ISSUE):
        drafts = (
            AwardDecision.objects.filter(
                area_scope_q(actor=actor, capability=Capability.AWARDS_ISSUE, via="area"),
                status=AwardDecision.Status.DRAFT,
            )
            .select_related("area")
            .order_by("signed_on", "id")
        )
        groups.append(
            _group(
                "awards_to_issue",
                drafts,
                lambda rows: [
                    Line(
                        label=d.number,
                        url=reverse("award-detail", kwargs={"pk": d.pk}),
                        detail=d.area.name,
                        when=d.signed_on,
                    )
                    for d in rows[:LIMIT]
                ],
            )
        )
    if with_lines:
        groups.append(_deadlines(actor, today or timezone.localdate()))
    if _is_national_admin(actor):
        from notifications.models import EmailDelivery

        failed = EmailDelivery.objects.filter(status=EmailDelivery.Status.FAILED).order_by("-created_at")
        groups.append(
            _group(
                "email_failures",
                failed,
                lambda rows: [
                    Line(
                        label=f"{d.to}: {d.subject}",
                        url=reverse("admin:notifications_emaildelivery_change", args=[d.pk]),
                        detail=d.last_error,
                        when=d.last_attempt_at,
                    )
                    for d in rows[:LIMIT]
                ],
            )
        )
    return [g for g in groups if g is not None]


def _is_national_admin(actor) -> bool:
    from movement.access import role_paths

    return "" in role_paths(actor=actor, capability=Capability.AWARDS_ISSUE) and (
        actor.is_superuser or RoleAssignment.objects.filter(user=actor, role="national_admin").exists()
    )


def _deadlines(actor, today: datetime.date) -> Group | None:
    """Deadlines due within DUE_SOON_DAYS or overdue (within a year), for the areas where the actor edits or
    approves reports, with how many of the units that must report have sent a report (submitted or later)."""
    from workday.coverage import coverage_counts, user_areas

    areas = user_areas(actor)
    if not areas:
        return None
    deadlines = ReportingDeadline.objects.filter(
        due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        due_on__gte=today - datetime.timedelta(days=OVERDUE_DAYS),
    ).select_related("programme")
    lines = []
    for deadline in deadlines:
        for area in areas:
            counts = coverage_counts(deadline=deadline, area=area)
            if counts["total"] and counts["reported"] >= counts["total"]:
                continue
            overdue = deadline.due_on < today
            lines.append(
                Line(
                    label=f"{deadline.programme.code} {deadline.period_label} · {area.name}",
                    url=reverse("coverage")
                    + f"?programme={deadline.programme.code}&period={deadline.period_label}&area={area.pk}",
                    detail=str(_("%(reported)s of %(total)s have reported")) % counts,
                    when=deadline.due_on,
                    overdue=overdue,
                )
            )
    if not lines:
        return None
    return Group(key="deadlines", count=len(lines), lines=lines[:LIMIT])


def my_work_total(*, actor) -> int:
    return sum(group.count for group in my_work(actor=actor, with_lines=False))
