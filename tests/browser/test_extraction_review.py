"""The review page of a read report (/staff/extractions/) in a real headless browser: the conference facts read
from the text are proposed in the form, and the proposals fit a 1280 px screen and a 390 px phone without
scrolling sideways. Screenshots go to screenshots/ (git-ignored) to look at."""

from pathlib import Path

import pytest

from movement.models import Role
from tests.browser.test_public_pages import CHROMIUM, LAUNCH_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TEXT = (
    "Công an tỉnh Thanh Hóa tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023\n"
    "Sáng 18/12/2023, Công an tỉnh Thanh Hóa tổ chức hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ "
    "quốc năm 2023. Trong năm, toàn tỉnh đã xây dựng mới 125 mô hình tự quản về an ninh, trật tự, nâng tổng số "
    "lên 1.530 mô hình; tổ chức 3.071 buổi tuyên truyền với hơn 740.000 người tham gia. Quần chúng cung cấp "
    "trên 9.600 tin; trong đó nguồn tin có giá trị khoảng 4.100 tin. Từ nguồn tin do Nhân dân cung cấp, lực "
    "lượng Công an đã triệt phá 57 băng, nhóm tội phạm, khám phá 316 vụ án, bắt giữ 742 đối tượng. Khoảng 85% "
    "hộ gia đình đã ký cam kết; 1.260 khu dân cư, xã, thị trấn đạt chuẩn “An toàn về an ninh, trật tự”.\n"
    "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 26 tập thể, 28 cá nhân; gần 240 Kỷ niệm chương, giấy khen "
    "được trao cho các tập thể, cá nhân."
)


@pytest.fixture
def review_page(make_user, thanh_hoa, live_server, client):
    """review_page(width) → the review page of TEXT, read by a clerk of Thanh Hóa, in a fresh browser page."""
    from playwright.sync_api import sync_playwright

    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    client.force_login(clerk)
    cookie = client.cookies["sessionid"].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def _open(width: int):
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            page = context.new_page()
            page.problems = []
            page.on("pageerror", lambda exc: page.problems.append(str(exc)))
            page.goto(live_server.url + "/staff/extractions/", wait_until="networkidle")
            page.fill("textarea[name=text]", TEXT)
            page.locator("main button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
            return page

        yield _open
        browser.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_proposals_fit_the_screen(review_page, width):
    page = review_page(width)
    assert page.locator(".review-row").count() >= 10
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in (".review-list", ".review-field select", ".review-field input"):
        widest = page.evaluate(
            f"Math.max(...Array.from(document.querySelectorAll('{selector}')).map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width, selector
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"extraction-review-{width}.png"), full_page=True)
    assert page.problems == []


def test_the_conference_facts_read_from_the_text_are_proposed(review_page):
    page = review_page(1280)
    assert page.input_value("select[name=programme]") == "TDBVANTQ-annual"
    assert page.input_value("select[name=kind]") == "annual_summary"
    assert page.input_value("input[name=period_label]") == "2023"
    assert page.input_value("input[name=held_on]") == "18/12/2023"
    # the area picker (issue 14) holds the proposed unit: its key, and its name in the search box
    assert page.locator("input[name=area]").input_value() == "legacy:38"
    assert "Thanh Hóa" in page.locator("input[name=area_q]").input_value()
    facts = page.inner_text(".found-facts")
    assert "Thanh Hóa" in facts
