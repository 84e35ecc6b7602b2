import pytest

from movement.models import AdministrativeUnit as AU
from movement.models import Role, SelfManagementModel, SelfManagementModelType, Unit
from tests.factories import UnitFactory
from tests.trust.clients import if_match_api


@pytest.fixture
def api():
    """Clients that send the record's current ETag in If-Match on writes (the API requires it: 428 without
    it); a test that sets HTTP_IF_MATCH itself keeps its own value."""
    return if_match_api


def test_admin_units_list_34_current_provinces_anonymously(api, hierarchy):
    response = api().get("/api/v1/admin-units/", {"generation": "2025", "level": "province"})
    assert response.status_code == 200
    assert response.json()["count"] == 34


def test_admin_units_search_ignores_case_and_diacritics(api, hierarchy):
    response = api().get("/api/v1/admin-units/", {"q": "thanh hoa", "level": "province"})
    names = {(r["name"], r["generation"]) for r in response.json()["results"]}
    assert names == {("Tỉnh Thanh Hóa", "legacy"), ("Tỉnh Thanh Hóa", "2025")}


def test_legacy_unit_shows_the_2025_province_holding_it(api, hierarchy):
    thanh_phu = AU.objects.get(generation="legacy", level="district", code="837")
    body = api().get(f"/api/v1/admin-units/{thanh_phu.pk}/").json()
    assert body["current_province"]["name"] == "Tỉnh Vĩnh Long"
    assert body["parent"]["name"] == "Tỉnh Bến Tre"


def test_children_and_successors(api, hierarchy):
    vinh_phuc = AU.objects.get(generation="legacy", level="province", code="26")
    children = api().get(f"/api/v1/admin-units/{vinh_phuc.pk}/children/").json()
    assert children["count"] == vinh_phuc.children.count() > 0
    successors = api().get(f"/api/v1/admin-units/{vinh_phuc.pk}/successors/").json()
    assert [s["successor"]["name"] for s in successors] == ["Tỉnh Phú Thọ"]
    assert successors[0]["is_default"] is True


def test_admin_units_list_query_count_is_bounded(api, hierarchy, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        api().get("/api/v1/admin-units/", {"generation": "legacy", "level": "commune", "page_size": 200})


def test_admin_units_are_read_only(api, national_admin):
    response = api(national_admin).post("/api/v1/admin-units/", {"name": "X"}, format="json")
    assert response.status_code == 405


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa)


@pytest.fixture
def hanoi_unit(ha_noi):
    commune = AU.objects.filter(parent=ha_noi).first()
    return UnitFactory(area=commune, name="Trường THPT Chu Văn An")


def test_data_entry_of_thanh_hoa_gets_404_reading_a_ha_noi_unit(api, clerk, hanoi_unit):
    assert api(clerk).get(f"/api/v1/units/{hanoi_unit.pk}/").status_code == 404
    assert hanoi_unit.pk not in [r["id"] for r in api(clerk).get("/api/v1/units/").json()["results"]]


def test_data_entry_of_thanh_hoa_gets_404_editing_a_ha_noi_unit(api, clerk, hanoi_unit):
    response = api(clerk).patch(f"/api/v1/units/{hanoi_unit.pk}/", {"name": "Đổi tên"}, format="json")
    assert response.status_code == 404
    hanoi_unit.refresh_from_db()
    assert hanoi_unit.name == "Trường THPT Chu Văn An"


def test_data_entry_of_thanh_hoa_gets_403_creating_in_ha_noi(api, clerk, ha_noi):
    commune = AU.objects.filter(parent=ha_noi).first()
    response = api(clerk).post(
        "/api/v1/units/", {"kind": "agency", "name": "Cơ quan X", "area": commune.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Unit.objects.filter(name="Cơ quan X").exists()


def test_data_entry_creates_and_edits_in_scope(api, clerk, thanh_hoa):
    commune = AU.objects.filter(parent=thanh_hoa).first()
    response = api(clerk).post(
        "/api/v1/units/",
        {"kind": "school", "name": "Trường THPT Hàm Rồng", "area": commune.pk, "school_level": "upper_secondary"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    unit_id = response.json()["id"]
    assert response["ETag"] == '"v1"'
    edit = api(clerk).patch(f"/api/v1/units/{unit_id}/", {"security_force": "full_time"}, format="json")
    assert edit.status_code == 200
    assert edit.json()["security_force"] == "full_time" and edit.json()["version"] == 2


def test_data_entry_of_2025_province_reads_units_of_the_legacy_province_it_took_over(api, clerk):
    legacy_commune = AU.objects.filter(generation="legacy", path__startswith="L38/", level="commune").first()
    unit = UnitFactory(area=legacy_commune)
    assert api(clerk).get(f"/api/v1/units/{unit.pk}/").status_code == 200


def test_stale_if_match_gets_412_and_changes_nothing(api, clerk, thanh_hoa):
    unit = UnitFactory(area=AU.objects.filter(parent=thanh_hoa).first(), name="Cũ")
    response = api(clerk).patch(f"/api/v1/units/{unit.pk}/", {"name": "Mới"}, format="json", HTTP_IF_MATCH='"v7"')
    assert response.status_code == 412
    unit.refresh_from_db()
    assert unit.name == "Cũ"


def test_viewer_reads_but_cannot_write(api, make_user, thanh_hoa):
    viewer = make_user(Role.VIEWER, thanh_hoa)
    unit = UnitFactory(area=AU.objects.filter(parent=thanh_hoa).first())
    assert api(viewer).get(f"/api/v1/units/{unit.pk}/").status_code == 200
    assert api(viewer).patch(f"/api/v1/units/{unit.pk}/", {"name": "X"}, format="json").status_code == 403


def test_anonymous_cannot_list_units(api, hierarchy):
    assert api().get("/api/v1/units/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"kind": "agency", "area": 99999999, "name": "X"}, "area", "Không tìm thấy đơn vị hành chính"),
        ({"kind": "agency", "name": ""}, "name", "không được bỏ trống"),
        ({"kind": "agency"}, "name", "bắt buộc"),
        ({"kind": "spaceship", "name": "X"}, "kind", "spaceship"),
        ({"kind": "agency", "name": "X", "school_level": "primary"}, "school_level", "Chỉ trường học"),
        ({"kind": "agency", "name": "X", "tax_code": "abc"}, "tax_code", "Mã số thuế"),
    ],
)
def test_bad_unit_input_gets_400_in_vietnamese_and_saves_nothing(api, clerk, thanh_hoa, payload, field, message):
    payload = {"area": AU.objects.filter(parent=thanh_hoa).first().pk, **payload}
    before = Unit.objects.count()
    response = api(clerk).post("/api/v1/units/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert message in str(response.json()[field])
    assert Unit.objects.count() == before


def test_models_scope_and_create(api, clerk, thanh_hoa, ha_noi):
    model_type = SelfManagementModelType.objects.create(code="t", name="Tự quản")
    response = api(clerk).post(
        "/api/v1/models/",
        {"name": "Tổ tự quản", "type": "t", "block": "residential", "area": thanh_hoa.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    other = SelfManagementModel.objects.create(
        name="Mô hình Hà Nội", type=model_type, block="agency", area=ha_noi, search_name="mo hinh ha noi"
    )
    assert api(clerk).get(f"/api/v1/models/{other.pk}/").status_code == 404
    bad = api(clerk).post(
        "/api/v1/models/", {"name": "X", "type": "nope", "block": "agency", "area": thanh_hoa.pk}, format="json"
    )
    assert bad.status_code == 400 and "type" in bad.json()


def test_api_errors_follow_accept_language(api, clerk, thanh_hoa):
    client = api(clerk)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/api/v1/units/", {"kind": "agency", "area": thanh_hoa.pk}, format="json")
    assert "required" in str(response.json()["name"])


def test_unit_create_and_update_are_audited_with_before_and_after(api, clerk, thanh_hoa):
    from movement.models import AuditEvent

    commune = AU.objects.filter(parent=thanh_hoa).first()
    unit_id = (
        api(clerk).post("/api/v1/units/", {"kind": "agency", "name": "Cơ quan A", "area": commune.pk}).json()["id"]
    )
    api(clerk).patch(f"/api/v1/units/{unit_id}/", {"name": "Cơ quan B"}, format="json")
    events = list(AuditEvent.objects.filter(object_type="movement.unit", object_id=str(unit_id)).order_by("id"))
    assert [e.verb for e in events] == ["unit_create", "unit_update"]
    assert events[0].actor == clerk and events[0].after["name"] == "Cơ quan A"
    assert events[1].before == {"name": "Cơ quan A", "version": 1} and events[1].after == {
        "name": "Cơ quan B",
        "version": 2,
    }
