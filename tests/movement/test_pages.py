import pytest
from django.core.management import call_command

from movement.models import AdministrativeUnit as AU
from movement.models import SelfManagementModel, Unit


@pytest.fixture
def client_vi(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    return client


def test_home_page_is_vietnamese_with_a_language_switcher(client_vi, hierarchy):
    response = client_vi.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'action="/i18n/setlang/"' in html and "English" in html


def test_pages_stay_vietnamese_whatever_the_browser_prefers(client, hierarchy):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_english_is_available_through_the_switcher(client, hierarchy):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/areas/"})
    assert response.status_code == 302
    html = client.get("/areas/").content.decode()
    assert '<html lang="en">' in html and "Administrative units" in html


def test_area_index_lists_both_generations_side_by_side(client_vi, hierarchy):
    response = client_vi.get("/areas/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["legacy_provinces"]) == 63  # a list sorted in Vietnamese order (issue 15)
    assert len(response.context["current_provinces"]) == 34
    assert "Tỉnh Vĩnh Phúc" in html and "nay thuộc" in html


def test_area_search_ignores_diacritics(client_vi, hierarchy):
    response = client_vi.get("/areas/", {"q": "thanh phu"})
    names = [u.name for u in response.context["results"]]
    assert names[0] == "Huyện Thạnh Phú"  # districts before communes
    assert "Phường Phú Thạnh" not in names  # no match across the name / short-name boundary


def test_legacy_unit_page_says_now_part_of_with_a_link(client_vi, hierarchy):
    thanh_phu = AU.objects.get(generation="legacy", level="district", code="837")
    vinh_long = AU.objects.get(generation="2025", level="province", code="86")
    html = client_vi.get(f"/areas/{thanh_phu.pk}/").content.decode()
    assert "Nay thuộc" in html
    assert f'href="/areas/{vinh_long.pk}/"' in html


def test_current_province_page_lists_what_it_was_formed_from(client_vi, hierarchy):
    phu_tho = AU.objects.get(generation="2025", level="province", code="25")
    html = client_vi.get(f"/areas/{phu_tho.pk}/").content.decode()
    assert "Tỉnh Vĩnh Phúc" in html and "Tỉnh Hòa Bình" in html


def test_unknown_area_is_a_404_page(client_vi, hierarchy):
    response = client_vi.get("/areas/999999999/")
    assert response.status_code == 404


def test_load_demo_places_the_named_models_and_is_idempotent(hierarchy):
    call_command("load_demo", verbosity=0)
    counts = (Unit.objects.count(), SelfManagementModel.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Unit.objects.count(), SelfManagementModel.objects.count()) == counts
    model = SelfManagementModel.objects.get(name="Thôn nói không với pháo")
    assert model.area.name == "Xã Quảng Văn" and model.area.parent.name == "Thị xã Ba Đồn"
    club = SelfManagementModel.objects.get(name__startswith="Câu lạc bộ thanh niên xung kích")
    assert [u.name for u in club.host_units.all()] == ["Trường THPT Lương Thế Vinh"]


def test_admin_search_ignores_diacritics(admin_client, hierarchy):
    response = admin_client.get("/admin/movement/administrativeunit/", {"q": "thanh hoa", "level__exact": "province"})
    assert response.status_code == 200
    assert [u.name for u in response.context["cl"].result_list] == ["Tỉnh Thanh Hóa", "Tỉnh Thanh Hóa"]


def test_demo_accounts_are_created_once(hierarchy):
    from movement.models import RoleAssignment

    call_command("create_demo_accounts", verbosity=0)
    call_command("create_demo_accounts", verbosity=0)
    assert RoleAssignment.objects.count() == 5
