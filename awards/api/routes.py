"""API routes of this app; config/api.py calls register() on the one router.

/api/v1/criteria-sets/, /api/v1/rating-schemes/ (public reference data, by id or code);
/api/v1/certifications/ (+ submit, approve, reject, recognise, revoke); /api/v1/recognition-decisions/
(+ recognise: bulk); /api/v1/award-decisions/ (+ issue, annul, recipients/, recipients/{id}/,
import-recipients); /api/v1/ratings/ (+ approve)."""

from awards.api.views import (
    AwardDecisionViewSet,
    CertificationViewSet,
    CriteriaSetViewSet,
    RatingSchemeViewSet,
    RatingViewSet,
    RecognitionDecisionViewSet,
)


def register(router) -> None:
    router.register("criteria-sets", CriteriaSetViewSet, basename="criteria-set")
    router.register("certifications", CertificationViewSet, basename="certification")
    router.register("recognition-decisions", RecognitionDecisionViewSet, basename="recognition-decision")
    router.register("award-decisions", AwardDecisionViewSet, basename="award-decision")
    router.register("rating-schemes", RatingSchemeViewSet, basename="rating-scheme")
    router.register("ratings", RatingViewSet, basename="rating")
