"""The one area picker (movement/forms.py, static/js/area-picker.js): search without diacritics, matches with
kind, official code, parent and the province now; limited to the user's scope and to the units that existed
on the record's date; a search-then-choose step without JavaScript; refusals in the form and the API; no
internal id shown or asked anywhere; no inline script or style."""

import re

import pytest

from movement.models import AdministrativeUnit as AU
from movement.models import Role
from reports.models import Conference, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa, username="picker_clerk")


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


@pytest.fixture
def nhu_xuan(hierarchy):
    return {
        "legacy": AU.objects.get(generation="legacy", level="district", code="402"),
        "2025": AU.objects.get(generation="2025", level="commune", code="16174"),
    }


def _conference_post(area_key="", area_text="", held_on=""):
    return {
        "programme": Programme.objects.get(code="CT07-2014").pk,
        "kind": "interim_review",
        "title": "Hội nghị sơ kết",
        "area": area_key,
        "area_q": area_text,
        "held_on": held_on,
    }


def test_api_search_without_diacritics_offers_both_generations_with_parents(api, clerk, nhu_xuan):
    response = api(clerk).get("/api/v1/admin-units/", {"q": "nhu xuan", "capability": "conferences_edit"})
    assert response.status_code == 200
    by_key = {row["key"]: row for row in response.json()["results"]}
    assert by_key["legacy:402"]["label"] == "Huyện Như Xuân, Tỉnh Thanh Hóa (cũ) — nay thuộc Tỉnh Thanh Hóa"
    assert by_key["2025:16174"]["label"] == "Xã Như Xuân, Tỉnh Thanh Hóa"
    assert "mã 402" in by_key["legacy:402"]["detail"] and "Huyện" in by_key["legacy:402"]["detail"]
    # a district before the communes
    keys = list(by_key)
    assert keys.index("legacy:402") < keys.index("2025:16174")


def test_api_search_is_limited_to_scope_and_date(api, clerk, make_user, ha_noi, nhu_xuan):
    in_2019 = api(clerk).get(
        "/api/v1/admin-units/", {"q": "nhu xuan", "capability": "conferences_edit", "valid_on": "2019-09-11"}
    )
    assert [row["key"] for row in in_2019.json()["results"]] == ["legacy:402"]
    outsider = make_user(Role.DATA_ENTRY, ha_noi, username="picker_outsider")
    elsewhere = api(outsider).get("/api/v1/admin-units/", {"q": "nhu xuan", "capability": "conferences_edit"})
    assert elsewhere.json()["results"] == []
    anonymous = api().get("/api/v1/admin-units/", {"q": "nhu xuan", "capability": "conferences_edit"})
    assert anonymous.json()["results"] == []
    # the reference data itself stays public
    assert api().get("/api/v1/admin-units/", {"q": "nhu xuan"}).json()["count"] >= 2


def test_form_without_javascript_searches_then_lets_one_choose(login, clerk, nhu_xuan):
    client = login(clerk)
    response = client.post("/staff/conferences/new/", _conference_post(area_text="nhu xuan"))
    html = response.content.decode()
    assert response.status_code == 200 and not Conference.objects.exists()
    assert "Chọn đơn vị hành chính trong các kết quả dưới đây." in html
    assert 'type="radio" name="area" value="legacy:402"' in html
    assert 'type="radio" name="area" value="2025:16174"' in html
    assert "Huyện Như Xuân, Tỉnh Thanh Hóa (cũ) — nay thuộc Tỉnh Thanh Hóa" in html
    # the second submit carries the choice (and the typed text, still in the box)
    response = client.post("/staff/conferences/new/", _conference_post("legacy:402", "nhu xuan", "11/9/2019"))
    conference = Conference.objects.get()
    assert response.status_code == 302 and conference.area == nhu_xuan["legacy"]


def test_form_search_offers_only_units_that_existed_on_the_date(login, clerk, nhu_xuan):
    html = login(clerk).post("/staff/conferences/new/", _conference_post("", "nhu xuan", "11/9/2019")).content.decode()
    assert 'value="legacy:402"' in html and 'value="2025:16174"' not in html


def test_form_accepts_an_official_code_typed(login, clerk, nhu_xuan):
    response = login(clerk).post("/staff/conferences/new/", _conference_post("", "402", "11/9/2019"))
    assert response.status_code == 302 and Conference.objects.get().area == nhu_xuan["legacy"]


def test_form_refuses_a_2025_commune_for_a_2019_conference_with_a_readable_message(login, clerk, nhu_xuan):
    response = login(clerk).post("/staff/conferences/new/", _conference_post("2025:16174", "", "11/9/2019"))
    assert response.status_code == 200 and not Conference.objects.exists()
    errors = " ".join(response.context["form"].errors["area"])
    assert "Xã Như Xuân không tồn tại vào ngày 11/09/2019" in errors and "01/07/2025" in errors


def test_form_refuses_an_area_outside_scope(login, clerk, ha_noi):
    response = login(clerk).post("/staff/conferences/new/", _conference_post(f"2025:{ha_noi.code}", "", ""))
    assert "không thuộc địa bàn của bạn" in " ".join(response.context["form"].errors["area"])


def test_api_refuses_a_2025_commune_for_a_2019_conference(api, clerk, nhu_xuan):
    payload = {
        "programme": "CT07-2014",
        "kind": "interim_review",
        "title": "Sơ kết 2019",
        "area": "2025:16174",
        "held_on": "2019-09-11",
    }
    response = api(clerk).post("/api/v1/conferences/", payload, format="json")
    assert response.status_code == 400
    assert "Xã Như Xuân không tồn tại vào ngày 11/09/2019" in str(response.json())
    payload["area"] = "legacy:402"
    created = api(clerk).post("/api/v1/conferences/", payload, format="json")
    assert created.status_code == 201, created.json()
    assert Conference.objects.get().area == nhu_xuan["legacy"]


def test_service_refuses_moving_a_conference_date_before_its_area_existed(clerk, nhu_xuan):
    from movement.errors import ApplicationError
    from reports import services

    conference = services.conference_create(
        actor=clerk, programme="CT07-2014", kind="annual_summary", title="Năm 2025", area=nhu_xuan["2025"]
    )
    with pytest.raises(ApplicationError) as caught:
        services.conference_update(actor=clerk, conference=conference, held_on=__import__("datetime").date(2020, 1, 5))
    assert "area" in caught.value.field_errors


STAFF_PAGES = [
    "/staff/conferences/",
    "/staff/conferences/new/",
    "/staff/certifications/queue/",
    "/staff/certifications/new/",
    "/staff/awards/new/",
    "/staff/ratings/new/",
    "/staff/units/",
    "/staff/units/new/",
    "/staff/units/import/",
]


@pytest.mark.parametrize("role", [Role.DATA_ENTRY, Role.NATIONAL_ADMIN])
def test_no_staff_page_asks_for_an_area_by_number(login, make_user, thanh_hoa, role):
    user = make_user(role, None if role == Role.NATIONAL_ADMIN else thanh_hoa, username=f"walker_{role}")
    client = login(user)
    for url in STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for tag in re.findall(r"<input[^>]*>", html):
            name = re.search(r'name="([^"]*)"', tag)
            if name and re.search(r"area|commune", name.group(1)):
                assert 'type="number"' not in tag, (url, tag)
        for select in re.findall(r'<select[^>]*name="[^"]*(?:area|commune)[^"]*"[^>]*>.*?</select>', html, re.S):
            assert not re.search(r'<option value="\d+"', select), (url, "an area chosen by its internal id")
        assert "tra trên trang" not in html, url  # the old help text of the number boxes


def test_picker_pages_have_no_inline_script_or_style(login, clerk):
    html = login(clerk).get("/staff/conferences/new/").content.decode()
    assert "data-area-picker" in html and "js/area-picker.js" in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script, script
    assert "<style" not in html and " style=" not in html and "onclick=" not in html


def test_conference_list_filters_by_an_area_chosen_in_the_picker(login, clerk, nhu_xuan):
    from reports import services

    services.conference_create(
        actor=clerk, programme="CT07-2014", kind="annual_summary", title="Như Xuân 2019", area=nhu_xuan["legacy"]
    )
    client = login(clerk)
    listed = client.get("/staff/conferences/", {"area": "legacy:402", "area_q": "nhu xuan"})
    assert [c.title for c in listed.context["page"]] == ["Như Xuân 2019"]
    other = client.get("/staff/conferences/", {"area": "2025:16174"})
    assert list(other.context["page"]) == []
    # without JavaScript: the typed text lists the matches to choose from
    html = client.get("/staff/conferences/", {"area_q": "nhu xuan"}).content.decode()
    assert 'value="legacy:402"' in html
