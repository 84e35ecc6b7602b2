"""The unit registry pages (movement/unit_views.py, movement/unit_import.py): list with search and filters,
create, edit with lost-update protection, deactivate (never delete), CSV/XLSX import with a dry run."""

import io

import pytest
from openpyxl import Workbook

from movement import services
from movement.models import AdministrativeUnit as AU
from movement.models import Role, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa, username="unit_clerk")


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


@pytest.fixture
def commune(hierarchy):
    return AU.objects.get(generation="2025", level="commune", code="16174")  # Xã Như Xuân


@pytest.fixture
def school(clerk, commune):
    return services.unit_create(
        actor=clerk, area=commune, kind="school", name="Trường THPT Như Xuân", school_level="upper_secondary"
    )


def test_list_searches_without_diacritics_and_filters(login, clerk, school, commune, ha_noi):
    services.unit_create(actor=clerk, area=commune, kind="agency", name="Công an xã Như Xuân")
    client = login(clerk)
    page = client.get("/staff/units/", {"q": "truong thpt"})
    assert [u.name for u in page.context["page"]] == ["Trường THPT Như Xuân"]
    assert [u.name for u in client.get("/staff/units/", {"kind": "agency"}).context["page"]] == ["Công an xã Như Xuân"]
    by_area = client.get("/staff/units/", {"area": "2025:16174"}).context["page"]
    assert len(by_area) == 2


def test_create_with_the_area_picker(login, clerk, commune):
    response = login(clerk).post(
        "/staff/units/new/",
        {
            "kind": "enterprise",
            "name": "Công ty TNHH Mía đường",
            "area": "2025:16174",
            "enterprise_size": "large",
            "security_force": "full_time",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="Công ty TNHH Mía đường")
    assert unit.area == commune and unit.enterprise_size == "large"


def test_create_shows_the_models_errors_next_to_the_fields(login, clerk):
    response = login(clerk).post(
        "/staff/units/new/",
        {"kind": "agency", "name": "Sở X", "area": "2025:16174", "school_level": "primary", "security_force": "none"},
    )
    assert response.status_code == 200 and "school_level" in response.context["form"].errors
    assert not Unit.objects.filter(name="Sở X").exists()


def test_edit_is_lost_update_protected(login, clerk, school):
    client = login(clerk)
    form = {
        "kind": "school",
        "name": "Trường THPT Như Xuân mới",
        "area": "2025:16174",
        "school_level": "upper_secondary",
        "security_force": "none",
        "version": school.version,
    }
    services.unit_update(actor=clerk, unit=school, name="Đổi tên trước", expected_version=school.version)
    response = client.post(f"/staff/units/{school.pk}/", form)
    assert response.status_code == 409
    school.refresh_from_db()
    assert school.name == "Đổi tên trước"
    assert "Trường THPT Như Xuân mới" in response.content.decode()  # what was typed stays


def test_deactivate_never_deletes(login, clerk, school):
    client = login(clerk)
    response = client.post(f"/staff/units/{school.pk}/active/", {"version": school.version, "active": "0"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.is_active is False and Unit.objects.filter(pk=school.pk).exists()
    assert list(client.get("/staff/units/").context["page"]) == []
    assert [u.pk for u in client.get("/staff/units/", {"status": "inactive"}).context["page"]] == [school.pk]


def test_outside_scope_is_not_found_and_viewers_may_not_manage(login, make_user, ha_noi, thanh_hoa, school):
    outsider = make_user(Role.DATA_ENTRY, ha_noi, username="unit_outsider")
    assert login(outsider).get(f"/staff/units/{school.pk}/").status_code == 404
    viewer = make_user(Role.VIEWER, thanh_hoa, username="unit_viewer")
    assert login(viewer).get("/staff/units/").status_code == 403


def _csv(text: str):
    upload = io.BytesIO(("\ufeff" + text).encode())
    upload.name = "don-vi.csv"
    return upload


def test_csv_import_previews_every_row_error_then_saves_all(login, clerk, commune):
    client = login(clerk)
    bad = _csv(
        "loại,tên,địa bàn,cấp học,quy mô\n"
        "trường,Trường THCS A,2025:16174,Trung học cơ sở,\n"
        "doanh nghiệp,Công ty B,2025:16174,,Vừa\n"
        ",Không loại,2025:16174,,\n"
        "cơ quan,Sở ở Hà Nội,2025:00004,,\n"
    )
    response = client.post("/staff/units/import/", {"file": bad})
    html = response.content.decode()
    assert response.status_code == 400 and 'name="confirm"' not in html
    assert "2 dòng có lỗi" in html
    assert not Unit.objects.filter(name="Trường THCS A").exists()
    good = _csv(
        "loại,tên,địa bàn,cấp học,quy mô\ntrường,Trường THCS A,16174,Trung học cơ sở,\ndoanh nghiệp,Công ty B,2025:16174,,Vừa\n"
    )
    assert client.post("/staff/units/import/", {"file": good}).status_code == 200
    assert client.post("/staff/units/import/", {"confirm": "1"}).status_code == 302
    assert Unit.objects.get(name="Trường THCS A").school_level == "lower_secondary"
    assert Unit.objects.get(name="Công ty B").enterprise_size == "medium"


def test_xlsx_import_and_row_bound(login, clerk, commune, monkeypatch):
    from movement import unit_import

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kind", "name", "area"])
    sheet.append(["hospital", "Bệnh viện huyện", "2025:16174"])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "don-vi.xlsx"
    client = login(clerk)
    assert client.post("/staff/units/import/", {"file": output}).status_code == 200
    monkeypatch.setattr(unit_import, "MAX_ROWS", 5)
    sheet.cell(row=20, column=1, value="x")  # blank rows above count too
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "don-vi.xlsx"
    response = client.post("/staff/units/import/", {"file": output})
    assert response.status_code == 400 and "nhiều hơn 5 dòng" in response.content.decode()
