"""Public pages: the seed reports' key numbers on the home, review, province, annual and conference pages;
the mode switch as plain links; published only; downloads (CSV with BOM, XLSX) with qualifier and source
columns; no inline script or style; bounded queries."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from movement.models import Role
from reports import exports, record_sources, services
from reports.models import Conference
from tests.reports.summary_data import current, figure, legacy, publish, tally

pytestmark = pytest.mark.django_db

REVIEW = "/programmes/CT07-2014/review/"


@pytest.fixture
def demo(hierarchy):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def page(client):
    def _get(url, params=None, status=200):
        response = client.get(url, params or {})
        assert response.status_code == status, response.content[:500]
        return response

    return _get


def _html(response) -> str:
    return response.content.decode()


def _table(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, f"no table {table_id}"
    return match.group(0)


def test_home_shows_the_national_overview_and_latest_conferences(page, demo):
    html = _html(page("/"))
    assert "hơn 23.000" in html  # the featured review: Directive 07, 2014-2019, whole country
    assert "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 07/CT-BCA-V28 tỉnh Thanh Hóa" in html
    assert 'href="/programmes/CT07-2014/review/?period=2014-2019"' in html
    assert 'href="/annual/2020/"' in html
    assert html.count('class="has-reports"') == 5  # Thanh Hóa, Phú Thọ, Vĩnh Long, Quảng Trị, Hà Nội
    assert '<html lang="vi">' in html


def test_review_page_in_current_mode_lists_todays_provinces(page, demo):
    html = _html(page(REVIEW, {"period": "2014-2019", "mode": "current"}))
    areas = _table(html, "table-areas")
    for name in ("Tỉnh Phú Thọ", "Tỉnh Vĩnh Long", "Tỉnh Thanh Hóa"):
        assert name in areas
    assert "Tỉnh Vĩnh Phúc" in areas  # named as the unit whose figures Phú Thọ holds
    assert "hơn 23.000" in areas and "hơn 15.000" in html
    assert 'aria-current="page" class="current">' in html


def test_review_page_as_recorded_lists_the_reporting_units(page, demo):
    html = _html(page(REVIEW, {"period": "2014-2019", "mode": "as_recorded"}))
    rows = re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', _table(html, "table-areas"))
    assert sorted(rows) == ["Huyện Thạnh Phú", "Tỉnh Thanh Hóa", "Tỉnh Vĩnh Phúc"]
    assert "(Tỉnh Bến Tre)" in html
    assert "hơn 23.000" in html


def test_mode_switch_is_a_pair_of_plain_links_keeping_the_other_parameters(page, demo):
    html = _html(page(REVIEW, {"period": "2014-2019", "mode": "current", "indicator": "valuable_tips"}))
    assert 'href="?period=2014-2019&amp;mode=as_recorded&amp;indicator=valuable_tips"' in html
    assert 'href="?period=2014-2019&amp;mode=current&amp;indicator=valuable_tips"' in html
    assert "Tin có giá trị (tin)" in _table(html, "table-areas")


def test_annual_page_for_quang_tri_shows_the_quang_binh_certification_rates(page, demo):
    html = _html(page("/annual/2020/", {"area": current("44").pk, "mode": "current"}))
    rates = _table(html, "table-rates")
    assert "1.069/1.144 (93,4 %)" in rates
    assert "561/577 (97,2 %)" in rates
    assert "Tỉnh Quảng Bình" in html and "Tỉnh Quảng Trị" in html


def test_province_page_picks_the_latest_review_or_year_and_offers_the_others(page, demo):
    html = _html(page(f"/provinces/{current('44').pk}/"))
    assert "1.069/1.144 (93,4 %)" in html
    assert '<option value="2020" selected>' in html
    phu_tho = _html(page(f"/provinces/{current('25').pk}/"))
    assert 'value="CT07-2014/2014-2019" selected' in phu_tho and "hơn 13.000" in phu_tho
    legacy_page = _html(page(f"/provinces/{legacy('44').pk}/", {"mode": "as_recorded", "show": "2020"}))
    assert "561/577 (97,2 %)" in legacy_page


def test_province_page_as_recorded_on_a_2025_province_links_the_old_provinces(page, demo):
    html = _html(page(f"/provinces/{current('44').pk}/", {"mode": "as_recorded"}))
    assert f'href="/provinces/{legacy("44").pk}/?mode=as_recorded"' in html


def test_conference_page_shows_figures_tallies_and_the_source(page, demo):
    conference = Conference.objects.get(area=legacy("44"))
    html = _html(page(f"/conferences/{conference.pk}/"))
    assert "gần 30" in html and "1.069/1.144" in html
    assert "<q>1.069/1.144 khu dân cư</q>" in html
    assert "Cờ thi đua" in html
    assert f'id="document-{conference.source_documents.first().pk}"' in html
    assert "Tỉnh Quảng Trị" in html  # now part of


def test_unpublished_conferences_are_not_found_even_for_staff(client, hierarchy, make_user, thanh_hoa):
    clerk = make_user(Role.DATA_ENTRY, thanh_hoa)
    draft = services.conference_create(
        actor=clerk,
        programme="CT07-2014",
        kind="interim_review",
        title="Bản nháp",
        area=legacy("38"),
        period_start=datetime.date(2014, 8, 15),
        period_end=datetime.date(2019, 8, 15),
        period_label="2014-2019",
        figures=[figure("tips_provided", 5)],
    )
    client.force_login(clerk)
    assert client.get(f"/conferences/{draft.pk}/").status_code == 404
    assert "Bản nháp" not in _html(client.get(REVIEW, {"period": "2014-2019"}))


@pytest.mark.parametrize(
    "url",
    [
        "/programmes/NOPE/review/",
        REVIEW + "?period=abc",
        REVIEW + "?area=abc",
        "/provinces/999999999/",
        "/annual/2020/?area=999999999",
        "/annual/1800/",
        "/conferences/999999999/",
        REVIEW + "?format=csv&table=nothing",
    ],
)
def test_unknown_things_are_404(client, hierarchy, url):
    assert client.get(url).status_code == 404


def test_csv_download_has_a_bom_qualifiers_and_sources(page, demo):
    response = page(REVIEW, {"period": "2014-2019", "mode": "current", "format": "csv", "table": "figures"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="ket-qua-ct07-2014-2014-2019-toan-quoc-current-figures.csv"'
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    tips = next(r for r in rows if r[_header(rows, "indicator")] == "tips_provided")
    assert tips[_header(rows, "value")] == "23000"
    assert tips[_header(rows, "qualifier")] == "hơn"  # in Vietnamese (issue 16); the code beside it
    assert tips[_header(rows, "qualifier_code")] == "more_than"
    assert tips[_header(rows, "basis")] == "báo cáo tại hội nghị"
    assert tips[_header(rows, "display")] == "hơn 23.000"
    assert "/conferences/" in tips[_header(rows, "source_links")]
    assert "trên 13.000 tin về ANTT" in tips[_header(rows, "excerpts")]


def _header(rows, key: str) -> str:
    """The (translated) header of the column with this key in the figures table."""
    keys = [k for k, _h in exports.summary_tables(_empty_summary(), None)["figures"].columns]
    return list(rows[0].keys())[keys.index(key)]


def _empty_summary():
    from reports.models import Programme
    from reports.summaries import programme_review_summary

    return programme_review_summary(actor=None, programme=Programme.objects.get(code="CT07-2014"), period="2014")


def test_every_table_downloads_as_csv_and_the_page_as_xlsx(page, demo):
    for table in ("figures", "areas", "years", "rates", "awards", "award_areas", "records", "conferences"):
        response = page("/annual/2020/", {"area": current("44").pk, "format": "csv", "table": table})
        assert response.content.startswith("\ufeff".encode())
    response = page("/annual/2020/", {"area": current("44").pk, "format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    tables = exports.summary_tables(_empty_summary(), None)
    names = ["figures", "areas", "years", "rates", "awards", "award_areas", "records", "record_areas", "conferences"]
    # sheets named in Vietnamese (issue 16): the tables' titles, at most 31 characters
    assert len(workbook.sheetnames) == 10 and all(len(name) <= 31 for name in workbook.sheetnames)
    assert workbook.sheetnames[1] == str(tables["figures"].title)[:31]
    assert not any(name in workbook.sheetnames for name in names)
    rates = list(workbook[workbook.sheetnames[1 + names.index("rates")]].iter_rows())
    residential = next(r for r in rates if r[2].value == "residential_area")
    assert (residential[8].value, residential[9].value, residential[10].value, residential[11].value) == (
        1069,
        1144,
        93.4,
        "1.069/1.144 (93,4 %)",
    )
    assert residential[8].number_format == "#,##0" and residential[10].number_format == "#,##0.0##"


def test_conference_tables_download(page, demo):
    conference = Conference.objects.get(area=legacy("44"))
    response = page(f"/conferences/{conference.pk}/", {"format": "csv", "table": "figures"})
    body = response.content.decode("utf-8-sig")
    assert "gần 30" in body and "nearly" in body and "năm học 2019-2020" in body
    assert "school year" not in body
    workbook = load_workbook(io.BytesIO(page(f"/conferences/{conference.pk}/", {"format": "xlsx"}).content))
    assert len(workbook.sheetnames) == 3 and "figures" not in workbook.sheetnames


@pytest.mark.parametrize(
    "url", ["/", REVIEW + "?period=2014-2019", "/annual/2020/", "/annual/2017/", "/provinces/{qt}/"]
)
def test_pages_have_no_inline_script_or_style_and_charts_read_json(page, demo, url):
    html = _html(page(url.format(qt=current("44").pk)))
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or 'type="application/json"' in script, script
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_charts_come_with_their_data_and_an_accessible_table(page, demo):
    html = _html(page(REVIEW, {"period": "2014-2019"}))
    assert "/static/vendor/echarts/echarts.common.min.js" in html and "/static/reports/charts.js" in html
    assert 'data-chart="chart-areas" role="img"' in html
    assert '<script id="chart-areas" type="application/json">' in html
    assert "<caption>" in _table(html, "table-areas")


def test_pages_are_available_in_english(client, demo):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = _html(client.get(REVIEW, {"period": "2014-2019"}))
    assert '<html lang="en">' in html and "more than 23,000" in html


def _spread(codes):
    for code in codes:
        publish(
            legacy(code),
            figures=[
                figure("tips_provided", 10, qualifier="more_than"),
                figure("safety_certified", 5, out_of=8, breakdown="school"),
            ],
            tallies=[tally(2), tally(1, kind="individual")],
        )


def test_review_page_query_count_does_not_grow_with_the_data(client, hierarchy, monkeypatch):
    monkeypatch.setattr(record_sources, "_PROVIDERS", {})

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(REVIEW, {"period": "2014-2019"}).status_code == 200
        return len(context.captured_queries)

    _spread(["01", "02"])
    small = count()
    _spread(["04", "06", "08", "10", "11", "12", "14"])
    assert count() == small
