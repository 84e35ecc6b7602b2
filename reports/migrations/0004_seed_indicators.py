"""Seed the breakdown and indicator catalogues with every indicator of the seed reports' figures
(reference data, editable in the admin)."""

from django.db import migrations

BLOCKS = ["agency", "enterprise", "school", "hospital", "residential_area"]
AREA_KINDS = ["commune", "ward", "township", "special_zone"]

BREAKDOWNS = [
    ("agency", "Khối cơ quan", "Agencies", 10),
    ("enterprise", "Khối doanh nghiệp", "Enterprises", 20),
    ("agency_or_enterprise", "Cơ quan, doanh nghiệp (không tách)", "Agencies and enterprises (not split)", 25),
    ("school", "Khối nhà trường", "Schools", 30),
    ("hospital", "Bệnh viện", "Hospitals", 40),
    ("residential_area", "Khu dân cư", "Residential areas", 50),
    ("commune", "Xã", "Communes", 60),
    ("ward", "Phường", "Wards", 70),
    ("township", "Thị trấn", "Townships", 80),
    ("special_zone", "Đặc khu", "Special zones", 90),
]

# code, name_vi, name_en, unit_vi, unit_en, group, takes_out_of, allows_decimals, breakdowns
INDICATORS = [
    ("propaganda_sessions", "Buổi tuyên truyền", "Propaganda sessions", "buổi", "sessions", "propaganda",
     False, False, BLOCKS),
    ("propaganda_participants", "Lượt người tham gia tuyên truyền", "Propaganda participants", "người", "people",
     "propaganda", False, False, BLOCKS),
    ("banners_and_slogans", "Băng rôn, khẩu hiệu, pa nô", "Banners, slogans and posters", "cái", "items",
     "propaganda", False, False, BLOCKS),
    ("news_items", "Tin, bài, phóng sự, bản tin", "News items, articles and reports", "lượt", "items",
     "propaganda", False, False, []),
    ("community_conferences", "Hội nghị thông báo phương thức, thủ đoạn phạm tội",
     "Community meetings on crime methods and prevention", "hội nghị", "meetings", "propaganda", False, False,
     BLOCKS),
    ("community_conference_participants", "Lượt người dự hội nghị thông báo phương thức, thủ đoạn phạm tội",
     "Participants in community meetings", "lượt người", "attendances", "propaganda", False, False, BLOCKS),
    ("tips_provided", "Tin báo cung cấp cho lực lượng Công an", "Tips given to the police", "tin", "tips",
     "tips", False, False, BLOCKS),
    ("valuable_tips", "Tin có giá trị", "Valuable tips", "tin", "tips", "tips", False, False, BLOCKS),
    ("self_management_models", "Mô hình tự quản về an ninh, trật tự", "Self-management models for security and order",
     "mô hình", "models", "models", False, False, BLOCKS),
    ("model_host_units", "Cơ quan, doanh nghiệp, nhà trường áp dụng mô hình",
     "Agencies, enterprises and schools applying the models", "đơn vị", "units", "models", False, False, BLOCKS),
    ("movement_models", "Mô hình trong phong trào toàn dân bảo vệ an ninh Tổ quốc", "Movement models",
     "mô hình", "models", "models", False, False, BLOCKS),
    ("new_movement_models", "Mô hình được xây dựng mới trong kỳ", "Movement models newly built in the period",
     "mô hình", "models", "models", False, False, BLOCKS),
    ("fire_prevention_models", "Mô hình về phòng cháy, chữa cháy", "Fire-prevention models", "mô hình", "models",
     "models", False, False, BLOCKS),
    ("areas_with_safety_models", "Địa bàn có mô hình an toàn về an ninh, trật tự",
     "Areas with security-and-order safety models", "địa bàn", "areas", "models", False, False, []),
    ("units_with_security_force", "Cơ quan, doanh nghiệp, nhà trường có lực lượng bảo vệ chuyên trách, bán chuyên trách",
     "Agencies, enterprises and schools with a full-time or part-time security force", "đơn vị", "units",
     "security_force", True, False, ["agency", "enterprise", "agency_or_enterprise", "school", "hospital"]),
    ("units_registered_for_safety_certification", "Đơn vị đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
     "Units registered for the security-and-order safety standard", "đơn vị", "units", "certification", True, False,
     [*BLOCKS, "agency_or_enterprise", *AREA_KINDS]),
    ("safety_certified", "Đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
     "Certified safe for security and order", "đơn vị", "units", "certification", True, False,
     [*BLOCKS, "agency_or_enterprise", *AREA_KINDS]),
    ("safety_certifications_granted", "Lượt công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
     "Safety certifications granted (unit-years)", "lượt", "certifications", "certification", False, False,
     [*BLOCKS, "agency_or_enterprise", *AREA_KINDS]),
    ("military_guns_surrendered", "Súng quân dụng thu hồi, giao nộp", "Military guns handed in", "khẩu", "guns",
     "weapons", False, False, []),
    ("homemade_guns_surrendered", "Súng tự chế thu hồi, giao nộp", "Home-made guns handed in", "khẩu", "guns",
     "weapons", False, False, []),
    ("military_ammunition_surrendered", "Đạn quân dụng thu hồi, giao nộp", "Military ammunition handed in", "viên",
     "rounds", "weapons", False, False, []),
    ("explosives_surrendered_kg", "Thuốc nổ thu hồi, giao nộp", "Explosives handed in", "kg", "kg", "weapons",
     False, True, []),
    ("fireworks_surrendered_boxes", "Pháo thu hồi, giao nộp", "Fireworks handed in", "hộp", "boxes", "weapons",
     False, False, []),
    ("complex_areas_transformed", "Địa bàn phức tạp về trật tự, an toàn xã hội được chuyển hóa",
     "Complex areas for social order transformed", "địa bàn", "areas", "transformation", True, False, []),
]


def seed(apps, schema_editor):
    Breakdown = apps.get_model("reports", "Breakdown")
    Indicator = apps.get_model("reports", "Indicator")
    breakdowns = {}
    for code, name_vi, name_en, rank in BREAKDOWNS:
        breakdowns[code], _ = Breakdown.objects.update_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "rank": rank}
        )
    for rank, row in enumerate(INDICATORS, start=1):
        code, name_vi, name_en, unit_vi, unit_en, group, takes_out_of, allows_decimals, allowed = row
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={"name_vi": name_vi, "name_en": name_en, "unit_vi": unit_vi, "unit_en": unit_en,
                      "group": group, "takes_out_of": takes_out_of, "allows_decimals": allows_decimals,
                      "allows_total": True, "rank": rank * 10},
        )
        indicator.breakdowns.set([breakdowns[c] for c in allowed])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_conferences")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
