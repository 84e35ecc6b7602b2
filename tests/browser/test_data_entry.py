"""Data entry in a real browser (Debian Chromium through Playwright): the figure grid saved once, a submit
with three bad rows, the downloaded template filled and imported, and the area picker. Screenshots of each
page at 1280 px and 390 px go to screenshots/data-entry/ (`SCREENSHOTS=0` skips them). Skipped, with the
reason, when /usr/bin/chromium is missing."""

import datetime
import io
import os
from pathlib import Path

import pytest
from django.test import Client

from movement.models import AdministrativeUnit as AU
from movement.models import Role, RoleAssignment
from tests.browser.test_public_pages import CHROMIUM, LAUNCH_ARGS
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
]
SHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "data-entry"


@pytest.fixture
def world(hierarchy):
    from reports import services

    thanh_hoa = AU.objects.get(generation="2025", level="province", code="38")
    legacy = AU.objects.get(generation="legacy", level="province", code="38")
    user = UserFactory(username="browser_clerk")
    RoleAssignment.objects.create(user=user, role=Role.DATA_ENTRY, area=thanh_hoa)
    conference = services.conference_create(
        actor=user,
        programme="CT07-2014",
        kind="interim_review",
        title="Sơ kết 5 năm Chỉ thị 07 (thử trên trình duyệt)",
        area=legacy,
        held_on=datetime.date(2019, 9, 11),
        period_start=datetime.date(2014, 8, 15),
        period_end=datetime.date(2019, 8, 15),
        period_label="2014-2019",
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {"conference": conference.pk, "session": client.cookies["sessionid"].value}


@pytest.fixture
def browser_page(world, live_server):
    """page(path, width=1280) → a signed-in Playwright page; JavaScript errors and CSP violations are kept in
    page.problems."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        def _open(path: str, width: int = 1280):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, locale="vi-VN", accept_downloads=True
            )
            context.add_cookies([{"name": "sessionid", "value": world["session"], "url": live_server.url}])
            page = context.new_page()
            page.problems = []
            page.on("pageerror", lambda exc: page.problems.append(str(exc)))
            page.on(
                "console",
                lambda msg: (
                    msg.type == "error"
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


def _shot(page, name: str, width: int, at: str | None = None) -> None:
    if os.environ.get("SCREENSHOTS", "1") == "0":
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    if at:
        page.locator(at).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=False)


def _value(page, code: str, nth: int = 0):
    return page.locator(f"tr[data-indicator='{code}'] input[data-value]").nth(nth)


FIGURES = [
    ("propaganda_sessions", "3.071"),
    ("propaganda_participants", "hơn 116.869"),  # a qualifier typed with the value
    ("banners_and_slogans", "1.250"),
    ("news_items", "420"),
    ("community_conferences", "212"),
    ("community_conference_participants", "15.300"),
    ("tips_provided", "10.000"),
    ("valuable_tips", "1.024"),
    ("movement_models", "95"),
    ("new_movement_models", "12"),
    ("fire_prevention_models", "33"),
    ("units_with_security_force", "95/102"),  # an "out of" figure
    ("military_guns_surrendered", "7"),
    ("homemade_guns_surrendered", "21"),
    ("military_ammunition_surrendered", "130"),
    ("explosives_surrendered_kg", "12,5"),
    ("complex_areas_transformed", "4"),
]


def test_a_report_with_20_figures_and_4_tallies_is_entered_with_one_save(browser_page, world):
    page = browser_page(f"/staff/conferences/{world['conference']}/entry/")
    for code, value in FIGURES:
        _value(page, code).fill(value)
    # the total and two breakdowns of one indicator: rows added without a reload
    _value(page, "self_management_models").fill("318")
    models = page.locator("tr[data-indicator='self_management_models']").first
    for breakdown, value in (("school", "40"), ("enterprise", "57")):
        models.locator("[data-add-breakdown]").click()
        row = page.locator("tr[data-indicator='self_management_models']").last
        row.locator("select[name$='-breakdown']").select_option(breakdown)
        row.locator("input[data-value]").fill(value)
    # a qualifier chosen from the picker
    tips = page.locator("tr[data-indicator='tips_provided']").first
    tips.locator("select[name$='-qualifier']").select_option("more_than")
    tallies = [
        ("provincial_chair", "certificate_of_merit", "collective", "26"),
        ("provincial_chair", "certificate_of_merit", "individual", "31"),
        ("ministry_of_public_security", "certificate_of_merit", "collective", "3"),
        ("provincial_police_director", "letter_of_commendation", "mixed", "hơn 100"),
    ]
    rows = page.locator("[data-tally-rows] tr[data-row]")
    for index, (issuer, form, kind, count) in enumerate(tallies):
        row = rows.nth(index)
        row.locator("select[name$='-issuer']").select_option(issuer)
        row.locator("select[name$='-form']").select_option(form)
        row.locator("select[name$='-recipient_kind']").select_option(kind)
        row.locator("input[data-value]").fill(count)
    _shot(page, "grid-filled", 1280)
    _shot(page, "grid-filled", 390)
    page.get_by_role("button", name="Lưu tất cả").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/staff/conferences/{world['conference']}/"), page.url
    text = page.inner_text("main")
    assert "Đã lưu số liệu và số khen thưởng." in text
    for shown in ("3.071", "hơn 116.869", "hơn 10.000", "95/102", "12,5", "1.250", "hơn 100"):
        assert shown in text, shown
    assert page.problems == []
    grid = browser_page(f"/staff/conferences/{world['conference']}/entry/")
    assert _value(grid, "self_management_models", 2).input_value() in ("40", "57")
    assert (
        grid.locator("[data-grid=figures] input[data-value]").evaluate_all(
            "boxes => boxes.filter(b => b.value.trim()).length"
        )
        == 20
    )
    _shot(grid, "grid-saved", 1280)
    _shot(grid, "grid-saved", 390)


def test_three_bad_rows_show_three_errors_at_once_and_nothing_is_saved(browser_page, world):
    page = browser_page(f"/staff/conferences/{world['conference']}/entry/")
    _value(page, "propaganda_sessions").fill("3.071")
    _value(page, "units_with_security_force").fill("110/102")
    _value(page, "tips_provided").fill("−5")
    _value(page, "valuable_tips").fill("1.350,7")
    page.get_by_role("button", name="Lưu tất cả").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.row-error").count() == 3
    text = page.inner_text("main")
    assert "3 dòng có lỗi: chưa lưu gì." in text
    assert _value(page, "units_with_security_force").input_value() == "110/102"
    _shot(page, "grid-errors", 1280, at="tr.row-error")
    _shot(page, "grid-errors", 390, at="tr.row-error")
    detail = browser_page(f"/staff/conferences/{world['conference']}/")
    assert "3.071" not in detail.inner_text("main")


def test_pasting_a_block_from_excel_fills_the_grid(browser_page, world):
    page = browser_page(f"/staff/conferences/{world['conference']}/entry/")
    block = (
        "Buổi tuyên truyền\t3.071\ntips_provided\thơn 10.000\nMô hình tự quản về an ninh, trật tự\t40\tKhối nhà trường"
    )
    page.evaluate(
        """block => {
            const box = document.querySelector("tr[data-indicator='propaganda_sessions'] input[data-value]");
            const data = new DataTransfer();
            data.setData("text", block);
            box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        block,
    )
    assert _value(page, "propaganda_sessions").input_value() == "3.071"
    assert _value(page, "tips_provided").input_value() == "hơn 10.000"
    models = page.locator("tr[data-indicator='self_management_models']")
    assert models.first.locator("select[name$='-breakdown']").input_value() == "school"
    assert models.first.locator("input[data-value]").input_value() == "40"
    assert "Đã dán 3 dòng." in page.inner_text("[data-entry-status]")


def test_the_downloaded_template_filled_and_imported(browser_page, world, tmp_path):
    from openpyxl import load_workbook

    page = browser_page(f"/staff/conferences/{world['conference']}/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    path = tmp_path / "mau.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook["Chỉ tiêu"]
    values = {"propaganda_sessions": "3.071", "tips_provided": "hơn 10.000", "explosives_surrendered_kg": "12,5"}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[7].value = values.pop(row[0].value)
        if row[0].value == "units_with_security_force":
            row[7].value, row[8].value = "95", "102"
    workbook["Khen thưởng"].append(["provincial_chair", "Bằng khen", "tập thể", "", "26"])
    output = io.BytesIO()
    workbook.save(output)
    path.write_bytes(output.getvalue())
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_load_state("networkidle")
    preview = page.inner_text("main")
    assert "4 số liệu đã đọc" in preview and "1 số khen thưởng đã đọc" in preview
    _shot(page, "import-preview", 1280, at=".import-preview")
    _shot(page, "import-preview", 390, at=".import-preview")
    page.get_by_role("button", name="Lưu các dòng này").click()
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    assert "Đã nhập: 4 số liệu và 1 số khen thưởng." in text
    for shown in ("3.071", "hơn 10.000", "95/102", "12,5"):
        assert shown in text, shown


def test_the_area_picker_offers_both_generations_with_their_parents(browser_page, world):
    page = browser_page("/staff/conferences/new/")
    box = page.locator("#id_area")
    box.click()
    box.press_sequentially("nhu xuan", delay=20)
    options = page.locator(".area-picker-list [role=option]")
    options.first.wait_for()
    labels = options.all_inner_texts()
    assert any("Huyện Như Xuân, Tỉnh Thanh Hóa (cũ) — nay thuộc Tỉnh Thanh Hóa" in t for t in labels), labels
    assert any("Xã Như Xuân, Tỉnh Thanh Hóa" in t for t in labels), labels
    _shot(page, "area-picker", 1280)
    _shot(page, "area-picker", 390)
    # a 2019 date narrows to the units of that time
    page.fill("#id_held_on", "11/09/2019")
    box.fill("")
    box.press_sequentially("nhu xuan", delay=20)
    page.wait_for_timeout(600)
    labels = page.locator(".area-picker-list [role=option]").all_inner_texts()
    assert labels and all("Xã Như Xuân" not in t for t in labels), labels
    box.press("ArrowDown")
    box.press("Enter")
    assert page.locator("input[name=area]").input_value() == "legacy:402"
    assert page.problems == []


def test_unit_registry_pages(browser_page, world):
    page = browser_page("/staff/units/new/")
    page.select_option("#id_kind", "school")
    page.fill("#id_name", "Trường THPT Như Xuân")
    box = page.locator("#id_area")
    box.press_sequentially("nhu xuan", delay=20)
    page.locator(".area-picker-list [role=option]", has_text="Xã Như Xuân").click()
    page.select_option("#id_school_level", "upper_secondary")
    _shot(page, "unit-form", 1280)
    _shot(page, "unit-form", 390)
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    assert "Đã thêm đơn vị “Trường THPT Như Xuân”." in text and "Xã Như Xuân" in text
    _shot(page, "unit-registry", 1280)
    _shot(page, "unit-registry", 390)
    assert page.problems == []
