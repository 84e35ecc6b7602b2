"""Word pools for plausible Vietnamese names of units, people and documents (synthetic, not real ones)."""

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao",
]  # fmt: skip
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Thu", "Hồng", "Công"]
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Lan", "Linh", "Long", "Mai",
    "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Tuấn", "Vân", "Yến",
    "Khánh", "Lộc", "Nhung", "Oanh", "Quý", "Thành", "Trung", "Việt",
]  # fmt: skip
TITLES = [
    "Trưởng thôn", "Tổ trưởng tổ dân phố", "Công an viên", "Bảo vệ chuyên trách", "Giáo viên",
    "Cán bộ Công an xã", "Đội trưởng đội tự quản", "Chủ nhiệm hợp tác xã", "Nhân viên bảo vệ",
    "Bí thư chi bộ", "Trưởng ban công tác Mặt trận", "Chi hội trưởng Hội Cựu chiến binh",
]  # fmt: skip

ENTERPRISE_TYPES = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Doanh nghiệp tư nhân", "Hợp tác xã"]
ENTERPRISE_WORDS = [
    "Thành Công", "Hưng Thịnh", "Phát Đạt", "An Phú", "Minh Long", "Hoàng Gia", "Việt Tiến", "Đại Dương",
    "Sao Mai", "Hòa Bình", "Tân Phát", "Phú Cường", "Nam Việt", "Bình Minh", "Kim Long", "Trường Sơn",
    "Thiên Phúc", "Quốc Thái", "Hồng Hà", "Phương Đông", "Trường Thịnh", "Đông Á", "Tiến Thành", "Vạn Lợi",
]  # fmt: skip
ENTERPRISE_TRADES = [
    "Xây dựng", "Thương mại", "May mặc", "Chế biến thủy sản", "Vận tải", "Cơ khí", "Dịch vụ", "Nông sản",
    "Điện tử", "Dệt may", "Chế biến gỗ", "Bao bì", "Thực phẩm", "Vật liệu xây dựng", "Da giày",
]  # fmt: skip
AGENCY_TYPES = [
    "Ủy ban nhân dân", "Trạm Y tế", "Bưu điện văn hóa", "Chi nhánh Ngân hàng Nông nghiệp", "Kho bạc Nhà nước",
    "Chi cục Thuế", "Hạt Kiểm lâm", "Trung tâm Văn hóa - Thể thao", "Điện lực", "Ban Quản lý chợ",
    "Đài Truyền thanh", "Phòng Giao dịch Ngân hàng Chính sách xã hội", "Trung tâm Hành chính công",
]  # fmt: skip
SCHOOL_PREFIXES = {
    "kindergarten": "Trường Mầm non",
    "primary": "Trường Tiểu học",
    "lower_secondary": "Trường THCS",
    "upper_secondary": "Trường THPT",
    "multi_level": "Trường TH&THCS",
    "vocational": "Trường Trung cấp nghề",
    "higher_education": "Trường Cao đẳng",
}
HOSPITAL_TYPES = ["Bệnh viện Đa khoa", "Trung tâm Y tế", "Phòng khám Đa khoa khu vực", "Bệnh viện Y học cổ truyền"]
HAMLET_WORDS = [
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tân Lập", "Phú Lợi", "An Hòa", "Bình An",
    "Hòa Bình", "Quyết Thắng", "Đoàn Kết", "Tiền Phong", "Thống Nhất",
]  # fmt: skip

NEWSPAPERS = ["Báo Công an nhân dân", "Cổng thông tin điện tử tỉnh", "Báo địa phương", "Trang tin Công an tỉnh"]

ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
    "Đã có thành tích xuất sắc trong thực hiện Chỉ thị 07/CT-BCA-V28, giai đoạn {period}",
    "Đã có thành tích trong công tác phòng ngừa, đấu tranh với tội phạm năm {year}",
    "Đã có thành tích xuất sắc trong xây dựng mô hình tự quản về an ninh, trật tự năm {year}",
]
REVIEW_NOTES = ["Đạt đủ tiêu chí.", "Hồ sơ đầy đủ, đạt yêu cầu.", "Đạt, đề nghị công nhận."]
REJECTION_REASONS = [
    "Trong năm để xảy ra trọng án trên địa bàn.",
    "Chưa đạt tiêu chí về xây dựng lực lượng bảo vệ.",
    "Hồ sơ tự đánh giá thiếu minh chứng.",
    "Để xảy ra cháy, nổ gây thiệt hại nghiêm trọng.",
]
REVOCATION_REASONS = [
    "Phát hiện vi phạm sau khi công nhận: để xảy ra vụ việc phức tạp về an ninh, trật tự.",
    "Hồ sơ đề nghị công nhận không trung thực.",
]
ANNULMENT_REASONS = ["Quyết định ban hành sai thẩm quyền.", "Trùng với quyết định đã ban hành trước đó."]
