"""Vietnamese error pages in the portal's layout, the favicon (issue 15)."""

from django.contrib.staticfiles import finders
from django.test import RequestFactory

from movement.models import Role
from ops.views import server_error


def test_the_403_page_is_vietnamese_in_the_portals_layout(client, make_user, thanh_hoa):
    client.force_login(make_user(Role.VIEWER, thanh_hoa))
    response = client.get("/staff/conferences/new/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and 'class="site-header"' in html and "403 Forbidden" not in html


def test_the_404_and_500_pages_are_vietnamese_in_the_portals_layout(client, hierarchy):
    html = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Không tìm thấy trang" in html and 'class="site-header"' in html
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ" in html and 'class="site-header"' in html


def test_every_page_names_our_own_favicon(client, hierarchy):
    html = client.get("/areas/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert finders.find("favicon.svg")


def test_dates_are_typed_as_dd_mm_yyyy_everywhere(client, make_user, thanh_hoa):
    from django.utils import translation

    from ops.forms import AuditFilterForm

    client.force_login(make_user(Role.APPROVER, thanh_hoa))
    for url in ("/staff/awards/new/", "/staff/audit/"):
        html = client.get(url).content.decode()
        assert 'type="date"' not in html and 'placeholder="dd/mm/yyyy"' in html
    for language in ("vi", "en"):
        with translation.override(language):
            form = AuditFilterForm({"occurred_from": "05/06/2024"})
            assert form.is_valid(), form.errors
            assert form.cleaned_data["occurred_from"].month == 6  # day first, in English too


def test_english_pages_use_one_date_format():
    import datetime

    from django.utils import formats, translation

    day = datetime.datetime(2026, 6, 12, 11, 48)
    with translation.override("en"):
        assert formats.date_format(day.date(), "SHORT_DATE_FORMAT") == "12 Jun 2026"
        assert formats.date_format(day, "SHORT_DATETIME_FORMAT") == "12 Jun 2026 11:48"
        assert formats.date_format(day.date(), "DATE_FORMAT") == "12 Jun 2026"


def test_area_lists_sort_in_vietnamese_order(client, hierarchy):
    html = client.get("/areas/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    # 2025 provinces: "Tỉnh Điện Biên" and "Tỉnh Đồng Nai" after "Tỉnh Cà Mau", before "Tỉnh Gia Lai"
    assert html.index("Tỉnh Cà Mau") < html.index("Tỉnh Điện Biên") < html.index("Tỉnh Gia Lai")
    assert html.index("Tỉnh Đồng Nai") < html.index("Tỉnh Gia Lai")
