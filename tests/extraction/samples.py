"""Three conference reports written for these tests in the style of provincial and district reports (our own
words and numbers, not copies of articles), with the figures and tallies a clerk would enter from each. The
extractor's behaviour tests use these on every machine; the scores on the five real reports
(test_seed_scores.py) need ../shared/seeds and are skipped without it."""

PROVINCE_REVIEW = {
    "name": "province_review",
    "text": (
        "Sáng 12-9, Ban Chỉ đạo 138 tỉnh Thanh Hóa tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 07 của Bộ Công "
        "an về đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường, giai "
        "đoạn 2014-2019.\n\n"
        "Theo báo cáo tại hội nghị, trong 5 năm, các cơ quan, doanh nghiệp, nhà trường trên địa bàn tỉnh đã phối "
        "hợp tổ chức 2.450 buổi tuyên truyền với hơn 512.000 người tham gia; treo gần 2.800 băng zôn, khẩu hiệu; "
        "đăng phát hơn 3.100 lượt tin, bài, phóng sự về phong trào.\n\n"
        "Toàn tỉnh xây dựng và duy trì 27 mô hình tự quản về ANTT, trong đó có 11 loại mô hình trong khối cơ quan, "
        "7 loại mô hình trong khối doanh nghiệp và 9 loại mô hình trong khối nhà trường, được áp dụng tại 290 cơ "
        "quan, doanh nghiệp, nhà trường. Qua các mô hình, cán bộ, công nhân viên và học sinh đã cung cấp cho lực "
        "lượng Công an hơn 9.200 tin, trong đó có hơn 6.500 tin có giá trị.\n\n"
        "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 18 tập thể và 21 cá nhân; Giám đốc Công an tỉnh tặng "
        "Giấy khen cho 30 tập thể và 44 cá nhân có thành tích xuất sắc trong phong trào."
    ),
    "conference": {"programme": "CT07-2014", "kind": "interim_review", "held_on": "2019-09-12"},
    "figures": [
        {"indicator": "propaganda_sessions", "value": 2450, "qualifier": "exact"},
        {"indicator": "propaganda_participants", "value": 512000, "qualifier": "more_than"},
        {"indicator": "banners_and_slogans", "value": 2800, "qualifier": "nearly"},
        {"indicator": "news_items", "value": 3100, "qualifier": "more_than"},
        {"indicator": "self_management_models", "value": 27, "qualifier": "exact"},
        {"indicator": "self_management_models", "breakdown": "agency", "value": 11, "qualifier": "exact"},
        {"indicator": "self_management_models", "breakdown": "enterprise", "value": 7, "qualifier": "exact"},
        {"indicator": "self_management_models", "breakdown": "school", "value": 9, "qualifier": "exact"},
        {"indicator": "model_host_units", "value": 290, "qualifier": "exact"},
        {"indicator": "tips_provided", "value": 9200, "qualifier": "more_than"},
        {"indicator": "valuable_tips", "value": 6500, "qualifier": "more_than"},
    ],
    "award_tallies": [
        {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "collective", "count": 18},
        {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "individual", "count": 21},
        {
            "issuer": "provincial_police_director",
            "form": "letter_of_commendation",
            "recipient_kind": "collective",
            "count": 30,
        },
        {
            "issuer": "provincial_police_director",
            "form": "letter_of_commendation",
            "recipient_kind": "individual",
            "count": 44,
        },
    ],
}

DISTRICT_REVIEW = {
    "name": "district_review",
    "text": (
        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "huyện Như Xuân vừa tổ chức sơ kết 05 năm thực hiện Chỉ thị 07 của Bộ Công an, giai đoạn 2014 - 2019.\n\n"
        "Đến nay, 36/36 cơ quan, doanh nghiệp, nhà trường trên địa bàn huyện đã xây dựng lực lượng bảo vệ chuyên "
        'trách, bán chuyên trách. Toàn huyện có 14/36 cơ quan đăng ký xây dựng mô hình "An toàn về an ninh trật '
        'tự"; hằng năm các đơn vị đều tự đánh giá, chấm điểm theo tiêu chí.\n\n'
        "Dịp này, Chủ tịch UBND huyện tặng giấy khen cho 9 tập thể, cá nhân có thành tích tiêu biểu."
    ),
    "conference": {"programme": "CT07-2014", "kind": "interim_review", "held_on": None},
    "figures": [
        {"indicator": "units_with_security_force", "value": 36, "out_of": 36, "qualifier": "exact"},
        {"indicator": "units_registered_for_safety_certification", "value": 14, "out_of": 36, "qualifier": "exact"},
    ],
    "award_tallies": [
        {"issuer": "district_chair", "form": "letter_of_commendation", "recipient_kind": "mixed", "count": 9}
    ],
}

ANNUAL_LAUNCH = {
    "name": "annual_launch",
    "text": (
        "Ngày 15-01-2021, Ban Chỉ đạo 138 tỉnh tổ chức hội nghị triển khai chương trình công tác xây dựng phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc năm 2021, tổng kết kết quả năm 2020.\n\n"
        "Năm 2020, toàn tỉnh tổ chức 540 hội nghị/98.320 lượt người tham gia ở các khu dân cư, cơ quan, doanh "
        "nghiệp, nhà trường để phổ biến phương thức, thủ đoạn của tội phạm và vận động nhân dân giao nộp vũ khí. "
        "Trong năm, người dân đã giao nộp 17 súng quân dụng, 190 súng tự chế, 420 viên đạn quân dụng, gần 25kg "
        "thuốc nổ và 140 hộp pháo.\n\n"
        'Các địa phương duy trì nhiều mô hình tiêu biểu như "Thôn nói không với pháo" ở xã Quảng Văn, "Đội xe '
        'ôm tự quản" ở thành phố Đồng Hới. Đến nay có 1.020/1.100 khu dân cư, 101/120 xã đạt tiêu chuẩn "An '
        'toàn về an ninh, trật tự".\n\n'
        "Tại hội nghị, Chủ tịch UBND tỉnh trao Cờ thi đua cho 2 tập thể và Bằng khen cho 12 tập thể có thành tích "
        "xuất sắc trong phong trào năm 2020."
    ),
    "conference": {"programme": "TDBVANTQ-annual", "kind": "launch", "held_on": "2021-01-15"},
    "figures": [
        {"indicator": "community_conferences", "value": 540, "qualifier": "exact"},
        {"indicator": "community_conference_participants", "value": 98320, "qualifier": "exact"},
        {"indicator": "military_guns_surrendered", "value": 17, "qualifier": "exact"},
        {"indicator": "homemade_guns_surrendered", "value": 190, "qualifier": "exact"},
        {"indicator": "military_ammunition_surrendered", "value": 420, "qualifier": "exact"},
        {"indicator": "explosives_surrendered_kg", "value": 25, "qualifier": "nearly"},
        {"indicator": "fireworks_surrendered_boxes", "value": 140, "qualifier": "exact"},
        {
            "indicator": "safety_certified",
            "breakdown": "residential_area",
            "value": 1020,
            "out_of": 1100,
            "qualifier": "exact",
        },
        {"indicator": "safety_certified", "breakdown": "commune", "value": 101, "out_of": 120, "qualifier": "exact"},
    ],
    "award_tallies": [
        {"issuer": "provincial_chair", "form": "emulation_flag", "recipient_kind": "collective", "count": 2},
        {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "collective", "count": 12},
    ],
}

SAMPLES = [PROVINCE_REVIEW, DISTRICT_REVIEW, ANNUAL_LAUNCH]
