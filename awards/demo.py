"""Demo data of this app: a few certifications of the movement demo units in various statuses, two
recognition decisions, two award decisions with recipients named after demo units, the 100-point rating
scheme of Quyết định 510/QĐ-BCA-V05 (2022) with its bands, and a few ratings.

Everything here is ILLUSTRATION: decision numbers start with "DEMO-" and carry a note saying so. The
rating bands are a summary to check against the decision (editable in the admin). Idempotent: rows are
found by their natural keys before anything is created."""

import datetime
from decimal import Decimal

from django.utils import timezone

from awards.models import (
    AwardDecision,
    AwardRecipient,
    CertificationCriterionResult,
    CriteriaSet,
    MovementRating,
    RatingBand,
    RatingScheme,
    RecognitionDecision,
    SafetyCertification,
    SubjectKind,
)
from awards.periods import parse_period
from awards.services import criteria_set_in_force
from movement.demo import legacy_area
from movement.models import AdministrativeUnit as AU
from movement.models import Unit
from reports.models import AwardForm, Conference, IssuingAuthority, Programme

DEMO_NOTE = "Dữ liệu minh họa (demo), không phải văn bản thật."

SCHEME_510 = {
    "code": "qd510-2022",
    "name_vi": "Tiêu chí đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc (thang 100 điểm)",
    "name_en": "Criteria for rating the all-people national-security movement (100-point scale)",
    "legal_basis": "Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng Bộ Công an",
    "issued_on": datetime.date(2022, 1, 20),
    "valid_from": datetime.date(2022, 1, 20),
    "max_score": Decimal("100"),
    "is_summary": True,
    "note": (
        "Nhãn và ngưỡng điểm là tóm tắt để minh họa, chưa đối chiếu nguyên văn Quyết định 510/QĐ-BCA-V05; "
        "các tỉnh có thể ban hành biến thể. Sửa trong trang quản trị."
    ),
}
BANDS_510 = [
    ("excellent", "Xuất sắc", "Excellent", Decimal("90")),
    ("good", "Khá", "Good", Decimal("70")),
    ("average", "Trung bình", "Average", Decimal("50")),
    ("weak", "Yếu", "Weak", Decimal("0")),
]

# (unit name, or (province, district, commune) for a commune), period, final status, recognition key
CERTIFICATIONS = [
    ("Trường THPT Đào Duy Từ", "2018-2019", "recognised", "th-city"),
    ("Sở Giáo dục và Đào tạo tỉnh Thanh Hóa", "2019", "approved", None),
    ("Công ty TNHH Lọc hóa dầu Nghi Sơn", "2019", "submitted", None),
    (("38", "Nghi Sơn", "Hải Thượng"), "2019", "submitted", None),
    ("Thôn Long Đại, xã Vạn Ninh", "2019", "recognised", "van-ninh"),
    ("Trường THPT Lương Thế Vinh", "2018-2019", "registered", None),
    ("Bệnh viện Đa khoa tỉnh Vĩnh Phúc", "2019", "rejected", None),
    ("Trường THPT Lê Hoàng Chiếu", "2018-2019", "recognised", "thanh-phu"),
    ("Công ty Honda Việt Nam", "2023", "registered", None),
]

RECOGNITIONS = {
    "th-city": (
        "DEMO-01/QĐ-UBND",
        datetime.date(2019, 8, 20),
        "Chủ tịch UBND thành phố Thanh Hóa",
        ("38", "Thanh Hóa"),
    ),
    "van-ninh": (
        "DEMO-02/QĐ-UBND",
        datetime.date(2019, 11, 15),
        "Chủ tịch UBND xã Vạn Ninh",
        ("44", "Quảng Ninh", "Vạn Ninh"),
    ),
    "thanh-phu": ("DEMO-03/QĐ-UBND", datetime.date(2019, 8, 25), "Chủ tịch UBND huyện Thạnh Phú", ("83", "Thạnh Phú")),
}

AWARDS = [
    {
        "number": "DEMO-3210/QĐ-UBND",
        "signed_on": datetime.date(2019, 9, 11),
        "authority": "provincial_chair",
        "form": "certificate_of_merit",
        "signer_title": "Chủ tịch UBND tỉnh Thanh Hóa",
        "achievement": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, "
        "doanh nghiệp, nhà trường, giai đoạn 2014-2019",
        "area": ("38",),
        "programme": "CT07-2014",
        "conference_title": "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 07/CT-BCA-V28 tỉnh Thanh Hóa",
        "period": (2014, 2019),
        "status": AwardDecision.Status.ISSUED,
        "recipients": [
            "Trường THPT Đào Duy Từ",
            "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
            "Công ty TNHH Lọc hóa dầu Nghi Sơn",
        ],
    },
    {
        "number": "DEMO-45/QĐ-CAT",
        "signed_on": datetime.date(2019, 12, 10),
        "authority": "provincial_police_director",
        "form": "letter_of_commendation",
        "signer_title": "Giám đốc Công an tỉnh Quảng Bình",
        "achievement": "Đã có thành tích trong xây dựng khu dân cư “An toàn về an ninh, trật tự” năm 2019",
        "area": ("44",),
        "programme": "TDBVANTQ-annual",
        "conference_title": None,
        "period": (2019, 2019),
        "status": AwardDecision.Status.DRAFT,
        "recipients": ["Thôn Long Đại, xã Vạn Ninh", "Trường THPT Lương Thế Vinh"],
    },
]

# (unit name or commune key, year, self score, approved score or None)
RATINGS = [
    (("44", "Quảng Ninh", "Vạn Ninh"), 2022, Decimal("92"), Decimal("92")),
    ("Thôn Long Đại, xã Vạn Ninh", 2023, Decimal("78"), None),
    (("38", "Nghi Sơn", "Hải Thượng"), 2023, Decimal("85"), None),
]


def rating_scheme_510() -> RatingScheme:
    scheme, _ = RatingScheme.objects.get_or_create(code=SCHEME_510["code"], defaults=SCHEME_510)
    for code, label_vi, label_en, min_score in BANDS_510:
        RatingBand.objects.get_or_create(
            scheme=scheme, code=code, defaults={"label_vi": label_vi, "label_en": label_en, "min_score": min_score}
        )
    return scheme


def _subject(key):
    """(unit, commune) for a unit name or a (province, district, commune) key."""
    if isinstance(key, tuple):
        return None, legacy_area(*key)
    return Unit.objects.select_related("area").filter(name=key).order_by("id").first(), None


def _area(key: tuple) -> AU:
    """A legacy province by its code, or a district/commune by (province code, district, commune)."""
    if len(key) == 1:
        return AU.objects.get(generation=AU.Generation.LEGACY, level=AU.Level.PROVINCE, code=key[0])
    return legacy_area(*key)


def _recognition(key) -> RecognitionDecision:
    number, signed_on, issuer, area_key = RECOGNITIONS[key]
    area = _area(area_key)
    decision, _ = RecognitionDecision.objects.get_or_create(
        number=number, area=area, defaults={"signed_on": signed_on, "issuer": issuer, "note": DEMO_NOTE}
    )
    return decision


def _certification(key, period_text, status, recognition_key, created) -> None:
    unit, commune = _subject(key)
    if unit is None and commune is None:
        return
    kind = unit.kind if unit else SubjectKind.COMMUNE
    area = unit.area if unit else commune
    period = parse_period(period_text, subject_kind=kind)
    subject = {"unit": unit} if unit else {"commune": commune}
    if SafetyCertification.objects.filter(**subject, period_kind=period.kind, period_start=period.start).exists():
        return
    criteria_set: CriteriaSet = criteria_set_in_force(subject_kind=kind, day=period.start)
    now = timezone.now()
    certification = SafetyCertification(
        subject_kind=kind,
        area=area,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        year=period.year,
        criteria_set=criteria_set,
        status=status,
        **subject,
    )
    if status != "registered":
        certification.submitted_at = now
    if status in ("approved", "rejected", "recognised"):
        certification.reviewed_at = now
    if status == "rejected":
        certification.rejection_reason = "Chưa có biên bản họp khu dân cư kèm theo (minh họa)."
    if status == "recognised":
        certification.recognition_decision = _recognition(recognition_key)
        certification.recognised_at = now
    certification.full_clean()
    certification.save()
    filled = status != "registered"
    CertificationCriterionResult.objects.bulk_create(
        [
            CertificationCriterionResult(
                certification=certification,
                criterion=criterion,
                is_met=True if filled else None,
                evidence_note=f"Minh họa: hồ sơ tiêu chí {criterion.number}" if filled else "",
            )
            for criterion in criteria_set.criteria.all()
        ]
    )
    created["certifications"] += 1


def _award(spec, created) -> None:
    area = _area(spec["area"])
    if AwardDecision.objects.filter(number=spec["number"], area=area).exists():
        return
    conference = None
    if spec["conference_title"]:
        conference = Conference.objects.filter(title__startswith=spec["conference_title"], area=area).first()
    decision = AwardDecision(
        number=spec["number"],
        signed_on=spec["signed_on"],
        issuing_authority=IssuingAuthority.objects.get(code=spec["authority"]),
        signer_title=spec["signer_title"],
        form=AwardForm.objects.get(code=spec["form"]),
        achievement=spec["achievement"],
        area=area,
        programme=Programme.objects.filter(code=spec["programme"]).first(),
        conference=conference,
        period_from=spec["period"][0],
        period_to=spec["period"][1],
        source=DEMO_NOTE,
        status=spec["status"],
        issued_at=timezone.now() if spec["status"] == AwardDecision.Status.ISSUED else None,
    )
    decision.full_clean()
    decision.save()
    for order, name in enumerate(spec["recipients"], start=1):
        unit = Unit.objects.filter(name=name).select_related("area").order_by("id").first()
        AwardRecipient.objects.create(
            decision=decision,
            order=order,
            kind="collective",
            name_as_printed=name,
            unit=unit,
            area=unit.area if unit else None,
        )
    created["award_decisions"] += 1


def _rating(key, year, self_score, score, scheme, created) -> None:
    unit, commune = _subject(key)
    if unit is None and commune is None:
        return
    subject = {"unit": unit} if unit else {"commune": commune}
    if MovementRating.objects.filter(**subject, year=year, scheme=scheme).exists():
        return
    rating = MovementRating(
        subject_kind=unit.kind if unit else SubjectKind.COMMUNE,
        area=unit.area if unit else commune,
        year=year,
        scheme=scheme,
        self_score=self_score,
        score=score,
        status=MovementRating.Status.APPROVED if score is not None else MovementRating.Status.SELF_SCORED,
        approved_at=timezone.now() if score is not None else None,
        note=DEMO_NOTE,
        **subject,
    )
    rating.full_clean()
    rating.band = scheme.band_for(score if score is not None else self_score)
    rating.save()
    created["ratings"] += 1


def load(*, stdout=None, verbosity=1) -> dict:
    created = {"certifications": 0, "award_decisions": 0, "ratings": 0}
    for key, period, status, recognition in CERTIFICATIONS:
        _certification(key, period, status, recognition, created)
    for spec in AWARDS:
        _award(spec, created)
    scheme = rating_scheme_510()
    for key, year, self_score, score in RATINGS:
        _rating(key, year, self_score, score, scheme, created)
    if stdout and verbosity:
        stdout.write(f"awards: {created}")
    return created
