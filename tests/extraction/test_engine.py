"""The engine on short sentences: numbers, qualifiers, x/y, dates, award phrases, words that are not figures,
and the spans it returns. No database: the catalogue is the one the data migration seeds."""

import datetime
from decimal import Decimal

import pytest

from extraction.engine import Catalogue, IndicatorPhrase, extract
from extraction.engine.document import Document
from extraction.engine.numbers import parse_number, parse_number_words, scan_numbers


@pytest.fixture
def run(catalogue):
    def _run(text, **kwargs):
        return extract(text, catalogue, **kwargs)

    return _run


def figures_of(result):
    return [(f.indicator, f.breakdown, f.value, f.out_of, f.qualifier) for f in result.figures]


def tallies_of(result):
    return [(t.issuer, t.form, t.recipient_kind, t.count, t.qualifier) for t in result.tallies]


# -- numbers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.071", 3071),
        ("116.869", 116869),
        ("12,5", Decimal("12.5")),
        ("1.069", 1069),
        ("7", 7),
        ("1.5", Decimal("1.5")),
    ],
)
def test_vietnamese_number_separators(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("words", "value"),
    [("hai mươi lăm", 25), ("mười hai", 12), ("ba", 3), ("một trăm linh năm", 105), ("ba nghìn năm trăm", 3500)],
)
def test_spelled_out_numbers(words, value):
    assert parse_number_words(words.split()) == value


def test_dates_years_times_and_document_numbers_are_not_quantities():
    text = (
        "Sáng 11-9, Chỉ thị số 07/CT-BCA-V28 ngày 15/8/2014, Kết luận số 44-KL/TW, Ban Chỉ đạo 138, "
        "giai đoạn 2014- 2019, năm 2020, lúc 16:53 có 48 buổi tuyên truyền."
    )
    numbers = scan_numbers(Document(text))
    quantities = [n.value for n in numbers if n.kind == "quantity"]
    assert quantities == [48]
    kinds = [n.kind for n in numbers]
    assert kinds.count("date") == 2 and "year_range" in kinds and "year" in kinds


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("Tổ chức hơn 740 buổi tuyên truyền.", "more_than", 740),
        ("Cung cấp trên 13.000 tin.", "more_than", 13000),
        ("Giao nộp gần 30kg thuốc nổ.", "nearly", 30),
        ("Tổ chức khoảng 1.200 buổi tuyên truyền.", "about", 1200),
        ("Tổ chức 3.071 buổi tuyên truyền.", "exact", 3071),
    ],
)
def test_qualifiers(run, text, qualifier, value):
    (figure,) = run(text).figures
    assert (figure.qualifier, figure.value) == (qualifier, value)


def test_decimal_comma_and_multiplier(run):
    result = run("Thu hồi 12,5 kg thuốc nổ; tuyên truyền cho 1,2 triệu lượt người được tuyên truyền.")
    assert figures_of(result) == [
        ("explosives_surrendered_kg", None, Decimal("12.5"), None, "exact"),
        ("propaganda_participants", None, Decimal("1200000"), None, "exact"),
    ]


# -- x/y and breakdowns -----------------------------------------------------------------------------------------


def test_x_of_y_figures_take_their_subject_as_breakdown(run):
    result = run(
        "UBND các cấp đã công nhận 1.069/1.144 khu dân cư; 113/128 xã, 14/15 phường, 7/8 thị trấn; "
        "289/304 cơ quan, doanh nghiệp; 561/577 nhà trường đạt tiêu chuẩn “An toàn về an ninh trật tự”."
    )
    assert figures_of(result) == [
        ("safety_certified", "residential_area", 1069, 1144, "exact"),
        ("safety_certified", "commune", 113, 128, "exact"),
        ("safety_certified", "ward", 14, 15, "exact"),
        ("safety_certified", "township", 7, 8, "exact"),
        ("safety_certified", "agency_or_enterprise", 289, 304, "exact"),
        ("safety_certified", "school", 561, 577, "exact"),
    ]


def test_a_fraction_is_never_a_date_and_a_cued_date_is_never_a_fraction(run):
    result = run("Sáng 27/3, hội nghị ghi nhận 17/48 cơ quan đăng ký xây dựng mô hình an toàn.")
    assert figures_of(result) == [("units_registered_for_safety_certification", "agency", 17, 48, "exact")]
    assert (result.conference.held_on.day, result.conference.held_on.month) == (27, 3)


def test_whole_population_has_no_breakdown_and_keeps_it_for_the_same_total(run):
    result = run(
        "Có 48/48 cơ quan, doanh nghiệp, nhà trường xây dựng lực lượng bảo vệ chuyên trách. "
        "Toàn huyện có 17/48 cơ quan đăng ký xây dựng mô hình an toàn."
    )
    assert figures_of(result) == [
        ("units_with_security_force", None, 48, 48, "exact"),
        ("units_registered_for_safety_certification", None, 17, 48, "exact"),
    ]
    assert result.figures[1].notes  # says why the breakdown was dropped


def test_block_inside_the_noun_phrase_is_the_breakdown(run):
    result = run(
        "Toàn tỉnh có 31 mô hình tự quản. Trong đó có 13 loại mô hình trong khối cơ quan, "
        "8 loại mô hình trong khối doanh nghiệp."
    )
    assert figures_of(result) == [
        ("self_management_models", None, 31, None, "exact"),
        ("self_management_models", "agency", 13, None, "exact"),
        ("self_management_models", "enterprise", 8, None, "exact"),
    ]


def test_participants_belong_to_the_activity_before_them(run):
    sessions = run("Đã tổ chức 3.071 buổi tuyên truyền với hơn 740.000 người tham gia.")
    meetings = run("Đã tổ chức 698 hội nghị/116.869 lượt người tham gia.")
    assert [f.indicator for f in sessions.figures] == ["propaganda_sessions", "propaganda_participants"]
    assert [f.indicator for f in meetings.figures] == ["community_conferences", "community_conference_participants"]


def test_participants_without_an_activity_are_not_guessed(run):
    result = run("Có 5.000 người tham gia buổi lễ.")
    assert result.figures == []
    assert [u.value for u in result.unclassified] == [5000]


def test_counted_occurrences_are_certifications_granted(run):
    result = run("Toàn tỉnh có 4.589 lượt cơ quan, doanh nghiệp, nhà trường được công nhận đạt tiêu chuẩn an toàn.")
    assert figures_of(result) == [("safety_certifications_granted", None, 4589, None, "exact")]


def test_tips_and_valuable_tips_and_news_items_are_told_apart(run):
    result = run(
        "Đăng gần 4.000 lượt tin, bài, phóng sự; cung cấp hơn 10.000 tin; trong đó có hơn 8.000 tin có giá trị."
    )
    assert [f.indicator for f in result.figures] == ["news_items", "tips_provided", "valuable_tips"]


# -- words that are not figures ----------------------------------------------------------------------------------


def test_hang_nghin_is_not_a_figure_and_says_so(run):
    result = run("Các địa phương đã tổ chức hàng nghìn buổi tuyên truyền.")
    assert result.figures == []
    assert len(result.notes) == 1 and "hàng nghìn buổi tuyên truyền" in result.notes[0]


def test_spelled_out_numbers_before_a_catalogue_noun(run):
    result = run("Xã đã xây dựng được ba mô hình tự quản mới.")
    assert figures_of(result) == [("self_management_models", None, 3, None, "exact")]


def test_mot_so_and_nam_are_not_numbers(run):
    result = run("Một số mô hình tự quản hoạt động hiệu quả trong năm 2020.")
    assert result.figures == []


# -- award tallies ------------------------------------------------------------------------------------------------


def test_award_phrase_with_two_recipient_kinds_gives_two_tallies(run):
    result = run("Nhân dịp này, 26 tập thể, 28 cá nhân được nhận Bằng khen của Chủ tịch UBND tỉnh.")
    assert tallies_of(result) == [
        ("provincial_chair", "certificate_of_merit", "collective", 26, "exact"),
        ("provincial_chair", "certificate_of_merit", "individual", 28, "exact"),
    ]
    assert result.figures == []


def test_collectives_and_individuals_together_give_one_mixed_tally(run):
    result = run("UBND huyện đã tặng giấy khen cho 12 tập thể, cá nhân có thành tích xuất sắc.")
    assert tallies_of(result) == [("district_people_committee", "letter_of_commendation", "mixed", 12, "exact")]


def test_issuer_carries_over_to_the_next_form_in_the_clause(run):
    result = run("Chủ tịch UBND tỉnh tặng cờ thi đua cho 3 tập thể, bằng khen cho 9 cá nhân và tập thể.")
    assert tallies_of(result) == [
        ("provincial_chair", "emulation_flag", "collective", 3, "exact"),
        ("provincial_chair", "certificate_of_merit", "mixed", 9, "exact"),
    ]


def test_authorities_named_together_are_the_combined_issuer(run):
    result = run(
        "Công bố quyết định khen thưởng của Bộ Công an, UBND Thành phố và Giám đốc Công an cho hơn 2.700 đơn vị, cá nhân."
    )
    assert tallies_of(result) == [("ministry_city_chair_and_police_director", "mixed", "mixed", 2700, "more_than")]


def test_a_deputy_handing_over_is_not_the_issuer_and_a_repeated_award_is_proposed_once(run):
    result = run(
        "Đồng chí Phó Chủ tịch Thường trực UBND tỉnh trao Cờ thi đua cho 3 tập thể.\n"
        "Nhân dịp này, Chủ tịch UBND tỉnh tặng cờ thi đua cho 3 tập thể."
    )
    assert tallies_of(result) == [("provincial_chair", "emulation_flag", "collective", 3, "exact")]
    assert result.tallies[0].notes


def test_text_without_diacritics_is_read_too(run):
    result = run("Nhan dip nay, 5 tap the, 7 ca nhan duoc nhan Bang khen cua Giam doc Cong an tinh.")
    assert tallies_of(result) == [
        ("provincial_police_director", "certificate_of_merit", "collective", 5, "exact"),
        ("provincial_police_director", "certificate_of_merit", "individual", 7, "exact"),
    ]


def test_diacritics_matter_when_the_text_has_them(run):
    # "công nhân" (workers) is not "công nhận" (certified)
    result = run("Có 120 cơ quan có công nhân viên tham gia.")
    assert result.figures == []


# -- conference facts ---------------------------------------------------------------------------------------------


def test_conference_date_kind_programme_and_period(run):
    result = run(
        "Ngày 14-01-2021, Ban Chỉ đạo 138 tỉnh tổ chức hội nghị triển khai chương trình công tác xây dựng "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2021.\nNăm 2020, toàn tỉnh tổ chức 698 hội nghị."
    )
    facts = result.conference
    assert facts.held_on == datetime.date(2021, 1, 14) and not facts.held_on_inferred
    assert facts.kind == "launch"
    assert facts.programme == "TDBVANTQ-annual"
    assert (facts.period.start, facts.period.end, facts.period.label) == (
        datetime.date(2020, 1, 1),
        datetime.date(2020, 12, 31),
        "2020",
    )


def test_year_left_out_is_inferred_and_marked(run):
    result = run("Sáng 11-9, Ban Chỉ đạo tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị số 07 giai đoạn 2014- 2019.")
    facts = result.conference
    assert facts.held_on == datetime.date(2019, 9, 11) and facts.held_on_inferred
    assert facts.held_on_span.text == "11-9"
    assert facts.kind == "interim_review" and facts.programme == "CT07-2014"
    assert (facts.period.start, facts.period.end, facts.period.label) == (
        datetime.date(2014, 8, 15),
        datetime.date(2019, 8, 15),
        "2014-2019",
    )


def test_year_inferred_from_the_publication_date_and_capped_by_the_reference_date(run):
    published = run("16:53 | 27/03/2018\nSáng 27/3, Công an TP Hà Nội tổ chức Hội nghị tổng kết phong trào năm 2017.")
    assert published.conference.held_on == datetime.date(2018, 3, 27)
    assert published.conference.published_on == datetime.date(2018, 3, 27)
    assert published.conference.kind == "annual_summary"
    assert published.conference.period.label == "2017"
    capped = run("Sáng 20-12, hội nghị tổng kết năm 2023 được tổ chức.", reference_date=datetime.date(2023, 6, 1))
    assert capped.conference.held_on == datetime.date(2022, 12, 20)


def test_the_date_of_a_directive_is_not_the_conference_date(run):
    result = run("Huyện tổ chức sơ kết 05 năm thực hiện Chỉ thị 07 ngày 15/8/2014 của Bộ Công an.")
    assert result.conference.held_on is None
    assert result.conference.programme == "CT07-2014"


def test_school_year_is_kept_on_the_figure(run):
    result = run("Năm học 2019-2020, có 561/577 nhà trường đạt tiêu chuẩn an toàn.")
    assert result.figures[0].period_label == "năm học 2019-2020"


def test_places_named_in_the_text(run):
    result = run("Ban Chỉ đạo 138 tỉnh Thanh Hóa và Chủ tịch UBND tỉnh Nguyễn Đình Xứng, huyện Thạnh Phú.")
    assert [(p.name, p.level) for p in result.conference.places] == [
        ("Thanh Hóa", "province"),
        ("Thạnh Phú", "district"),
    ]


# -- spans --------------------------------------------------------------------------------------------------------


def test_spans_are_exact_offsets_into_the_original_text(run):
    text = "Trong năm, thu hồi hơn 300 viên đạn; Bằng khen của UBND tỉnh cho 5 tập thể.\r\nTổng cộng gần 30kg thuốc nổ."
    result = run(text)
    for item in [*result.figures, *result.tallies]:
        assert text[item.span.start : item.span.end] == item.span.text
    assert [f.span.text for f in result.figures] == ["hơn 300 viên đạn", "gần 30kg thuốc nổ"]
    assert result.tallies[0].span.text == "5 tập thể"


def test_spans_survive_decomposed_unicode_and_old_tone_marks(run):
    import unicodedata

    text = unicodedata.normalize("NFD", "Toàn tỉnh có 31 mô hình tự quản; chuyển hoá 9 địa bàn phức tạp.")
    result = run(text)
    assert [f.indicator for f in result.figures] == ["self_management_models", "complex_areas_transformed"]
    for figure in result.figures:
        assert text[figure.span.start : figure.span.end] == figure.span.text
        assert unicodedata.normalize("NFC", figure.span.text) in ("31 mô hình tự quản", "9 địa bàn phức tạp")


def test_the_catalogue_is_data(catalogue):
    text = "Đã phát 250 tờ rơi."
    assert extract(text, catalogue).figures == []
    extended = Catalogue(
        indicators=[*catalogue.indicators, IndicatorPhrase("tờ rơi", "banners_and_slogans")],
        breakdowns=catalogue.breakdowns,
        issuers=catalogue.issuers,
        forms=catalogue.forms,
        programmes=catalogue.programmes,
        programme_info=catalogue.programme_info,
    )
    assert figures_of(extract(text, extended)) == [("banners_and_slogans", None, 250, None, "exact")]


def test_empty_text_gives_nothing(run):
    result = run("")
    assert (result.figures, result.tallies, result.notes) == ([], [], [])
    assert result.to_dict()["conference"]["held_on"] is None


def test_lines_broken_inside_a_sentence_are_read_as_one_sentence(run):
    text = "Trong năm, đã tổ chức 1.236 cuộc\r\ntuyên truyền với hơn 5.000 người\r\ntham gia.\r\nNăm 2024 tiếp tục."
    result = run(text)
    assert figures_of(result) == [
        ("propaganda_sessions", None, 1236, None, "exact"),
        ("propaganda_participants", None, 5000, None, "more_than"),
    ]
    assert result.figures[0].span.text == "1.236 cuộc\r\ntuyên truyền"
