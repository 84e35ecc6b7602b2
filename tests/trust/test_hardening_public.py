"""Issue 12, item 4: public endpoints show what was published, and when (and the corrections of published
data), never internal review data: no return reason, no staff user names, no pre-publication values or
internal notes, to anonymous readers, signed-in users without a role and staff of other areas. Users
without a role get the public representation of award decisions too (no linked units, source or
conference)."""

import datetime
import json

import pytest
from rest_framework.test import APIClient

from awards.models import AwardDecision
from reports import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REASON = "Lý do trả lại nội bộ XYZ"
NOTE = "Ghi chú nội bộ QWE"


def _client(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def published(trust_world):
    side = trust_world.sides["in"]
    clerk, approver = trust_world.users["data_entry"], trust_world.users["approver"]
    conference = services.conference_create(
        actor=clerk,
        programme="CT07-2014",
        kind="interim_review",
        title="Hội nghị có lần trả lại",
        area=side.legacy,
        held_on=datetime.date(2019, 9, 11),
        figures=[{"indicator": "propaganda_sessions", "value": 1111, "qualifier": "exact", "note": NOTE}],
        tallies=[],
    )
    conference = services.conference_submit(actor=clerk, conference=conference)
    conference = services.conference_return(actor=approver, conference=conference, reason=REASON)
    figure = conference.figures.get()
    services.indicator_value_update(actor=clerk, conference=conference, figure=figure, value=3071)
    conference = services.conference_submit(actor=clerk, conference=conference)
    conference = services.conference_approve(actor=approver, conference=conference)
    return services.conference_publish(actor=approver, conference=conference)


def _internal_traces(text: str, world) -> list[str]:
    found = [word for word in (REASON, NOTE, "1111", "1.111") if word in text]  # the value, raw or as people read it
    found += [user.username for user in world.users.values() if f'"{user.username}"' in text]
    return found


@pytest.mark.parametrize("reader", ["anonymous", "no role", "staff of another area"])
def test_published_conference_and_history_show_no_internal_review_data(trust_world, published, reader):
    user = {
        "anonymous": None,
        "no role": UserFactory(),
        "staff of another area": trust_world.sides["out"]["builders"]["approver"],
    }[reader]
    client = _client(user)
    detail = client.get(f"/api/v1/conferences/{published.pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["return_reason"] == "" and body["submitted_at"] is None and body["approved_at"] is None
    assert body["published_at"] is not None and [f["value"] for f in body["figures"]] == [3071]
    listing = json.dumps(client.get("/api/v1/conferences/", {"page_size": 200}).json(), ensure_ascii=False)
    assert REASON not in listing

    history = client.get(f"/api/v1/conferences/{published.pk}/history/")
    assert history.status_code == 200
    text = json.dumps(history.json(), ensure_ascii=False)
    assert _internal_traces(text, trust_world) == []
    assert [row["verb"] for row in history.json()] == ["conference_publish"]
    assert all(row["actor"] is None and row["reason"] == "" for row in history.json())


def test_staff_in_scope_still_see_the_review_data(trust_world, published):
    client = _client(trust_world.users["approver"])
    assert client.get(f"/api/v1/conferences/{published.pk}/").json()["return_reason"] == REASON
    text = json.dumps(client.get(f"/api/v1/conferences/{published.pk}/history/").json(), ensure_ascii=False)
    assert REASON in text and "1.111" in text and trust_world.users["approver"].username in text


def test_corrections_after_publication_are_public_without_names(trust_world, published):
    approver, clerk = trust_world.users["approver"], trust_world.users["data_entry"]
    conference = services.conference_reopen(actor=approver, conference=published, reason="Sửa số liệu nội bộ")
    services.indicator_value_update(actor=clerk, conference=conference, figure=conference.figures.get(), value=3072)
    conference = services.conference_submit(actor=clerk, conference=conference)
    conference = services.conference_approve(actor=approver, conference=conference)
    services.conference_publish(actor=approver, conference=conference)
    rows = _client().get(f"/api/v1/conferences/{published.pk}/history/").json()
    assert [row["verb"] for row in rows] == ["conference_publish", "indicator_value_update", "conference_publish"]
    assert any(change[0] == "Giá trị" for change in rows[1]["changes"])  # readable history: the field's label
    assert "Sửa số liệu nội bộ" not in json.dumps(rows, ensure_ascii=False)
    assert all(row["actor"] is None for row in rows)


def test_users_without_a_role_get_the_public_representation_of_award_decisions(trust_world):
    issued = trust_world.sides["out"]["award_issued"]
    assert issued.status == AwardDecision.Status.ISSUED
    public = _client().get(f"/api/v1/award-decisions/{issued.pk}/").json()
    roleless = _client(UserFactory()).get(f"/api/v1/award-decisions/{issued.pk}/").json()
    assert roleless == public
    assert "source" not in roleless and "conference" not in roleless
    recipients = _client(UserFactory()).get(f"/api/v1/award-decisions/{issued.pk}/recipients/").json()
    assert recipients == _client().get(f"/api/v1/award-decisions/{issued.pk}/recipients/").json()
    assert all("unit" not in r for r in recipients)
