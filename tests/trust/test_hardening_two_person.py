"""Issue 12, item 7: the two-person rule holds for whoever last changed the values under review, not only
for the first scorer or the submitter. A user with both data entry and review roles who changes a rating's
self-score (a report's figure, a self-assessment) may not approve it; the record names who changed it."""

import datetime
from decimal import Decimal

import pytest

from awards import services as awards
from awards.models import MovementRating
from movement.errors import PermissionDeniedError
from movement.models import AuditEvent, Role, RoleAssignment
from reports import services as reports
from tests.factories import UserFactory
from tests.trust.world import _results

pytestmark = pytest.mark.django_db


def _user(side, *roles):
    user = UserFactory()
    for role in roles:
        RoleAssignment.objects.create(user=user, role=role, area=side.province)
    return user


def test_the_last_editor_of_a_self_score_may_not_approve_it(trust_world):
    side = trust_world.sides["in"]
    clerk, police = trust_world.users["data_entry"], trust_world.users["police_reviewer"]
    both = _user(side, Role.DATA_ENTRY, Role.POLICE_REVIEWER)
    rating = awards.rating_create(actor=clerk, commune=side.commune, year=2022, self_score=Decimal("70"))
    rating = awards.rating_update(actor=both, rating=rating, self_score=Decimal("95"))
    assert rating.scored_by == both  # the record names who set the self-score under review
    change = AuditEvent.objects.filter(verb="rating_update", object_id=str(rating.pk)).get()
    assert change.actor == both and Decimal(change.after["self_score"]) == 95
    with pytest.raises(PermissionDeniedError):
        awards.rating_approve(actor=both, rating=rating)
    assert MovementRating.objects.get(pk=rating.pk).status == MovementRating.Status.SELF_SCORED
    approved = awards.rating_approve(actor=police, rating=rating)
    assert approved.status == MovementRating.Status.APPROVED and approved.approved_by == police


def test_a_national_admin_who_changed_the_score_may_not_approve_it(trust_world):
    side = trust_world.sides["in"]
    admin = trust_world.users["national_admin"]
    rating = awards.rating_create(
        actor=trust_world.users["data_entry"], commune=side.commune, year=2024, self_score=Decimal("60")
    )
    awards.rating_update(actor=admin, rating=rating, self_score=Decimal("99"))
    with pytest.raises(PermissionDeniedError):
        awards.rating_approve(actor=admin, rating=rating)


def test_the_last_editor_of_a_reports_figures_may_not_approve_it(trust_world):
    side = trust_world.sides["in"]
    clerk, approver = trust_world.users["data_entry"], trust_world.users["approver"]
    both = _user(side, Role.DATA_ENTRY, Role.APPROVER)
    conference = reports.conference_create(
        actor=clerk,
        programme="CT07-2014",
        kind="interim_review",
        title="Hội nghị hai người",
        area=side.legacy,
        held_on=datetime.date(2020, 5, 1),
        figures=[{"indicator": "propaganda_sessions", "value": 10, "qualifier": "exact"}],
        tallies=[],
    )
    reports.indicator_value_update(actor=both, conference=conference, figure=conference.figures.get(), value=99)
    conference = reports.conference_submit(actor=clerk, conference=conference)
    with pytest.raises(PermissionDeniedError):
        reports.conference_approve(actor=both, conference=conference)
    assert reports.conference_approve(actor=approver, conference=conference).status == "approved"


def test_the_last_editor_of_a_self_assessment_may_not_approve_it(trust_world):
    side = trust_world.sides["in"]
    clerk, police = trust_world.users["data_entry"], trust_world.users["police_reviewer"]
    both = _user(side, Role.DATA_ENTRY, Role.POLICE_REVIEWER)
    certification = awards.certification_register(actor=clerk, unit=side["unit"], period="2018")
    certification = awards.certification_assess(
        actor=both, certification=certification, results=_results(certification)
    )
    certification = awards.certification_submit(actor=clerk, certification=certification)
    with pytest.raises(PermissionDeniedError):
        awards.certification_approve(actor=both, certification=certification)
    assert awards.certification_approve(actor=police, certification=certification).status == "approved"
