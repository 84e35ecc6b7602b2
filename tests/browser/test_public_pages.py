"""The public pages in a real headless browser (Debian Chromium driven by Playwright): the key numbers are
on the rendered pages, charts draw, the Content Security Policy reports nothing, and the phone width does
not overflow. Skipped, with the reason, when /usr/bin/chromium is missing (`apt-get install -y chromium`)."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from movement.models import AdministrativeUnit as AU

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
]


@pytest.fixture
def demo(hierarchy):
    # `hierarchy` reloads the units, and the catalogues seeded by migrations, after another test's flush.
    call_command("load_demo", verbosity=0)
    return {"quang_tri": AU.objects.get(generation="2025", level="province", code="44").pk}


@pytest.fixture
def open_page(demo, live_server):
    """open_page(path, width=1280) → a loaded Playwright page; JavaScript errors and CSP violations are
    collected in page.problems. The database work is done before the browser starts (Playwright's sync
    API runs an event loop, in which Django refuses database calls)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def _open(path: str, width: int = 1280):
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
            page.problems = []
            page.on("pageerror", lambda exc: page.problems.append(str(exc)))
            page.on(
                "console",
                lambda msg: (
                    msg.type == "error"
                    and "favicon" not in msg.text
                    and not msg.text.startswith("Failed to load resource")
                    and page.problems.append(msg.text)
                ),
            )
            page.on(
                "response",
                lambda r: r.status >= 400 and not r.url.endswith("favicon.ico") and page.problems.append(r.url),
            )
            page.goto(live_server.url + path, wait_until="networkidle")
            return page

        yield _open
        browser.close()


def _text(page) -> str:
    return page.inner_text("main")


def test_review_page_shows_the_national_totals_and_draws_its_charts(open_page):
    page = open_page("/programmes/CT07-2014/review/?period=2014-2019&mode=current")
    text = _text(page)
    assert "hơn 23.000" in text and "hơn 15.000" in text
    for name in ("Tỉnh Phú Thọ", "Tỉnh Vĩnh Long", "Tỉnh Thanh Hóa"):
        assert name in page.inner_text("#table-areas")
    page.wait_for_selector("[data-chart='chart-areas'] canvas")
    assert page.locator("[data-chart] canvas").count() >= 3  # by area, rates, awards
    assert page.problems == []


def test_the_mode_switch_works_without_javascript(open_page):
    page = open_page("/programmes/CT07-2014/review/?period=2014-2019&mode=current")
    page.get_by_role("link", name="Theo địa bàn khi báo cáo").click()
    page.wait_for_load_state("networkidle")
    areas = page.inner_text("#table-areas")
    assert "Tỉnh Vĩnh Phúc" in areas and "Huyện Thạnh Phú" in areas and "Tỉnh Phú Thọ" not in areas.split("\n")[1]
    assert "mode=as_recorded" in page.url


def test_annual_page_for_quang_tri_at_phone_width(open_page, demo):
    page = open_page(f"/annual/2020/?area={demo['quang_tri']}&mode=current", width=390)
    text = _text(page)
    assert "1.069/1.144" in text and "93,4 %" in text and "561/577 (97,2 %)" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.problems == []


def test_home_and_conference_pages(open_page):
    page = open_page("/")
    assert "hơn 23.000" in _text(page)
    page.get_by_role("link", name="Hội nghị triển khai chương trình công tác").first.click()
    page.wait_for_load_state("networkidle")
    text = _text(page)
    assert "gần 30" in text and "1.069/1.144" in text
    # the source is cited (author) with our own summary, not a copy of the article
    assert page.locator(".document-summary").first.is_visible()
    assert page.get_by_text("Việt Hùng").first.is_visible()
    assert page.problems == []
