"""Offline entry (reports/spreadsheet.py): the XLSX template of a draft report, its upload with a dry-run
preview listing every row's error (sheet, row, reason), the all-or-nothing save, the same through the API,
and the bounds on the file (size, rows — blank ones count)."""

import io

import pytest
from openpyxl import load_workbook

from reports import spreadsheet
from reports.models import AwardTally, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


def _filled(conference, values: dict, tallies=(), extra_rows=()) -> io.BytesIO:
    """The downloaded template with `values` ({indicator code: (value, breakdown, out_of)}) typed in."""
    workbook = load_workbook(io.BytesIO(spreadsheet.conference_template(conference)))
    sheet = workbook[spreadsheet.FIGURE_SHEET]
    for row in sheet.iter_rows(min_row=2):
        code = row[0].value
        if code in values:
            value, breakdown, out_of = values.pop(code)
            row[5].value, row[7].value, row[8].value = breakdown, value, out_of
        else:
            row[7].value = row[8].value = None  # clear what the draft held: the file is the whole table
    for cells in extra_rows:
        sheet.append(cells)
    tally_sheet = workbook[spreadsheet.TALLY_SHEET]
    for row in list(tally_sheet.iter_rows(min_row=2)):
        for cell in row:
            cell.value = None
    for number, cells in enumerate(tallies, start=2):
        for column, value in enumerate(cells, start=1):
            tally_sheet.cell(row=number, column=column, value=value)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "mau.xlsx"
    return output


def test_template_lists_the_indicators_with_unit_and_breakdowns_and_a_tallies_sheet(login, clerk, draft):
    response = login(clerk).get(f"/staff/conferences/{draft.pk}/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [spreadsheet.FIGURE_SHEET, spreadsheet.TALLY_SHEET, spreadsheet.LISTS_SHEET]
    rows = list(workbook[spreadsheet.FIGURE_SHEET].iter_rows(values_only=True))
    assert rows[0][0] == "Mã chỉ tiêu" and rows[0][7] == "Giá trị"
    sessions = next(r for r in rows if r[0] == "propaganda_sessions")
    assert sessions[2] == "Buổi tuyên truyền" and sessions[3] == "buổi" and "school" in sessions[4]
    # what the draft already holds is in the template, in Vietnamese format
    held = {(r[0], r[5] or ""): r[7] for r in rows[1:] if r[7]}
    assert held[("propaganda_sessions", "")] == "3.071"


def test_upload_previews_then_saves_all_rows_on_confirmation(login, clerk, draft):
    client = login(clerk)
    upload = _filled(
        draft,
        {
            "propaganda_sessions": ("3.071", "", None),
            "tips_provided": ("hơn 10.000", "", None),
            "units_with_security_force": ("95/102", "", None),
            "explosives_surrendered_kg": ("12,5", "", None),
        },
        tallies=[("provincial_chair", "Bằng khen", "cá nhân", "", "31")],
    )
    preview = client.post(f"/staff/conferences/{draft.pk}/import/", {"file": upload})
    html = preview.content.decode()
    assert preview.status_code == 200 and 'name="confirm"' in html
    assert "4 số liệu đã đọc" in html and "1 số khen thưởng đã đọc" in html
    assert "10.000" in html and "95" in html and "12,5" in html
    assert not AwardTally.objects.filter(conference=draft, recipient_kind="individual").exists()  # not saved yet
    saved = client.post(f"/staff/conferences/{draft.pk}/import/", {"confirm": "1"})
    assert saved.status_code == 302
    assert IndicatorValue.objects.filter(conference=draft).count() == 4
    ratio = IndicatorValue.objects.get(conference=draft, indicator__code="units_with_security_force")
    assert (ratio.value, ratio.out_of) == (95, 102)
    assert AwardTally.objects.get(conference=draft).count == 31  # the file is the whole table


def test_every_bad_row_is_listed_with_sheet_row_and_reason_and_nothing_is_saved(login, clerk, draft):
    before = sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft))
    upload = _filled(
        draft,
        {
            "units_with_security_force": ("110/102", "", None),
            "tips_provided": ("-5", "", None),
            "valuable_tips": ("1.350,7", "", None),
        },
        tallies=[("provincial_chair", "không có", "tập thể", "", "26")],
    )
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400 and 'name="confirm"' not in html
    assert "4 lỗi" in html
    assert html.count('<td class="row-errors">') == 4
    assert 'Khen thưởng</td><td class="num">2</td>' in html
    assert sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft)) == before


def test_api_import_is_a_dry_run_by_default_then_saves(api, clerk, draft):
    client = api(clerk)
    url = f"/api/v1/conferences/{draft.pk}/import-figures/"
    upload = _filled(draft, {"propaganda_sessions": ("3.100", "", None)})
    assert client.post(url, {"file": upload}, format="multipart").status_code == 428
    upload.seek(0)
    response = client.post(url, {"file": upload}, format="multipart", HTTP_IF_MATCH=f'"v{draft.version}"')
    assert response.status_code == 200 and response.json()["dry_run"] is True and response.json()["errors"] == []
    assert not IndicatorValue.objects.filter(conference=draft, value=3100).exists()
    upload.seek(0)
    response = client.post(
        url, {"file": upload, "dry_run": "false"}, format="multipart", HTTP_IF_MATCH=f'"v{draft.version}"'
    )
    assert response.status_code == 201 and response.json()["saved"] is True
    assert IndicatorValue.objects.get(conference=draft).value == 3100


def test_api_import_lists_row_errors(api, clerk, draft):
    upload = _filled(draft, {"tips_provided": ("abc", "", None)})
    response = api(clerk).post(
        f"/api/v1/conferences/{draft.pk}/import-figures/",
        {"file": upload, "dry_run": "false"},
        format="multipart",
        HTTP_IF_MATCH=f'"v{draft.version}"',
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["sheet"] == "Chỉ tiêu" and error["row"] > 1 and "3.071" in error["reason"]


def test_api_import_is_refused_outside_scope(api, outsider_clerk, draft):
    upload = _filled(draft, {})
    response = api(outsider_clerk).post(
        f"/api/v1/conferences/{draft.pk}/import-figures/", {"file": upload}, format="multipart", HTTP_IF_MATCH='"v1"'
    )
    assert response.status_code == 404


def test_a_file_that_is_not_a_workbook_is_refused(login, clerk, draft):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "mau.xlsx"
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/import/", {"file": upload})
    assert response.status_code == 400 and "không đọc được" in response.content.decode().lower()


def test_file_size_is_bounded(login, clerk, draft, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_BYTES", 1000)
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/import/", {"file": _filled(draft, {})})
    assert response.status_code == 400 and "lớn hơn 2 MB" in response.content.decode()


def test_rows_are_bounded_blank_ones_included(login, clerk, draft, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_SHEET_ROWS", 50)
    workbook = load_workbook(io.BytesIO(spreadsheet.conference_template(draft)))
    workbook[spreadsheet.TALLY_SHEET].cell(row=60, column=1, value="x")  # 58 blank rows above it
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "mau.xlsx"
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/import/", {"file": output})
    assert response.status_code == 400 and "nhiều hơn 50 dòng" in response.content.decode()
