"""A small world for the trust tests (permission matrix, fuzzing, lost updates): one user per role on
2025 Thanh Hóa (province code 38, which also covers legacy Thanh Hóa), and the same records in every
state on both sides of the scope line: in scope (legacy Thanh Hóa) and out of scope (Hà Nội, 01).

Records are built through the services, like a user would, by helper users (`_builder_*`) that are not
among the roles tested."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model

from awards import services as awards
from awards.demo import rating_scheme_510
from awards.models import SafetyCertification
from movement import services as movement
from movement.models import AdministrativeUnit as AU
from movement.models import AuditEvent, Block, Role, RoleAssignment, SelfManagementModelType, Unit
from reports import services as reports
from reports.models import AwardForm, IssuingAuthority

PASSWORD = "trust-pass-2025"  # noqa: S105 - test accounts only
ROLES = [Role.DATA_ENTRY, Role.APPROVER, Role.POLICE_REVIEWER, Role.VIEWER, Role.NATIONAL_ADMIN]
SCOPES = ["in", "out"]


@dataclass
class Side:
    """The records of one side of the scope line (in: Thanh Hóa, out: Hà Nội)."""

    province: AU  # 2025 province
    legacy: AU  # legacy province
    commune: AU  # a legacy commune
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


@dataclass
class World:
    users: dict  # role → user on 2025 Thanh Hóa (national_admin: no area)
    sides: dict  # "in" / "out" → Side
    builders: dict = field(default_factory=dict)


def _user(username: str, role: str, area: AU | None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=role, area=area)
    return user


def _results(certification):
    return [
        {"number": c.number, "is_met": True, "evidence_note": f"Biên bản số {c.number}"}
        for c in certification.criteria_set.criteria.all()
    ]


def _side(key: str, code: str) -> Side:
    province = AU.objects.get(generation="2025", level="province", code=code)
    legacy = AU.objects.get(generation="legacy", level="province", code=code)
    commune = AU.objects.filter(path__startswith=legacy.path, level="commune").order_by("path").first()
    return Side(province=province, legacy=legacy, commune=commune)


def _fill(side: Side, tag: str) -> None:
    """Every record kind in every state the matrix needs, in this side's area."""
    clerk = _user(f"_builder_clerk_{tag}", Role.DATA_ENTRY, side.province)
    approver = _user(f"_builder_approver_{tag}", Role.APPROVER, side.province)
    police = _user(f"_builder_police_{tag}", Role.POLICE_REVIEWER, side.province)
    o = side.objects
    o["builders"] = {"data_entry": clerk, "approver": approver, "police_reviewer": police}

    # movement: a unit and a self-management model
    o["unit"] = movement.unit_create(
        actor=clerk, area=side.commune, kind=Unit.Kind.AGENCY, name=f"Sở Tư pháp thử nghiệm {tag}"
    )
    o["school"] = movement.unit_create(
        actor=clerk,
        area=side.commune,
        kind=Unit.Kind.SCHOOL,
        name=f"Trường THPT thử nghiệm {tag}",
        school_level=Unit.SchoolLevel.UPPER_SECONDARY,
    )
    model_type, _created = SelfManagementModelType.objects.get_or_create(
        code="trust-test", defaults={"name": "Tổ tự quản"}
    )
    o["model"] = movement.self_management_model_create(
        actor=clerk, area=side.commune, name=f"Tổ tự quản thử nghiệm {tag}", type=model_type, block=Block.RESIDENTIAL
    )

    # reports: conferences in each status
    def conference(title):
        return reports.conference_create(
            actor=clerk,
            programme="CT07-2014",
            kind="interim_review",
            title=f"{title} {tag}",
            area=side.legacy,
            held_on=datetime.date(2019, 9, 11),
            period_start=datetime.date(2014, 8, 15),
            period_end=datetime.date(2019, 8, 15),
            period_label="2014-2019",
            figures=[
                {"indicator": "propaganda_sessions", "value": 3071},
                {"indicator": "tips_provided", "value": 10000, "qualifier": "more_than"},
            ],
            tallies=[
                {
                    "issuer": "provincial_chair",
                    "form": "certificate_of_merit",
                    "recipient_kind": "collective",
                    "count": 26,
                }
            ],
        )

    o["conference_draft"] = conference("Bản nháp")
    submitted = reports.conference_submit(actor=clerk, conference=conference("Đã gửi"))
    o["conference_submitted"] = submitted
    approved = reports.conference_approve(
        actor=approver, conference=reports.conference_submit(actor=clerk, conference=conference("Đã duyệt"))
    )
    o["conference_approved"] = approved
    published = reports.conference_publish(
        actor=approver,
        conference=reports.conference_approve(
            actor=approver, conference=reports.conference_submit(actor=clerk, conference=conference("Đã công bố"))
        ),
    )
    o["conference_published"] = published
    for key in ("conference_draft", "conference_submitted", "conference_approved", "conference_published"):
        o[key].refresh_from_db()
    o["figure"] = o["conference_draft"].figures.order_by("pk").first()
    o["tally"] = o["conference_draft"].tallies.first()

    # awards: certifications in each status, a recognition decision
    def certification(unit_name):
        unit = movement.unit_create(actor=clerk, area=side.commune, kind=Unit.Kind.AGENCY, name=f"{unit_name} {tag}")
        return awards.certification_register(actor=clerk, unit=unit, period="2020")

    o["certification_draft"] = certification("Cơ quan đăng ký")
    submitted = certification("Cơ quan đã gửi")
    o["certification_submitted"] = awards.certification_submit(
        actor=clerk, certification=submitted, results=_results(submitted)
    )
    approved = certification("Cơ quan đã duyệt")
    approved = awards.certification_submit(actor=clerk, certification=approved, results=_results(approved))
    o["certification_approved"] = awards.certification_approve(actor=police, certification=approved)
    recognised = certification("Cơ quan đã công nhận")
    recognised = awards.certification_submit(actor=clerk, certification=recognised, results=_results(recognised))
    recognised = awards.certification_approve(actor=police, certification=recognised)
    o["recognition_decision"] = awards.recognition_decision_create(
        actor=police,
        number=f"12/QĐ-UBND-{tag}",
        signed_on=datetime.date(2021, 1, 15),
        issuer="Chủ tịch UBND xã",
        certifications=[recognised],
    )
    o["certification_recognised"] = SafetyCertification.objects.get(pk=recognised.pk)

    # awards: award decisions (draft with recipients, issued)
    def decision(number):
        return awards.award_decision_create(
            actor=clerk,
            area=side.legacy,
            number=f"{number}/QĐ-UBND-{tag}",
            signed_on=datetime.date(2019, 9, 11),
            issuing_authority=IssuingAuthority.objects.get(code="provincial_chair"),
            signer_name="Nguyễn Văn A",
            signer_title="Chủ tịch UBND tỉnh",
            form=AwardForm.objects.get(code="certificate_of_merit"),
            achievement="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
            period_from=2014,
            period_to=2019,
            recipients=[
                {"kind": "collective", "name_as_printed": f"Sở Tư pháp {tag}", "unit": o["unit"]},
                {"kind": "individual", "name_as_printed": "Ông Lê Văn B", "title_as_printed": "Trưởng thôn"},
            ],
        )

    o["award_draft"] = decision("3210")
    o["recipient"] = o["award_draft"].recipients.order_by("pk").first()
    o["award_issued"] = awards.award_decision_issue(actor=approver, decision=decision("3211"))

    # attached files: an internal one of the draft report, a public one of the issued decision
    from django.core.files.base import ContentFile

    from awards.attachments import attachment_add

    pdf = b"%PDF-1.4\n%%EOF\n"
    o["conference_file"] = attachment_add(
        actor=clerk, kind="conference", record=o["conference_draft"], uploaded=ContentFile(pdf, name="a.pdf")
    )
    o["award_file"] = attachment_add(
        actor=clerk, kind="award", record=o["award_issued"], uploaded=ContentFile(pdf, name="b.pdf"), is_public=True
    )

    # awards: ratings (self-scored, approved)
    rating_scheme_510()
    o["rating_self_scored"] = awards.rating_create(
        actor=clerk, commune=side.commune, year=2023, self_score=Decimal("91")
    )
    rated = awards.rating_create(actor=clerk, unit=o["unit"], year=2023, self_score=Decimal("80"))
    o["rating_approved"] = awards.rating_approve(actor=police, rating=rated)

    # ops: an audit event of this side
    o["audit_event"] = AuditEvent.objects.filter(area__path__startswith=side.legacy.path).order_by("pk").first()


def build_world() -> World:
    """Needs the hierarchy and the catalogues (programmes, award forms, issuers) in the database."""
    sides = {"in": _side("in", "38"), "out": _side("out", "01")}
    for key, side in sides.items():
        _fill(side, "TH" if key == "in" else "HN")
    users = {
        role: _user(f"trust_{role}", role, None if role == Role.NATIONAL_ADMIN else sides["in"].province)
        for role in ROLES
    }
    return World(users=users, sides=sides)
