"""Reads for users: catalogues (public), conferences and their figures (published ones are public; unpublished
ones only within the actor's scope), and a conference's history."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from movement.access import Capability, area_scope_q
from movement.models import AuditEvent
from reports.models import (
    AwardForm,
    AwardTally,
    Breakdown,
    Conference,
    ConferenceTransition,
    Indicator,
    IndicatorValue,
    IssuingAuthority,
    Programme,
    SourceDocument,
)

# Catalogues (public reference data) ----------------------------------------------------------------------------


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("-issued_on", "code")


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.prefetch_related(Prefetch("breakdowns", queryset=Breakdown.objects.order_by("rank")))


def indicator_get(*, code: str) -> Indicator:
    return indicator_list().get(code=code)


def breakdown_list() -> QuerySet[Breakdown]:
    return Breakdown.objects.order_by("rank", "code")


def breakdown_names() -> dict[str, str]:
    """Breakdown code → name in the active language ("" → the total), one query."""
    return {b.code: b.name for b in breakdown_list()}


def issuing_authority_list() -> QuerySet[IssuingAuthority]:
    return IssuingAuthority.objects.prefetch_related("forms")


def award_form_list() -> QuerySet[AwardForm]:
    return AwardForm.objects.all()


# Conferences -----------------------------------------------------------------------------------------------------


def conference_visibility_q(*, actor) -> Q | None:
    """Published conferences, plus unpublished ones in the actor's read scope (None: no restriction)."""
    published = Q(status=Conference.Status.PUBLISHED)
    if actor is None or not actor.is_authenticated:
        return published
    scope = area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
    if not scope:  # everywhere (national admin, superuser)
        return None
    return published | scope


def _figures_prefetch():
    return Prefetch(
        "figures",
        queryset=IndicatorValue.objects.select_related("indicator").order_by(
            "indicator__rank", "indicator__code", "breakdown"
        ),
    )


def _tallies_prefetch():
    return Prefetch(
        "tallies",
        queryset=AwardTally.objects.select_related("issuer", "form").order_by(
            "issuer__level", "issuer__code", "form__rank", "recipient_kind"
        ),
    )


def conference_list(*, actor, with_full_text: bool = False, with_parts: bool = True) -> QuerySet[Conference]:
    """Conferences the actor may read, with programme, area, figures, tallies and sources prefetched (a
    fixed number of queries whatever the number of conferences). Source documents carry their full text
    only when `with_full_text`; with_parts=False counts the figures and tallies (figure_count,
    tally_count) instead of fetching them (the list endpoint)."""
    documents = SourceDocument.objects.order_by("id")
    if not with_full_text:
        documents = documents.defer("full_text")
    queryset = Conference.objects.all()
    visible = conference_visibility_q(actor=actor)
    if visible is not None:
        queryset = queryset.filter(visible)
    queryset = queryset.select_related("programme", "area__parent", "area__current_province")
    if not with_parts:
        return (
            queryset.annotate(figure_count=_count_of(IndicatorValue), tally_count=_count_of(AwardTally))
            .prefetch_related(Prefetch("source_documents", queryset=documents))
            .order_by("-held_on", "-id")
        )
    return queryset.prefetch_related(
        _figures_prefetch(), _tallies_prefetch(), Prefetch("source_documents", queryset=documents)
    ).order_by("-held_on", "-id")


def _count_of(model):
    """How many rows of `model` a conference has (a correlated subquery: no join multiplying the rows)."""
    rows = model.objects.filter(conference=OuterRef("pk")).order_by().values("conference")
    return Coalesce(Subquery(rows.annotate(n=Count("id")).values("n")[:1]), 0)


def conference_get(*, actor, pk) -> Conference:
    """One conference the actor may read (Conference.DoesNotExist otherwise: answered as 404)."""
    return conference_list(actor=actor, with_full_text=True).get(pk=pk)


def indicator_value_list(*, actor) -> QuerySet[IndicatorValue]:
    """Reported figures of the conferences the actor may read."""
    queryset = IndicatorValue.objects.all()
    visible = conference_visibility_q(actor=actor)
    if visible is not None:
        queryset = queryset.filter(conference__in=Conference.objects.filter(visible).values("pk"))
    return queryset.select_related("indicator", "conference__programme", "conference__area")


def conference_transitions(*, conference: Conference) -> QuerySet[ConferenceTransition]:
    return conference.transitions.select_related("actor").order_by("occurred_at", "id")


def conference_history(*, conference: Conference) -> list[dict]:
    """Every change of the conference, its figures, tallies and sources, and every status change: who,
    when, what, before → after (oldest first)."""
    events = AuditEvent.objects.filter(
        object_type=Conference._meta.label_lower, object_id=str(conference.pk)
    ).select_related("actor")
    from workday.history import readable, subject, verb_label  # labels and values as people read them

    rows = []
    events = list(events.order_by("occurred_at", "id"))
    for event, changes in zip(events, readable(events), strict=True):
        rows.append(
            {
                "occurred_at": event.occurred_at,
                "actor": event.actor,
                "action": event.action,
                "action_display": verb_label(event.verb),
                "verb": event.verb,
                "subject": subject(event, changes),
                "reason": event.note if event.action == AuditEvent.Action.TRANSITION else "",
                "changes": changes,
            }
        )
    return rows


# Keys of the audit trail that are internal review data, never shown to the public.
PUBLIC_HIDDEN_KEYS = {"note", "return_reason", "version", "submitted_at", "approved_at", "full_text", "status"}


def conference_public_history(*, conference: Conference) -> list[dict]:
    """The history the public may see: when the report was published (and published again after a
    correction), and the changes of published data made in between (the corrections). Nothing from before
    the first publication, no other review steps, no staff names, no reasons, no internal notes."""
    rows = conference_history(conference=conference)
    published = [i for i, row in enumerate(rows) if row["verb"] == "conference_publish"]
    if not published:
        return []
    public = []
    for row in rows[published[0] : published[-1] + 1]:
        is_transition = row["action"] == AuditEvent.Action.TRANSITION
        if is_transition and row["verb"] != "conference_publish":
            continue  # reopen, submit, approve, return: internal review
        changes = [
            (key, before, after)
            for key, before, after in row["changes"]
            if key not in PUBLIC_HIDDEN_KEYS and not key.endswith(("_by", "_by_id"))
        ]
        if not is_transition and not changes:
            continue
        public.append({**row, "actor": None, "reason": "", "changes": changes})
    return public
