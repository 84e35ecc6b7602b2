"""Lean summaries (issue 16, items 2 and 3): the summary answers and pages give the numbers with their
coverage and link each number to its sources (a paged endpoint and a plain public page) instead of listing
them; the seed figures stay; the home page never says "toàn quốc" without the coverage beside it."""

import re

import pytest
from django.core.management import call_command

from reports.summary_sources import MAX_PAGE, MAX_TEXT, PAGE_SIZE
from tests.reports.summary_data import YEAR_2020, current, figure, legacy, publish

pytestmark = pytest.mark.django_db

REVIEW_API = "/api/v1/summaries/programme-review/"
SOURCES_API = "/api/v1/summaries/sources/"


@pytest.fixture
def demo(hierarchy):
    call_command("load_demo", verbosity=0)


def test_home_gives_the_national_total_with_its_coverage(client, demo):
    html = client.get("/").content.decode()
    heading = re.search(r'<h2 id="featured-title">(.*?)</h2>', html, re.S).group(1)
    assert "toàn quốc" in heading and "3/34 tỉnh, thành phố đã có báo cáo" in heading
    assert "hơn 23.000" in html and "từ 2 báo cáo của 2 tỉnh, thành phố" in html
    assert html.count("toàn quốc") == 1  # only in that heading, beside its coverage


def test_review_page_links_each_number_to_a_plain_sources_page(client, demo):
    html = client.get("/programmes/CT07-2014/review/", {"period": "2014-2019"}).content.decode()
    assert "hơn 23.000" in html and "3/34 tỉnh, thành phố đã có báo cáo" in html
    assert "trên 13.000 tin về ANTT" not in html  # excerpts are on the sources page, not inline
    links = re.findall(r'href="(/sources/\?[^"]+indicator=tips_provided[^"]*)"', html)
    assert links
    link = links[0].replace("&amp;", "&")
    sources = client.get(link)
    assert sources.status_code == 200
    text = sources.content.decode()
    assert "trên 13.000 tin về ANTT" in text and "hơn 13.000" in text and "Tỉnh Vĩnh Phúc" in text
    assert "<script" not in text


def test_quang_tri_2020_keeps_its_rate_with_coverage(client, demo):
    html = client.get("/annual/2020/", {"area": current("44").pk, "mode": "current"}).content.decode()
    assert "1.069/1.144 (93,4 %)" in html
    assert "từ 1 báo cáo" in html


def test_the_api_answer_has_no_source_lists_and_each_number_links_to_them(api, demo):
    data = api().get(REVIEW_API, {"programme": "CT07-2014", "period": "2014-2019"}).json()
    assert "source_conferences" not in data
    for number in data["figures"]:
        assert "sources" not in number["amount"]
        assert number["amount"]["sources_url"].startswith(SOURCES_API)
    row = data["areas"][0]
    assert set(row["figures"][0]) == {"key", "value", "qualifier", "ratio_value", "out_of", "reports"}
    for record_row in data["records"]["by_area"]:
        assert all(
            set(line) == {"metric", "breakdown", "value", "ratio_value", "out_of"} for line in record_row["lines"]
        )
    tips = next(f for f in data["figures"] if f["key"] == "tips_provided")["amount"]
    in_row = api().get(tips["sources_url"] + f"&part={row['area']['id']}").json()
    assert 1 <= in_row["count"] < 3


def test_sources_are_paged(api, hierarchy):
    districts = list(legacy("38").children.order_by("code")[: PAGE_SIZE + 5])
    assert len(districts) == PAGE_SIZE + 5
    for n, district in enumerate(districts):
        publish(district, figures=[figure("tips_provided", n + 1, excerpt=f"{n + 1} tin")], period=YEAR_2020)
    data = api().get("/api/v1/summaries/annual/", {"year": 2020}).json()
    url = next(f for f in data["figures"] if f["key"] == "tips_provided")["amount"]["sources_url"]
    first = api().get(url).json()
    assert (first["count"], first["pages"], len(first["results"])) == (PAGE_SIZE + 5, 2, PAGE_SIZE)
    second = api().get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None and second["previous"]
    seen = {r["excerpt"] for r in first["results"]} | {r["excerpt"] for r in second["results"]}
    assert len(seen) == PAGE_SIZE + 5


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"programme": "CT07-2014", "period": "2014-2019"},  # which number?
        {"programme": "NOPE", "period": "2014-2019", "indicator": "tips_provided"},
        {"programme": "CT07-2014", "period": "20x", "indicator": "tips_provided"},
        {"year": "2020", "indicator": "tips_provided", "page": "0"},
        {"year": "2020", "indicator": "tips_provided", "page": str(MAX_PAGE + 1)},
        {"year": "2020", "indicator": "tips_provided", "page": "²"},
        {"year": "2020", "indicator": "x" * (MAX_TEXT + 1)},
        {"year": "2020", "indicator": "tips_provided", "area": "999999999"},
        {"year": "2020", "indicator": "tips_provided", "mode": "sideways"},
        {"programme": "CT07\x00", "period": "2014-2019", "indicator": "tips_provided"},
        {"year": "2020", "indicator": "tips\x00"},
    ],
)
def test_invalid_sources_queries_are_400(api, client, hierarchy, params):
    assert api().get(SOURCES_API, params).status_code == 400
    assert client.get("/sources/", params).status_code == 404


def test_a_control_character_in_the_programme_is_a_400_not_a_500(api, hierarchy):
    # the cache key is read before the view validates: it must not send a NUL to the database
    assert api().get(REVIEW_API, {"programme": "CT07\x00", "period": "2014-2019"}).status_code == 400
