"""Seed the programme, award-form and issuing-authority catalogues (reference data, editable in the admin)."""

import datetime

from django.db import migrations

PROGRAMMES = [
    ("CT07-2014", "Chỉ thị số 07/CT-BCA-V28 về đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, "
     "doanh nghiệp, nhà trường", "Directive 07/CT-BCA-V28 on the movement in agencies, enterprises and schools",
     "07/CT-BCA-V28", "Bộ trưởng Bộ Công an", datetime.date(2014, 8, 15), 5, False),
    ("CT06-2025", "Chỉ thị số 06/CT-BCA-V05 về tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong "
     "cơ quan, doanh nghiệp, nhà trường", "Directive 06/CT-BCA-V05 continuing the movement in agencies, enterprises "
     "and schools", "06/CT-BCA-V05", "Bộ trưởng Bộ Công an", datetime.date(2025, 5, 7), 5, False),
    ("TDBVANTQ-annual", "Phong trào toàn dân bảo vệ an ninh Tổ quốc (tổng kết hằng năm)",
     "All-people national-security movement (yearly review)", "", "", None, 1, True),
]

FORMS = [
    ("emulation_flag", "Cờ thi đua", "Emulation flag", 10),
    ("certificate_of_merit", "Bằng khen", "Certificate of merit", 20),
    ("letter_of_commendation", "Giấy khen", "Letter of commendation", 30),
    ("mixed", "Nhiều hình thức (không tách)", "Several forms (not split)", 90),
]

LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)
FIRST_2025_DAY = datetime.date(2025, 7, 1)
AUTHORITIES = [
    ("minister_of_public_security", "Bộ trưởng Bộ Công an", "Minister of Public Security", "central",
     ["emulation_flag", "certificate_of_merit"], None, None),
    ("ministry_of_public_security", "Bộ Công an", "Ministry of Public Security", "central",
     ["emulation_flag", "certificate_of_merit"], None, None),
    ("provincial_chair", "Chủ tịch UBND tỉnh", "Chair of the provincial People's Committee", "province",
     ["emulation_flag", "certificate_of_merit"], None, None),
    ("provincial_people_committee", "UBND tỉnh", "Provincial People's Committee", "province",
     ["emulation_flag", "certificate_of_merit"], None, None),
    ("provincial_police_director", "Giám đốc Công an tỉnh", "Director of the provincial police", "province",
     ["letter_of_commendation"], None, None),
    ("district_people_committee", "UBND huyện", "District People's Committee", "district",
     ["letter_of_commendation"], None, LAST_DISTRICT_DAY),
    ("district_chair", "Chủ tịch UBND huyện", "Chair of the district People's Committee", "district",
     ["letter_of_commendation"], None, LAST_DISTRICT_DAY),
    ("district_police_chief", "Trưởng Công an huyện", "Chief of the district police", "district",
     ["letter_of_commendation"], None, LAST_DISTRICT_DAY),
    ("commune_chair", "Chủ tịch UBND xã", "Chair of the commune People's Committee", "commune",
     ["letter_of_commendation"], None, None),
    ("ministry_and_provincial_chair", "Bộ Công an và UBND tỉnh", "Ministry of Public Security and the provincial "
     "People's Committee", "combined", ["certificate_of_merit"], None, None),
    ("ministry_city_chair_and_police_director", "Bộ Công an, UBND thành phố và Giám đốc Công an thành phố",
     "Ministry of Public Security, the city People's Committee and the city police director", "combined",
     ["emulation_flag", "certificate_of_merit", "letter_of_commendation", "mixed"], None, None),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("reports", "Programme")
    AwardForm = apps.get_model("reports", "AwardForm")
    IssuingAuthority = apps.get_model("reports", "IssuingAuthority")
    for code, title, title_en, number, issuer, issued_on, years, recurring in PROGRAMMES:
        Programme.objects.update_or_create(
            code=code,
            defaults={"title": title, "title_en": title_en, "document_number": number, "issuer": issuer,
                      "issued_on": issued_on, "review_period_years": years, "is_recurring": recurring},
        )
    forms = {}
    for code, name_vi, name_en, rank in FORMS:
        forms[code], _ = AwardForm.objects.update_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "rank": rank}
        )
    for code, name_vi, name_en, level, form_codes, valid_from, valid_until in AUTHORITIES:
        authority, _ = IssuingAuthority.objects.update_or_create(
            code=code,
            defaults={"name_vi": name_vi, "name_en": name_en, "level": level, "valid_from": valid_from,
                      "valid_until": valid_until, "legal_basis": "Luật Thi đua, khen thưởng số 06/2022/QH15"},
        )
        authority.forms.set([forms[c] for c in form_codes])


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_catalogues")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
