"""Reads for users. Records are scoped to the actor's areas (out of scope looks missing: 404); the
criteria sets, rating schemes and issued award decisions are public."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from awards.models import (
    AwardDecision,
    AwardRecipient,
    CertificationCriterionResult,
    CriteriaSet,
    Criterion,
    MovementRating,
    RatingBand,
    RatingScheme,
    RecognitionDecision,
    SafetyCertification,
)
from movement.access import Capability, area_scope_q
from movement.models import Unit


def criteria_set_list() -> QuerySet[CriteriaSet]:
    return CriteriaSet.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("number"))
    ).order_by("subject_kind", "-valid_from", "code")


def rating_scheme_list() -> QuerySet[RatingScheme]:
    return RatingScheme.objects.prefetch_related(
        Prefetch("bands", queryset=RatingBand.objects.order_by("-min_score"))
    ).order_by("-valid_from", "code")


def certification_list(*, actor) -> QuerySet[SafetyCertification]:
    return (
        SafetyCertification.objects.filter(
            area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
        )
        .select_related(
            "unit",
            "commune",
            "area__parent",
            "criteria_set",
            "recognition_decision",
            "registered_by",
            "submitted_by",
            "reviewed_by",
        )
        .prefetch_related(
            Prefetch(
                "results",
                queryset=CertificationCriterionResult.objects.select_related("criterion").order_by("criterion__number"),
            )
        )
        .order_by("-year", "area__path", "id")
    )


def certification_review_queue(*, actor) -> QuerySet[SafetyCertification]:
    """The police queue: certifications in scope, those awaiting review first, then those awaiting
    recognition, oldest submission first."""
    status = SafetyCertification.Status
    urgency = Case(
        When(status=status.SUBMITTED, then=Value(0)),
        When(status=status.APPROVED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return certification_list(actor=actor).order_by(urgency, "submitted_at", "-year", "id")


def recognition_decision_list(*, actor) -> QuerySet[RecognitionDecision]:
    return (
        RecognitionDecision.objects.filter(
            area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
        )
        .select_related("area")
        .annotate(certification_count=Count("certifications"))
        .prefetch_related(
            Prefetch(
                "certifications", queryset=SafetyCertification.objects.select_related("unit", "commune").order_by("id")
            )
        )
        .order_by("-signed_on", "-id")
    )


def _recipients_prefetch(*, public: bool = False) -> Prefetch:
    queryset = AwardRecipient.objects.order_by("order")
    if public:
        queryset = queryset.only("id", "decision_id", "order", "kind", "name_as_printed", "title_as_printed")
    else:
        queryset = queryset.select_related("unit", "area")
    return Prefetch("recipients", queryset=queryset)


def award_decision_list(*, actor) -> QuerySet[AwardDecision]:
    """Decisions in the actor's scope (drafts and annulled ones too), and every issued decision (public)."""
    scope = area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
    # An empty Q() means "everywhere" (national admin); OR-ed with another Q it would vanish.
    visible = scope | Q(status=AwardDecision.Status.ISSUED) if scope else Q()
    return (
        AwardDecision.objects.filter(visible)
        .select_related("area", "issuing_authority", "form", "programme")
        .prefetch_related(_recipients_prefetch())
        .order_by("-signed_on", "-id")
    )


def award_decision_public_list() -> QuerySet[AwardDecision]:
    """Issued decisions for the public, and annulled ones (listed as annulled, with the date and the reason):
    recipients' names and titles only."""
    return (
        AwardDecision.objects.filter(status__in=[AwardDecision.Status.ISSUED, AwardDecision.Status.ANNULLED])
        .select_related("area", "issuing_authority", "form", "programme")
        .prefetch_related(_recipients_prefetch(public=True))
        .order_by("-signed_on", "-id")
    )


def rating_list(*, actor) -> QuerySet[MovementRating]:
    return (
        MovementRating.objects.filter(area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area"))
        .select_related("unit", "commune", "area__parent", "scheme", "band", "scored_by", "approved_by")
        .order_by("-year", "area__path", "id")
    )


def unit_choices(*, actor) -> QuerySet[Unit]:
    """Units the actor may link to (recipients, subjects): those in their read scope."""
    return Unit.objects.filter(
        area_scope_q(actor=actor, capability=Capability.READ_UNPUBLISHED, via="area")
    ).select_related("area")
