"""Paragraphs written for issue 18 in the style of provincial, district and commune reports (not copied from any
article), each with what a clerk would enter from it. They cover the kinds of misses the issue lists: newly built
read as a total, a label before the number, percentages, certification headlines, places taken for award
recipients, mixed award forms, mixed groups of units and the indicators the catalogue lacked.

A figure is (indicator, breakdown, value, out_of, qualifier, unit) with unit "%" for percentages and "" otherwise;
a tally is (issuer, form, recipient kind, count, qualifier). `score(run)` gives recall and precision over all the
paragraphs; tests/extraction/test_unseen_clerk.py asserts each paragraph and prints the score
(`.venv/bin/pytest tests/extraction/test_unseen_clerk.py -q -s`)."""

from collections import Counter
from decimal import Decimal

PARAGRAPHS = [
    {
        "name": "new_vs_total_models",
        "text": (
            "Năm 2024, các xã, thị trấn trên địa bàn huyện đã xây dựng mới 125 mô hình tự quản về an ninh, trật tự, "
            "nâng tổng số lên 1.530 mô hình; phát triển mới 40 mô hình, điển hình tiên tiến trong phong trào."
        ),
        "figures": [
            ("new_self_management_models", None, 125, None, "exact", ""),
            ("self_management_models", None, 1530, None, "exact", ""),
            ("new_movement_models", None, 40, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "newly_founded_groups",
        "text": (
            "Công an tỉnh phối hợp với Mặt trận Tổ quốc các cấp thành lập mới 37 tổ an ninh tự quản ở các khu "
            "nhà trọ, khu công nghiệp; đến cuối năm toàn tỉnh duy trì hoạt động hiệu quả 2.214 mô hình tự quản."
        ),
        "figures": [
            ("new_self_management_models", None, 37, None, "exact", ""),
            ("self_management_models", None, 2214, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "label_before_number",
        "text": (
            "Qua các kênh tiếp nhận, quần chúng nhân dân đã cung cấp cho lực lượng Công an trên 9.600 tin; "
            "trong đó nguồn tin có giá trị khoảng 4.100 tin, phục vụ tốt công tác đấu tranh, phòng ngừa tội phạm."
        ),
        "figures": [
            ("tips_provided", None, 9600, None, "more_than", ""),
            ("valuable_tips", None, 4100, None, "about", ""),
        ],
        "tallies": [],
    },
    {
        "name": "percentages",
        "text": (
            "Hưởng ứng phong trào, khoảng 85% hộ gia đình trên địa bàn đã ký cam kết không vi phạm pháp luật, "
            "không để người thân mắc tệ nạn xã hội. Ở thị trấn, 3.912 hộ gia đình ký cam kết, đạt 92,5%."
        ),
        "figures": [
            ("households_pledged_rate", None, Decimal("85"), None, "about", "%"),
            ("households_pledged_rate", None, Decimal("92.5"), None, "exact", "%"),
        ],
        "tallies": [],
    },
    {
        "name": "certification_headline",
        "text": (
            "Thái Bình: Hơn 2.870 cơ quan, doanh nghiệp, trường học đạt tiêu chí “An toàn về an ninh, trật tự”\n"
            "Năm 2023, toàn tỉnh có 412 khu dân cư được công nhận đạt danh hiệu “Khu dân cư an toàn về an ninh, "
            "trật tự”."
        ),
        "figures": [
            ("safety_certified", None, 2870, None, "more_than", ""),
            ("safety_certified", "residential_area", 412, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "places_are_not_recipients",
        "text": (
            "Công nhận 41 đơn vị đạt chuẩn an toàn về an ninh, trật tự\n"
            "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm nay được tổ chức điểm tại 54 xã, phường và 12 đơn vị; "
            "Công an tỉnh trao tặng 320 suất quà cho các hộ gia đình khó khăn. Dịp này, Giám đốc Công an tỉnh "
            "tặng Giấy khen cho 9 tập thể."
        ),
        "figures": [],
        "tallies": [("provincial_police_director", "letter_of_commendation", "collective", 9, "exact")],
    },
    {
        "name": "gifts_are_not_awards",
        "text": (
            "Nhân dịp Tết, Ban Chỉ đạo huyện đã đến thăm, tặng quà cho 46 gia đình chính sách và trao 20 suất "
            "học bổng cho học sinh nghèo vượt khó."
        ),
        "figures": [],
        "tallies": [],
    },
    {
        "name": "mixed_award_forms",
        "text": (
            "Trong 5 năm qua, đã có gần 240 Kỷ niệm chương, giấy khen được trao cho các tập thể, cá nhân có thành "
            "tích xuất sắc trong phong trào."
        ),
        "figures": [],
        "tallies": [(None, "mixed", "mixed", 240, "nearly")],
    },
    {
        "name": "mixed_groups",
        "text": (
            "Đến nay, toàn tỉnh có 1.260 khu dân cư, xã, thị trấn đạt chuẩn “An toàn về an ninh, trật tự”; "
            "2.870 cơ quan, doanh nghiệp, cơ sở kinh tế được công nhận an toàn về an ninh, trật tự."
        ),
        "figures": [
            ("safety_certified", None, 1260, None, "exact", ""),
            ("safety_certified", None, 2870, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "gangs_cases_arrests",
        "text": (
            "Từ nguồn tin do quần chúng cung cấp, lực lượng Công an đã triệt phá 57 băng, nhóm tội phạm, khám "
            "phá 316 vụ án, bắt giữ 742 đối tượng phạm tội."
        ),
        "figures": [
            ("criminal_gangs_dismantled", None, 57, None, "exact", ""),
            ("cases_solved_from_tips", None, 316, None, "exact", ""),
            ("people_arrested_from_tips", None, 742, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "tips_then_results",
        "text": (
            "Năm 2022, Nhân dân đã cung cấp 1.845 tin báo về an ninh, trật tự. Qua xác minh, Công an huyện đã "
            "điều tra, làm rõ 64 vụ việc và bắt 91 đối tượng; triệt xóa 6 ổ nhóm tội phạm ma túy."
        ),
        "figures": [
            ("tips_provided", None, 1845, None, "exact", ""),
            ("cases_solved_from_tips", None, 64, None, "exact", ""),
            ("people_arrested_from_tips", None, 91, None, "exact", ""),
            ("criminal_gangs_dismantled", None, 6, None, "exact", ""),
        ],
        "tallies": [],
    },
    {
        "name": "commune_summary_with_awards",
        "text": (
            "Sáng 18/12/2023, UBND xã Quảng Phú tổ chức hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ "
            "quốc năm 2023. Trong năm, xã thành lập mới 3 mô hình tự quản, nâng tổng số mô hình lên 21 mô hình; "
            "Nhân dân cung cấp 58 tin, trong đó tin có giá trị 19 tin. Chủ tịch UBND xã tặng giấy khen cho 5 "
            "tập thể, 8 cá nhân."
        ),
        "figures": [
            ("new_self_management_models", None, 3, None, "exact", ""),
            ("self_management_models", None, 21, None, "exact", ""),
            ("tips_provided", None, 58, None, "exact", ""),
            ("valuable_tips", None, 19, None, "exact", ""),
        ],
        "tallies": [
            ("commune_chair", "letter_of_commendation", "collective", 5, "exact"),
            ("commune_chair", "letter_of_commendation", "individual", 8, "exact"),
        ],
    },
]


def figure_key(figure) -> tuple:
    unit = getattr(figure, "unit", "")
    return (
        figure.indicator,
        figure.breakdown or None,
        Decimal(figure.value),
        None if figure.out_of is None else Decimal(figure.out_of),
        figure.qualifier,
        unit,
    )


def expected_figures(paragraph) -> Counter:
    return Counter(
        (i, b, Decimal(v), None if o is None else Decimal(o), q, u) for i, b, v, o, q, u in paragraph["figures"]
    )


def tally_key(tally) -> tuple:
    return (tally.issuer, tally.form, tally.recipient_kind, tally.count, tally.qualifier)


def score(run) -> dict:
    """Right, expected and proposed figures and tallies over every paragraph (multisets per paragraph)."""
    totals = Counter()
    for paragraph in PARAGRAPHS:
        result = run(paragraph["text"])
        for kind, expected, proposed in (
            ("figures", expected_figures(paragraph), Counter(figure_key(f) for f in result.figures)),
            ("tallies", Counter(paragraph["tallies"]), Counter(tally_key(t) for t in result.tallies)),
        ):
            totals[f"{kind}_expected"] += sum(expected.values())
            totals[f"{kind}_proposed"] += sum(proposed.values())
            totals[f"{kind}_right"] += sum((expected & proposed).values())
    return totals


def describe(totals) -> str:
    right = totals["figures_right"] + totals["tallies_right"]
    expected = totals["figures_expected"] + totals["tallies_expected"]
    proposed = totals["figures_proposed"] + totals["tallies_proposed"]
    return (
        f"issue-18 paragraphs: recall {right / expected:.1%} ({right}/{expected}), "
        f"precision {right / proposed if proposed else 0:.1%} ({right}/{proposed}); "
        f"figures {totals['figures_right']}/{totals['figures_expected']} right of {totals['figures_proposed']} proposed, "
        f"tallies {totals['tallies_right']}/{totals['tallies_expected']} right of {totals['tallies_proposed']} proposed"
    )
