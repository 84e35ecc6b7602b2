"""Issue 12, item 5: staff forms and transition posts must carry the record's `version`. Posted without it
(or empty, or unreadable like "²") nothing is saved and the page says why: before, such a post overwrote a
colleague's change. Item 8: `remove-recipient` with recipient=abc and `delete` with version=² answer 4xx
(or a message), never 500."""

import pytest
from django.test import Client

from awards.models import AwardDecision, AwardRecipient, MovementRating, SafetyCertification
from reports.models import Conference, IndicatorValue
from tests.trust.test_lost_updates import _conference_form

pytestmark = pytest.mark.django_db
MISSING = "không gửi phiên bản"


def _session(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def clerk(trust_world):
    return trust_world.users["data_entry"]


@pytest.mark.parametrize("version", [None, "", "²", "abc"], ids=["absent", "empty", "superscript", "word"])
def test_conference_edit_without_a_version_saves_nothing_and_says_why(trust_world, clerk, version):
    conference = trust_world.sides["in"]["conference_draft"]
    url = f"/staff/conferences/{conference.pk}/edit/"
    form = _conference_form(conference, title="Ghi đè của người thứ hai")
    if version is None:
        form.pop("version")
    else:
        form["version"] = version
    response = _session(clerk).post(url, form)
    assert response.status_code != 302  # the form again, not a save
    assert any(MISSING in e for e in response.context["form"].non_field_errors())
    assert MISSING in response.content.decode()
    assert Conference.objects.get(pk=conference.pk).title == conference.title


def test_figure_table_without_a_version_saves_nothing(trust_world, clerk):
    conference = trust_world.sides["in"]["conference_draft"]
    figures = list(conference.figures.select_related("indicator").order_by("pk"))
    data = {"figures-TOTAL_FORMS": len(figures), "figures-INITIAL_FORMS": 0}
    for index, figure in enumerate(figures):
        data |= {
            f"figures-{index}-indicator": figure.indicator.code,
            f"figures-{index}-breakdown": figure.breakdown,
            f"figures-{index}-qualifier": figure.qualifier,
            f"figures-{index}-value": "1",
        }
    before = sorted(IndicatorValue.objects.filter(conference=conference).values_list("value", flat=True))
    response = _session(clerk).post(f"/staff/conferences/{conference.pk}/figures/", data)
    assert response.status_code == 400
    assert MISSING in response.content.decode()
    assert sorted(IndicatorValue.objects.filter(conference=conference).values_list("value", flat=True)) == before


def test_conference_transition_without_a_version_is_refused(trust_world, clerk):
    conference = trust_world.sides["in"]["conference_draft"]
    response = _session(clerk).post(f"/staff/conferences/{conference.pk}/submit/", follow=True)
    assert MISSING in _messages(response)
    assert Conference.objects.get(pk=conference.pk).status == Conference.Status.DRAFT
    # a transition the user may not make is still a 403 (the rights are checked first)
    viewer = trust_world.users["viewer"]
    assert _session(viewer).post(f"/staff/conferences/{conference.pk}/submit/").status_code == 403


def test_award_decision_edit_and_transitions_without_a_version_are_refused(trust_world, clerk):
    decision = trust_world.sides["in"]["award_draft"]
    client = _session(clerk)
    form = {
        "number": decision.number,
        "signed_on": decision.signed_on.strftime("%d/%m/%Y"),
        "issuing_authority": decision.issuing_authority_id,
        "form": decision.form_id,
        "achievement": "Ghi đè",
        "area": decision.area_id,
        "version": "",
    }
    response = client.post(f"/staff/awards/{decision.pk}/edit/", form)
    assert MISSING in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).achievement == decision.achievement
    approver = _session(trust_world.users["approver"])
    response = approver.post(f"/staff/awards/{decision.pk}/issue/", follow=True)
    assert MISSING in _messages(response)
    assert AwardDecision.objects.get(pk=decision.pk).status == decision.status


def test_delete_with_a_superscript_version_and_remove_recipient_abc_are_not_server_errors(trust_world, clerk):
    decision = trust_world.sides["in"]["award_draft"]
    # A draft is deleted by its author or an approver in scope (issue 14): the approver tries, with a bad version.
    response = _session(trust_world.users["approver"]).post(f"/staff/awards/{decision.pk}/delete/", {"version": "²"})
    assert response.status_code == 302
    client = _session(clerk)
    assert AwardDecision.objects.filter(pk=decision.pk).exists()
    recipients = AwardRecipient.objects.filter(decision=decision).count()
    for value in ("abc", "²", "", "9" * 40):
        response = client.post(
            f"/staff/awards/{decision.pk}/remove-recipient/", {"recipient": value, "version": decision.version}
        )
        assert response.status_code == 404, value
    assert AwardRecipient.objects.filter(decision=decision).count() == recipients


def test_certification_approval_without_a_version_is_refused(trust_world):
    certification = trust_world.sides["in"]["certification_submitted"]
    reviewer = trust_world.users["police_reviewer"]
    response = _session(reviewer).post(f"/staff/certifications/{certification.pk}/approve/", follow=True)
    assert MISSING in _messages(response)
    assert SafetyCertification.objects.get(pk=certification.pk).status == certification.status


def test_rating_approval_without_a_version_is_refused(trust_world):
    rating = trust_world.sides["in"]["rating_self_scored"]
    police = trust_world.users["police_reviewer"]  # ratings are approved by the police (docs/permissions.md)
    response = _session(police).post(f"/staff/ratings/{rating.pk}/approve/", {"score": "90"}, follow=True)
    assert MISSING in _messages(response)
    assert MovementRating.objects.get(pk=rating.pk).status == rating.status


def test_self_assessment_posted_without_its_management_form_is_a_400(trust_world, clerk):
    certification = trust_world.sides["in"]["certification_draft"]
    url = f"/staff/certifications/{certification.pk}/assess/"
    response = _session(clerk).post(url, {"version": certification.version})
    assert response.status_code == 400  # was a 500 (zip of the results and no forms)
