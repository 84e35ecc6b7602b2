"""No lost updates: two people open the same record, one saves, the other's save with the old version is
refused (API: 412; pages: the form comes back with what they typed and what changed) and nothing of it is
saved. A write without If-Match is refused with 428 and a Vietnamese message."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from awards.models import AwardDecision, MovementRating, SafetyCertification
from movement.models import Unit
from reports.models import Conference, IndicatorValue

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_authenticate(user)
    return client


@pytest.fixture
def clerks(trust_world):
    """Two data-entry clerks of Thanh Hóa."""
    side = trust_world.sides["in"]
    return trust_world.users["data_entry"], side["builders"]["data_entry"]


# (record key in the world, detail URL, model, field, value of the first writer, value of the second)
API_CASES = [
    ("conference_draft", "/api/v1/conferences/{pk}/", Conference, "title", "Tiêu đề của A", "Tiêu đề của B"),
    ("unit", "/api/v1/units/{pk}/", Unit, "name", "Sở Tư pháp (A)", "Sở Tư pháp (B)"),
    ("award_draft", "/api/v1/award-decisions/{pk}/", AwardDecision, "achievement", "Thành tích A", "Thành tích B"),
    ("rating_self_scored", "/api/v1/ratings/{pk}/", MovementRating, "self_score", "88.00", "77.00"),
]


@pytest.mark.parametrize(("key", "url", "model", "field", "first", "second"), API_CASES, ids=[c[0] for c in API_CASES])
def test_api_second_writer_with_the_old_etag_gets_412_and_saves_nothing(
    trust_world, clerks, key, url, model, field, first, second
):
    record = trust_world.sides["in"][key]
    url = url.format(pk=record.pk)
    alice, bob = _api(clerks[0]), _api(clerks[1])
    etag_a, etag_b = alice.get(url)["ETag"], bob.get(url)["ETag"]
    assert etag_a == etag_b == f'"v{record.version}"'

    response = alice.patch(url, {field: first}, format="json", HTTP_IF_MATCH=etag_a)
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"v{record.version + 1}"'

    response = bob.patch(url, {field: second}, format="json", HTTP_IF_MATCH=etag_b)
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    saved = model.objects.get(pk=record.pk)
    assert str(getattr(saved, field)) == first
    assert saved.version == record.version + 1


def test_api_transitions_with_the_old_etag_get_412(trust_world, clerks):
    """A state-changing POST action (submit) with a stale ETag is refused like an edit."""
    conference = trust_world.sides["in"]["conference_draft"]
    url = f"/api/v1/conferences/{conference.pk}/"
    alice, bob = _api(clerks[0]), _api(clerks[1])
    etag = bob.get(url)["ETag"]
    assert alice.patch(url, {"title": "Đổi"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = bob.post(f"{url}submit/", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert Conference.objects.get(pk=conference.pk).status == Conference.Status.DRAFT


def test_api_figure_edit_with_the_old_etag_leaves_the_figure_alone(trust_world, clerks):
    conference = trust_world.sides["in"]["conference_draft"]
    figure = trust_world.sides["in"]["figure"]
    url = f"/api/v1/conferences/{conference.pk}/figures/{figure.pk}/"
    alice, bob = _api(clerks[0]), _api(clerks[1])
    etag = alice.get(f"/api/v1/conferences/{conference.pk}/")["ETag"]
    assert alice.patch(url, {"value": "3072"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert bob.patch(url, {"value": "9999"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert IndicatorValue.objects.get(pk=figure.pk).value == 3072


def test_api_certification_assessment_with_the_old_etag_gets_412(trust_world, clerks):
    certification = trust_world.sides["in"]["certification_draft"]
    url = f"/api/v1/certifications/{certification.pk}/"
    numbers = list(certification.criteria_set.criteria.values_list("number", flat=True))
    alice, bob = _api(clerks[0]), _api(clerks[1])
    etag = bob.get(url)["ETag"]
    first = {"results": [{"number": numbers[0], "is_met": True, "evidence_note": "A"}]}
    second = {"results": [{"number": numbers[0], "is_met": False, "evidence_note": "B"}]}
    assert alice.patch(url, first, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert bob.patch(url, second, format="json", HTTP_IF_MATCH=etag).status_code == 412
    result = SafetyCertification.objects.get(pk=certification.pk).results.get(criterion__number=numbers[0])
    assert (result.is_met, result.evidence_note) == (True, "A")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/api/v1/conferences/{conference_draft}/", {"title": "x"}),
        ("delete", "/api/v1/conferences/{conference_draft}/", None),
        ("post", "/api/v1/conferences/{conference_draft}/submit/", None),
        ("post", "/api/v1/conferences/{conference_draft}/figures/", {"indicator": "valuable_tips", "value": 1}),
        ("patch", "/api/v1/units/{unit}/", {"name": "x"}),
        ("put", "/api/v1/models/{model}/", {"name": "x", "type": "trust-test", "block": "residential", "area": 0}),
        ("patch", "/api/v1/certifications/{certification_draft}/", {"results": []}),
        ("patch", "/api/v1/award-decisions/{award_draft}/", {"achievement": "x"}),
        ("post", "/api/v1/award-decisions/{award_draft}/issue/", None),
        ("patch", "/api/v1/ratings/{rating_self_scored}/", {"self_score": "80"}),
    ],
)
def test_api_write_without_if_match_is_428_in_vietnamese(trust_world, clerks, method, path, body):
    side = trust_world.sides["in"]
    path = path.format(**{key: side[key].pk for key in side.objects if key != "builders"})
    if body and "area" in body:
        body["area"] = side.commune.pk
    before = {key: side[key].__class__.objects.get(pk=side[key].pk).version for key in ("conference_draft",)}
    user = trust_world.users["national_admin"]  # every capability: only If-Match is missing
    response = getattr(_api(user), method)(path, body, format="json")
    assert response.status_code == 428, response.content
    payload = response.json()
    assert payload["code"] == "precondition_required"
    assert "If-Match" in payload["detail"] and "bản ghi" in payload["detail"]  # Vietnamese
    assert Conference.objects.get(pk=side["conference_draft"].pk).version == before["conference_draft"]


def test_api_if_match_star_is_not_enough(trust_world, clerks):
    conference = trust_world.sides["in"]["conference_draft"]
    response = _api(clerks[0]).patch(
        f"/api/v1/conferences/{conference.pk}/", {"title": "x"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 428


def test_the_schema_marks_if_match_required_and_documents_412_and_428(client, trust_world):
    schema = json.loads(client.get("/api/schema/?format=json").content)
    operation = schema["paths"]["/api/v1/conferences/{id}/"]["patch"]
    header = next(p for p in operation["parameters"] if p["name"] == "If-Match")
    assert header["required"] is True
    assert {"412", "428"} <= set(operation["responses"])


# --- pages: two sessions ------------------------------------------------------------------------------------


def _session(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def _conference_form(conference, **changes):
    data = {
        "programme": conference.programme_id,
        "kind": conference.kind,
        "title": conference.title,
        "area": f"{conference.area.generation}:{conference.area.code}",
        "held_on": conference.held_on.strftime("%d/%m/%Y"),
        "period_start": conference.period_start.strftime("%d/%m/%Y"),
        "period_end": conference.period_end.strftime("%d/%m/%Y"),
        "period_label": conference.period_label,
        "version": conference.version,
    }
    return {**data, **changes}


def test_page_second_editor_keeps_what_they_typed_and_sees_what_changed(trust_world, clerks):
    conference = trust_world.sides["in"]["conference_draft"]
    url = f"/staff/conferences/{conference.pk}/edit/"
    alice, bob = _session(clerks[0]), _session(clerks[1])
    assert alice.get(url).status_code == 200 and bob.get(url).status_code == 200  # both open version 1
    opened = _conference_form(conference)

    response = alice.post(url, {**opened, "title": "Tiêu đề của Lan", "period_label": "2014 - 2019"})
    assert response.status_code == 302

    response = bob.post(url, {**opened, "title": "Tiêu đề của Bình"})
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Tiêu đề của Bình"' in page  # what Bình typed is still in the form
    stale = response.context["stale"]
    changes = {c.label: (c.yours, c.current) for c in stale.changes}
    assert changes["Tiêu đề"] == ("Tiêu đề của Bình", "Tiêu đề của Lan")
    assert changes["Tên giai đoạn"] == ("2014-2019", "2014 - 2019")  # changed by Lan only: shown too
    assert "Tiêu đề của Lan" in page and "stale-changes" in page
    assert [e.actor for e in stale.edits] == [clerks[0]]
    saved = Conference.objects.get(pk=conference.pk)
    assert (saved.title, saved.version) == ("Tiêu đề của Lan", conference.version + 1)

    # The form now carries the current version: saving again (after checking) keeps Bình's title knowingly.
    assert f'name="version" value="{conference.version + 1}"' in page
    response = bob.post(url, {**opened, "title": "Tiêu đề của Bình", "version": conference.version + 1})
    assert response.status_code == 302
    assert Conference.objects.get(pk=conference.pk).title == "Tiêu đề của Bình"


def test_page_figure_table_of_a_stale_version_is_not_saved_and_shows_the_rows_that_differ(trust_world, clerks):
    conference = trust_world.sides["in"]["conference_draft"]
    url = f"/staff/conferences/{conference.pk}/figures/"
    figures = list(conference.figures.select_related("indicator").order_by("pk"))

    def table(values, version):
        data = {"version": version, "figures-TOTAL_FORMS": len(figures), "figures-INITIAL_FORMS": 0}
        for index, (figure, value) in enumerate(zip(figures, values, strict=True)):
            data |= {
                f"figures-{index}-indicator": figure.indicator.code,
                f"figures-{index}-breakdown": figure.breakdown,
                f"figures-{index}-qualifier": figure.qualifier,
                f"figures-{index}-value": value,
            }
        return data

    alice, bob = _session(clerks[0]), _session(clerks[1])
    assert alice.post(url, table(["3.072", "10000"], conference.version)).status_code == 302
    response = bob.post(url, table(["3.071", "12.000"], conference.version))
    assert response.status_code == 409
    changes = {c.label: (c.yours, c.current) for c in response.context["stale"].changes}
    label = next(label for label in changes if label.startswith(figures[0].indicator.name))
    assert changes[label] == ("3.071", "3.072")
    assert 'value="12.000"' in response.content.decode()  # Bình's row as typed
    values = sorted(IndicatorValue.objects.filter(conference=conference).values_list("value", flat=True))
    assert [int(v) for v in values] == [3072, 10000]


def test_page_award_decision_edit_of_a_stale_version_is_not_saved(trust_world, clerks):
    decision = trust_world.sides["in"]["award_draft"]
    url = f"/staff/awards/{decision.pk}/edit/"
    form = {
        "number": decision.number,
        "signed_on": decision.signed_on.strftime("%d/%m/%Y"),
        "issuing_authority": decision.issuing_authority_id,
        "form": decision.form_id,
        "achievement": decision.achievement,
        "area": f"{decision.area.generation}:{decision.area.code}",
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "period_from": decision.period_from,
        "period_to": decision.period_to,
        "version": decision.version,
    }
    alice, bob = _session(clerks[0]), _session(clerks[1])
    assert alice.post(url, {**form, "achievement": "Thành tích theo Lan"}).status_code == 302
    response = bob.post(url, {**form, "achievement": "Thành tích theo Bình"})
    assert response.status_code == 409
    changes = {c.yours: c.current for c in response.context["stale"].changes}
    assert changes == {"Thành tích theo Bình": "Thành tích theo Lan"}
    assert "Thành tích theo Bình" in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).achievement == "Thành tích theo Lan"


def test_page_self_assessment_of_a_stale_version_keeps_the_typed_results(trust_world, clerks):
    certification = trust_world.sides["in"]["certification_draft"]
    url = f"/staff/certifications/{certification.pk}/assess/"
    count = certification.results.count()

    def results(verdict, note):
        data = {"version": certification.version, "form-TOTAL_FORMS": count, "form-INITIAL_FORMS": count, "save": "1"}
        for index in range(count):
            data |= {f"form-{index}-is_met": verdict, f"form-{index}-evidence_note": note}
        return data

    alice, bob = _session(clerks[0]), _session(clerks[1])
    assert alice.post(url, results("yes", "Biên bản của Lan")).status_code == 302
    response = bob.post(url, results("no", "Biên bản của Bình"))
    assert response.status_code == 409
    assert "Biên bản của Bình" in response.content.decode()
    assert response.context["stale"].changes  # criterion by criterion: Bình's → Lan's
    saved = SafetyCertification.objects.get(pk=certification.pk).results.values_list("evidence_note", flat=True)
    assert set(saved) == {"Biên bản của Lan"}
