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
