"""Issue 18, one kind of miss at a time, on sentences written for these tests (tests/extraction/unseen_clerk.py
holds the longer paragraphs and their score)."""

import unicodedata
from decimal import Decimal

import pytest

from extraction.engine import extract


@pytest.fixture
def run(catalogue):
    return lambda text: extract(text, catalogue)


def figures_of(result):
    return [(f.indicator, f.breakdown, f.value, f.qualifier, f.unit) for f in result.figures]


def tallies_of(result):
    return [(t.issuer, t.form, t.recipient_kind, t.count, t.qualifier) for t in result.tallies]


# -- new in the period vs the total -------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["xây dựng mới", "thành lập mới", "phát triển mới", "mới thành lập"])
def test_a_newly_built_count_is_the_new_indicator_not_the_total(run, verb):
    result = run(f"Năm 2021, toàn huyện {verb} 18 tổ tự quản, nâng tổng số lên 403 mô hình tự quản.")
    assert figures_of(result) == [
        ("new_self_management_models", None, 18, "exact", ""),
        ("self_management_models", None, 403, "exact", ""),
    ]


def test_a_new_count_without_a_new_indicator_is_not_proposed_as_the_total(run):
    result = run("Trong năm, xã đã thành lập mới 4 tổ bảo vệ dân phố.")
    assert result.figures == []


# -- the label before the number ----------------------------------------------------------------------------------


def test_the_label_before_the_number_names_the_indicator(run):
    result = run("Phường tiếp nhận 630 tin báo, tin có giá trị là 211 tin.")
    assert figures_of(result) == [
        ("tips_provided", None, 630, "exact", ""),
        ("valuable_tips", None, 211, "exact", ""),
    ]
    assert result.figures[1].evidence[0].text == "tin có giá trị"


def test_the_noun_of_the_number_before_is_no_label(run):
    result = run("Tổ chức 12 buổi tuyên truyền với hơn 900 người tham gia.")
    assert [f.indicator for f in result.figures] == ["propaganda_sessions", "propaganda_participants"]


# -- percentages --------------------------------------------------------------------------------------------------


def test_a_percentage_is_a_figure_with_its_qualifier_and_unit(run):
    result = run("Đến nay, gần 78,5% hộ gia đình trong xã đã ký cam kết giữ gìn an ninh, trật tự.")
    assert figures_of(result) == [("households_pledged_rate", None, Decimal("78.5"), "nearly", "%")]
    assert result.figures[0].span.text == "gần 78,5%"
    assert result.figures[0].to_dict()["unit"] == "%"


def test_a_percentage_is_linked_to_its_base(run):
    result = run("Toàn phường có 2.406 hộ ký cam kết, đạt 97%.")
    figure = result.figures[-1]
    assert (figure.indicator, figure.value, figure.unit) == ("households_pledged_rate", 97, "%")
    assert (figure.base_value, figure.base.text) == (2406, "2.406 hộ")
    assert figure.to_dict()["base"]["value"] == 2406


def test_a_percentage_of_no_known_indicator_is_shown_unclassified(run):
    result = run("Tỷ lệ học sinh tham gia đạt 64%.")
    assert result.figures == []
    assert [(u.value, u.unit) for u in result.unclassified] == [(64, "%")]


# -- certification headlines --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "breakdown"),
    [
        ("Nghệ An: 1.118 cơ quan, doanh nghiệp đạt tiêu chí “An toàn về an ninh, trật tự”", "agency_or_enterprise"),
        ("HƠN 300 TRƯỜNG HỌC ĐẠT DANH HIỆU AN TOÀN VỀ AN NINH, TRẬT TỰ", "school"),
        ("Thêm 57 khu dân cư được công nhận là khu dân cư an toàn", "residential_area"),
    ],
)
def test_a_certification_headline_is_a_certified_count(run, text, breakdown):
    result = run(text)
    assert [(f.indicator, f.breakdown) for f in result.figures] == [("safety_certified", breakdown)]


# -- places and gifts are not award recipients --------------------------------------------------------------------


def test_units_where_something_was_held_are_not_recipients(run):
    result = run("Hội thi được tổ chức tại 26 đơn vị và 9 tập thể; Chủ tịch UBND huyện tặng giấy khen cho 3 tập thể.")
    assert tallies_of(result) == [("district_chair", "letter_of_commendation", "collective", 3, "exact")]


def test_recognising_units_is_no_award(run):
    result = run("Công nhận 75 đơn vị đạt chuẩn an toàn về an ninh, trật tự")
    assert result.tallies == []


def test_words_built_on_award_verbs_are_no_award(run):
    result = run("Buổi trao đổi giúp nâng cao nhận thức cho 500 hộ gia đình và 40 tập thể.")
    assert result.tallies == []


def test_gifts_are_no_award(run):
    result = run("Đoàn đã trao 150 suất quà và tặng tiền cho 12 gia đình khó khăn.")
    assert result.tallies == []


# -- several award forms counted together -------------------------------------------------------------------------


def test_a_count_of_several_award_forms_is_a_mixed_tally_for_review(run):
    result = run("Giai đoạn này có hơn 1.300 huy hiệu, bằng khen và giấy khen được trao cho các cá nhân.")
    assert tallies_of(result) == [(None, "mixed", "individual", 1300, "more_than")]
    note = result.tallies[0].notes[0]
    assert "huy hiệu, bằng khen, giấy khen" in note
    assert result.figures == [] and result.unclassified == []


# -- groups that span several breakdowns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "units",
    ["thôn, bản, xã, phường", "bệnh viện, trường học", "cơ quan, doanh nghiệp, hợp tác xã"],
)
def test_a_group_that_spans_several_breakdowns_is_the_total_flagged(run, units):
    result = run(f"Có 846 {units} được công nhận đạt chuẩn an toàn về an ninh, trật tự.")
    assert figures_of(result) == [("safety_certified", None, 846, "exact", "")]
    assert "several breakdowns" in result.figures[0].notes[0] or "nhiều" in result.figures[0].notes[0]


def test_one_breakdown_named_twice_stays_that_breakdown(run):
    result = run("Có 95 thôn, xóm được công nhận đạt chuẩn an toàn về an ninh, trật tự.")
    assert figures_of(result) == [("safety_certified", "residential_area", 95, "exact", "")]


# -- new indicators, highlighted in full --------------------------------------------------------------------------


def test_gangs_cases_and_arrests_with_the_whole_phrase_highlighted(run):
    text = "Từ tin báo của Nhân dân, Công an tỉnh đã triệt phá 12 băng, nhóm tội phạm, khám phá 48 vụ án, bắt 63 đối tượng."
    result = run(text)
    assert [(f.indicator, f.value) for f in result.figures] == [
        ("criminal_gangs_dismantled", 12),
        ("cases_solved_from_tips", 48),
        ("people_arrested_from_tips", 63),
    ]
    assert [f.span.text for f in result.figures] == ["12 băng, nhóm tội phạm", "48 vụ án", "63 đối tượng"]
    assert [f.evidence[0].text for f in result.figures[1:]] == ["khám phá", "bắt"]


def test_the_highlight_covers_the_whole_phrase_in_decomposed_text(run):
    text = unicodedata.normalize("NFD", "Lực lượng chức năng triệt phá 57 băng, nhóm tội phạm.")
    figure = run(text).figures[0]
    assert figure.indicator == "criminal_gangs_dismantled"
    assert text[figure.span.start : figure.span.end] == figure.span.text
    assert unicodedata.normalize("NFC", figure.span.text) == "57 băng, nhóm tội phạm"


def test_cases_and_arrests_need_tips_in_the_paragraph(run):
    result = run("Trên địa bàn xảy ra 14 vụ án; Công an đã khám phá 11 vụ án, bắt 20 đối tượng.")
    assert result.figures == []


# -- conference facts proposed ------------------------------------------------------------------------------------


def test_a_review_named_without_hoi_nghi_gives_the_kind_and_its_period(run):
    facts = run(
        "Tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022 tại xã Hoằng Đạo\n"
        "Chiều 20/12/2022, xã Hoằng Đạo long trọng tổng kết công tác năm 2022."
    ).conference
    assert (facts.kind, facts.programme, facts.period.label) == ("annual_summary", "TDBVANTQ-annual", "2022")
    assert facts.kind_span.text == "Tổng kết"


def test_the_date_after_a_title_naming_a_directive_is_the_conference_date(run):
    facts = run(
        "Huyện Nga Sơn sơ kết 5 năm thực hiện Chỉ thị 07\nNgày 3/6/2019, Ban Chỉ đạo huyện đã tổ chức sơ kết."
    ).conference
    assert str(facts.held_on) == "2019-06-03" and facts.kind == "interim_review"


def test_a_review_mentioned_in_passing_is_no_kind(run):
    facts = run("Năm 2020, các xã đã xây dựng 12 mô hình. Các đơn vị chuẩn bị tổng kết vào cuối năm.").conference
    assert facts.kind is None
