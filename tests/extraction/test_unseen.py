"""Report-like paragraphs the extractor was not built on (written for these tests, in the usual styles of
commune, district and provincial reports): it should still propose sensible figures and tallies."""

import datetime

import pytest

from extraction.engine import extract


@pytest.fixture
def run(catalogue):
    return lambda text, **kwargs: extract(text, catalogue, **kwargs)


def figures_of(result):
    return [(f.indicator, f.breakdown, int(f.value), f.out_of and int(f.out_of), f.qualifier) for f in result.figures]


def tallies_of(result):
    return [(t.issuer, t.form, t.recipient_kind, t.count, t.qualifier) for t in result.tallies]


def test_ward_annual_summary(run):
    result = run(
        "Sáng ngày 25/12/2022, Ban Chỉ đạo phường Đông Vệ tổ chức hội nghị tổng kết công tác xây dựng phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc năm 2022. Trong năm, phường đã tổ chức 46 buổi tuyên truyền, thu hút "
        "trên 5.200 lượt người tham gia; treo 120 băng rôn, khẩu hiệu. Nhân dân cung cấp 215 nguồn tin cho Công an "
        "phường, trong đó 87 tin có giá trị. Hiện có 12/12 khu dân cư được công nhận đạt chuẩn an toàn về an ninh, "
        "trật tự. Dịp này, Chủ tịch UBND phường tặng giấy khen cho 6 tập thể và 10 cá nhân."
    )
    assert figures_of(result) == [
        ("propaganda_sessions", None, 46, None, "exact"),
        ("propaganda_participants", None, 5200, None, "more_than"),
        ("banners_and_slogans", None, 120, None, "exact"),
        ("tips_provided", None, 215, None, "exact"),
        ("valuable_tips", None, 87, None, "exact"),
        ("safety_certified", "residential_area", 12, 12, "exact"),
    ]
    assert tallies_of(result) == [
        ("commune_chair", "letter_of_commendation", "collective", 6, "exact"),
        ("commune_chair", "letter_of_commendation", "individual", 10, "exact"),
    ]
    facts = result.conference
    assert (facts.held_on, facts.held_on_inferred) == (datetime.date(2022, 12, 25), False)
    assert (facts.kind, facts.programme, facts.period.label) == ("annual_summary", "TDBVANTQ-annual", "2022")
    assert [(p.name, p.level) for p in facts.places] == [("Đông Vệ", "commune")]


def test_weapons_handed_in(run):
    result = run(
        "Qua đợt vận động, người dân đã tự nguyện giao nộp 5 khẩu súng quân dụng, 41 súng tự chế, khoảng 1.500 "
        "viên đạn các loại, 12 kg vật liệu nổ và 350 hộp pháo nổ."
    )
    assert figures_of(result) == [
        ("military_guns_surrendered", None, 5, None, "exact"),
        ("homemade_guns_surrendered", None, 41, None, "exact"),
        ("military_ammunition_surrendered", None, 1500, None, "about"),
        ("explosives_surrendered_kg", None, 12, None, "exact"),
        ("fireworks_surrendered_boxes", None, 350, None, "exact"),
    ]


def test_enterprises_under_directive_07(run):
    result = run(
        "Thực hiện Chỉ thị 07 của Bộ Công an, đến nay có 215/230 doanh nghiệp xây dựng lực lượng bảo vệ chuyên "
        "trách; 64 doanh nghiệp đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”, trong đó 58 doanh "
        "nghiệp được công nhận. Các doanh nghiệp đã xây dựng 19 mô hình tự quản về an ninh, trật tự."
    )
    assert figures_of(result) == [
        ("units_with_security_force", "enterprise", 215, 230, "exact"),
        ("units_registered_for_safety_certification", "enterprise", 64, None, "exact"),
        ("safety_certified", "enterprise", 58, None, "exact"),
        ("self_management_models", None, 19, None, "exact"),
    ]
    assert result.conference.programme == "CT07-2014"


def test_awards_with_the_issuer_before_the_verb(run):
    result = run(
        "Tại hội nghị, 4 tập thể được Bộ trưởng Bộ Công an tặng Bằng khen; 15 tập thể, 20 cá nhân được Giám đốc "
        "Công an tỉnh tặng Giấy khen."
    )
    assert tallies_of(result) == [
        ("minister_of_public_security", "certificate_of_merit", "collective", 4, "exact"),
        ("provincial_police_director", "letter_of_commendation", "collective", 15, "exact"),
        ("provincial_police_director", "letter_of_commendation", "individual", 20, "exact"),
    ]


def test_vague_quantities_are_noted_not_proposed(run):
    result = run(
        "Hàng trăm lượt tin, bài đã được đăng tải; nhiều mô hình tự quản được nhân rộng. Sau 10 năm, phong trào "
        "có bước phát triển."
    )
    assert result.figures == [] and result.unclassified == []
    assert len(result.notes) == 2
    assert "Hàng trăm lượt tin, bài" in result.notes[0] and "nhiều mô hình tự quản" in result.notes[1]


def test_hospitals_and_schools_in_one_list(run):
    result = run(
        "Năm 2023, toàn thành phố có 35/40 bệnh viện và 412/450 trường học đạt tiêu chuẩn an toàn về an ninh, trật tự."
    )
    assert figures_of(result) == [
        ("safety_certified", "hospital", 35, 40, "exact"),
        ("safety_certified", "school", 412, 450, "exact"),
    ]


def test_percentages_and_money_are_not_figures(run):
    result = run("Tỷ lệ khu dân cư an toàn đạt 93,4 %; kinh phí hỗ trợ 500 triệu đồng.")
    assert result.figures == [] and result.tallies == []


def test_award_without_a_known_form_is_proposed_for_a_person_to_complete(run):
    result = run("Hội nghị đã biểu dương hai mươi tập thể có thành tích xuất sắc.")
    assert tallies_of(result) == [(None, None, "collective", 20, "exact")]
