"""Seed the criteria sets of the "An toàn về an ninh, trật tự" standard (reference data, editable in the admin).

Thông tư 23/2012/TT-BCA (27/4/2012) applied until Thông tư 124/2021/TT-BCA (28/12/2021) took effect on
10/2/2022. The criteria texts below are SHORT SUMMARIES written for the portal (is_summary=True), not the
legal wording: the residential-area set of Thông tư 124 follows the published article closely; the other
sets group the criteria by theme and must be checked against the official texts before relying on them.
The 2025 amendment for the two-tier local government is not seeded: its text was not available to
summarise honestly; add it in the admin (a set valid from 1/7/2025) when it is.
"""

import datetime

from django.db import migrations

TT23 = "Thông tư 23/2012/TT-BCA"
TT124 = "Thông tư 124/2021/TT-BCA"
TT23_ISSUED = datetime.date(2012, 4, 27)
TT23_UNTIL = datetime.date(2022, 2, 9)
TT124_ISSUED = datetime.date(2021, 12, 28)
TT124_FROM = datetime.date(2022, 2, 10)

NOTE_124 = (
    "Tóm tắt ngắn do cổng thông tin soạn, không phải nguyên văn Thông tư 124/2021/TT-BCA; "
    "đối chiếu với văn bản và sửa trong trang quản trị khi cần."
)
NOTE_23 = (
    "Tóm tắt theo nhóm nội dung do cổng thông tin soạn, chưa đối chiếu nguyên văn Thông tư 23/2012/TT-BCA; "
    "ngày có hiệu lực chưa ghi. Đối chiếu với văn bản và sửa trong trang quản trị trước khi dùng chính thức."
)

# Criteria shared in substance by both texts (security incidents), summarised once.
NO_SERIOUS_SECURITY_CASES = (
    "Không để xảy ra vụ việc nghiêm trọng về an ninh: hoạt động chống Đảng, chính quyền, phá hoại khối đại đoàn "
    "kết; phá hoại mục tiêu, công trình trọng điểm; tuyên truyền, phát triển đạo trái pháp luật; lợi dụng tín "
    "ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện gây phức tạp về an ninh, trật tự; tụ tập đông người trái "
    "pháp luật."
)

SETS = [
    # code, legal basis, issued on, subject kind, name_vi, name_en, valid_from, valid_until, note, criteria
    (
        "tt124-2021-residential-area",
        TT124,
        TT124_ISSUED,
        "residential_area",
        "Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)",
        "Residential area safe for security and order (Circular 124/2021/TT-BCA)",
        TT124_FROM,
        None,
        NOTE_124,
        [
            "Quý I hằng năm, chi bộ có nghị quyết, khu dân cư đăng ký phấn đấu đạt tiêu chuẩn; 100% hộ gia đình "
            "đang cư trú đăng ký tham gia xây dựng khu dân cư “An toàn về an ninh, trật tự”.",
            "Triển khai, thực hiện đầy đủ chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của "
            "địa phương về bảo đảm an ninh, trật tự.",
            NO_SERIOUS_SECURITY_CASES + " Không để xảy ra hoạt động ly khai, đòi tự trị; mâu thuẫn, tranh chấp "
            "phức tạp, kéo dài trong Nhân dân.",
            "Kiềm chế, kéo giảm tội phạm, tệ nạn xã hội, tai nạn giao thông, cháy, nổ và vi phạm pháp luật về "
            "trật tự, an toàn xã hội trên địa bàn (mức cụ thể theo văn bản).",
            "Các mô hình tự quản, tổ chức quần chúng tham gia bảo vệ an ninh, trật tự ở khu dân cư được duy trì, "
            "hoạt động hiệu quả; phối hợp tốt với lực lượng Công an.",
        ],
    ),
    (
        "tt124-2021-commune",
        TT124,
        TT124_ISSUED,
        "commune",
        "Xã, phường, thị trấn đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)",
        "Commune, ward or township safe for security and order (Circular 124/2021/TT-BCA)",
        TT124_FROM,
        None,
        NOTE_124,
        [
            "Đầu năm, cấp ủy có nghị quyết, chính quyền có kế hoạch bảo đảm an ninh, trật tự và xây dựng phong "
            "trào toàn dân bảo vệ an ninh Tổ quốc; đăng ký phấn đấu đạt tiêu chuẩn.",
            "Triển khai, thực hiện đầy đủ chủ trương, chính sách, pháp luật về bảo đảm an ninh, trật tự trên địa "
            "bàn.",
            NO_SERIOUS_SECURITY_CASES,
            "Kiềm chế, kéo giảm tội phạm, tệ nạn xã hội, tai nạn giao thông, cháy, nổ; giải quyết kịp thời mâu "
            "thuẫn, tranh chấp ngay tại cơ sở.",
            "Tỷ lệ khu dân cư trên địa bàn được công nhận “An toàn về an ninh, trật tự” đạt mức văn bản quy định.",
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc được duy trì và đánh giá, xếp loại theo quy định; các lực "
            "lượng tham gia bảo vệ an ninh, trật tự ở cơ sở hoạt động hiệu quả.",
        ],
    ),
    (
        "tt124-2021-agency-enterprise",
        TT124,
        TT124_ISSUED,
        "agency_enterprise",
        "Cơ quan, doanh nghiệp đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)",
        "Agency or enterprise safe for security and order (Circular 124/2021/TT-BCA)",
        TT124_FROM,
        None,
        NOTE_124,
        [
            "Có nghị quyết, kế hoạch về công tác bảo vệ an ninh, trật tự và xây dựng phong trào; đăng ký phấn đấu "
            "đạt tiêu chuẩn.",
            "Thực hiện đầy đủ quy định về bảo đảm an ninh, trật tự, bảo vệ bí mật nhà nước; có nội quy, quy chế "
            "bảo vệ cơ quan, doanh nghiệp.",
            NO_SERIOUS_SECURITY_CASES + " Không để xảy ra đình công, ngừng việc trái pháp luật.",
            "Không để xảy ra tội phạm, tệ nạn xã hội, cháy, nổ, tai nạn lao động nghiêm trọng trong cơ quan, "
            "doanh nghiệp.",
            "Lực lượng bảo vệ, tổ chức tự quản về an ninh, trật tự hoạt động hiệu quả; phối hợp tốt với lực lượng "
            "Công an.",
        ],
    ),
    (
        "tt124-2021-school",
        TT124,
        TT124_ISSUED,
        "school",
        "Cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)",
        "Educational institution safe for security and order (Circular 124/2021/TT-BCA)",
        TT124_FROM,
        None,
        NOTE_124,
        [
            "Có kế hoạch bảo đảm an ninh, trật tự trong cơ sở giáo dục; đăng ký phấn đấu đạt tiêu chuẩn.",
            "Thực hiện đầy đủ quy định về bảo đảm an ninh, trật tự, phòng, chống bạo lực học đường và tệ nạn xã "
            "hội trong cơ sở giáo dục.",
            NO_SERIOUS_SECURITY_CASES,
            "Không để cán bộ, giáo viên, người học vi phạm pháp luật nghiêm trọng hoặc mắc tệ nạn xã hội; không "
            "xảy ra bạo lực học đường, cháy, nổ nghiêm trọng.",
            "Các mô hình, tổ chức tự quản về an ninh, trật tự trong cơ sở giáo dục hoạt động hiệu quả; phối hợp "
            "tốt với Công an và chính quyền địa phương.",
        ],
    ),
    (
        "tt23-2012-residential-area",
        TT23,
        TT23_ISSUED,
        "residential_area",
        "Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 23/2012/TT-BCA)",
        "Residential area safe for security and order (Circular 23/2012/TT-BCA)",
        None,
        TT23_UNTIL,
        NOTE_23,
        [
            "Khu dân cư đăng ký phấn đấu đạt tiêu chuẩn; các hộ gia đình ký cam kết tham gia.",
            NO_SERIOUS_SECURITY_CASES,
            "Kiềm chế, kéo giảm tội phạm và tệ nạn xã hội trên địa bàn.",
            "Kiềm chế, kéo giảm tai nạn giao thông, cháy, nổ; bảo đảm trật tự công cộng.",
            "Có mô hình tự quản về an ninh, trật tự hoạt động hiệu quả; Nhân dân tích cực tham gia phong trào.",
        ],
    ),
    (
        "tt23-2012-commune",
        TT23,
        TT23_ISSUED,
        "commune",
        "Xã, phường, thị trấn đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 23/2012/TT-BCA)",
        "Commune, ward or township safe for security and order (Circular 23/2012/TT-BCA)",
        None,
        TT23_UNTIL,
        NOTE_23,
        [
            "Cấp ủy, chính quyền có nghị quyết, kế hoạch bảo đảm an ninh, trật tự; đăng ký phấn đấu đạt tiêu chuẩn.",
            NO_SERIOUS_SECURITY_CASES,
            "Kiềm chế, kéo giảm tội phạm, tệ nạn xã hội, tai nạn giao thông, cháy, nổ trên địa bàn.",
            "Tỷ lệ khu dân cư trên địa bàn đạt tiêu chuẩn “An toàn về an ninh, trật tự” đạt mức văn bản quy định.",
            "Lực lượng Công an xã và các lực lượng quần chúng tham gia bảo vệ an ninh, trật tự hoạt động hiệu quả.",
        ],
    ),
    (
        "tt23-2012-agency-enterprise",
        TT23,
        TT23_ISSUED,
        "agency_enterprise",
        "Cơ quan, doanh nghiệp đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 23/2012/TT-BCA)",
        "Agency or enterprise safe for security and order (Circular 23/2012/TT-BCA)",
        None,
        TT23_UNTIL,
        NOTE_23,
        [
            "Có kế hoạch bảo vệ an ninh, trật tự và xây dựng phong trào; đăng ký phấn đấu đạt tiêu chuẩn.",
            NO_SERIOUS_SECURITY_CASES,
            "Không để xảy ra tội phạm, tệ nạn xã hội, cháy, nổ, tai nạn lao động nghiêm trọng.",
            "Có nội quy, quy chế bảo vệ; lực lượng bảo vệ hoạt động hiệu quả, phối hợp tốt với Công an.",
        ],
    ),
    (
        "tt23-2012-school",
        TT23,
        TT23_ISSUED,
        "school",
        "Nhà trường đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 23/2012/TT-BCA)",
        "School safe for security and order (Circular 23/2012/TT-BCA)",
        None,
        TT23_UNTIL,
        NOTE_23,
        [
            "Có kế hoạch bảo đảm an ninh, trật tự trong nhà trường; đăng ký phấn đấu đạt tiêu chuẩn.",
            NO_SERIOUS_SECURITY_CASES,
            "Không để cán bộ, giáo viên, học sinh vi phạm pháp luật nghiêm trọng, mắc tệ nạn xã hội; không xảy "
            "ra bạo lực học đường nghiêm trọng.",
            "Có mô hình tự quản về an ninh, trật tự trong nhà trường hoạt động hiệu quả; phối hợp tốt với Công an "
            "và địa phương.",
        ],
    ),
]


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("awards", "CriteriaSet")
    Criterion = apps.get_model("awards", "Criterion")
    for code, basis, issued_on, kind, name_vi, name_en, valid_from, valid_until, note, criteria in SETS:
        criteria_set, _ = CriteriaSet.objects.update_or_create(
            code=code,
            defaults={
                "legal_basis": basis,
                "legal_basis_issued_on": issued_on,
                "subject_kind": kind,
                "name_vi": name_vi,
                "name_en": name_en,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "is_summary": True,
                "note": note,
            },
        )
        for number, text in enumerate(criteria, start=1):
            Criterion.objects.update_or_create(
                criteria_set=criteria_set, number=number, defaults={"text_vi": text, "is_summary": True}
            )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
