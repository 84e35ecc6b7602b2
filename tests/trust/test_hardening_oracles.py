"""Issue 12, item 6: no existence oracles. A record outside the user's scope is answered exactly like one
that does not exist: a model's host unit (was 403 against 400), an award decision's unpublished conference
(was "Không tìm thấy hội nghị: 7." against "Invalid pk …")."""

import json

import pytest
from rest_framework.test import APIClient

from movement.models import Unit
from reports.models import Conference

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_authenticate(user)
    return client


def _answer(response, hidden: int, unknown: int) -> tuple[int, str]:
    """Status and body, with the two ids made the same (the ids themselves may of course differ)."""
    body = json.dumps(response.json(), ensure_ascii=False)
    return response.status_code, body.replace(str(hidden), "N").replace(str(unknown), "N")


def test_model_with_an_out_of_scope_host_unit_is_answered_like_an_unknown_one(trust_world):
    side, client = trust_world.sides["in"], _api(trust_world.users["data_entry"])
    hidden = trust_world.sides["out"]["unit"].pk
    unknown = Unit.objects.order_by("-pk").first().pk + 1000

    def post(unit_id):
        body = {"name": "Tổ tự quản mới", "type": "trust-test", "block": "residential", "area": side.commune.pk}
        return client.post("/api/v1/models/", {**body, "host_units": [unit_id]}, format="json")

    out_of_scope, missing = post(hidden), post(unknown)
    assert out_of_scope.status_code == 400
    assert _answer(out_of_scope, hidden, unknown) == _answer(missing, hidden, unknown)
    # a host unit in scope is still accepted
    assert post(side["unit"].pk).status_code == 201


def test_award_decision_with_an_out_of_scope_draft_conference_is_answered_like_an_unknown_one(trust_world):
    side, client = trust_world.sides["in"], _api(trust_world.users["data_entry"])
    hidden = trust_world.sides["out"]["conference_draft"].pk
    unknown = Conference.objects.order_by("-pk").first().pk + 1000

    def post(conference_id):
        body = {
            "number": "99/QĐ-UBND",
            "signed_on": "2019-09-11",
            "issuing_authority": "provincial_chair",
            "form": "certificate_of_merit",
            "achievement": "Thành tích xuất sắc",
            "area": side.legacy.pk,
        }
        return client.post("/api/v1/award-decisions/", {**body, "conference": conference_id}, format="json")

    out_of_scope, missing = post(hidden), post(unknown)
    assert out_of_scope.status_code == 400
    assert _answer(out_of_scope, hidden, unknown) == _answer(missing, hidden, unknown)
    assert "hội nghị" in json.dumps(missing.json(), ensure_ascii=False)
    # a published conference elsewhere may be named (it is public)
    published = trust_world.sides["out"]["conference_published"].pk
    assert post(published).status_code == 201
