"""Demo data of this app: a few units in the seed reports' areas, and the four named models of the
Quảng Bình report (reports/demo_data/reports.json, `named_models`) placed in their legacy communes.
Idempotent: rows are found by name and area before anything is created."""

from movement.models import AdministrativeUnit as AU
from movement.models import Block, SelfManagementModel, SelfManagementModelType, Unit
from movement.text import fold

MODEL_TYPES = [
    ("residential_self_management", "Mô hình tự quản ở khu dân cư"),
    ("fireworks_free_village", "Thôn, xóm nói không với pháo"),
    ("safe_transport_team", "Đội, nhóm tự quản về trật tự an toàn giao thông"),
    ("youth_security_club", "Câu lạc bộ thanh niên xung kích bảo đảm an ninh, trật tự"),
    ("agency_self_protection", "Tổ bảo vệ an ninh, trật tự trong cơ quan, doanh nghiệp"),
]

# (province code, district short name, commune short name or None, kind, name, extra)
DEMO_UNITS = [
    (
        "38",
        "Thanh Hóa",
        "Đông Vệ",
        Unit.Kind.SCHOOL,
        "Trường THPT Đào Duy Từ",
        {"school_level": Unit.SchoolLevel.UPPER_SECONDARY, "security_force": Unit.SecurityForce.PART_TIME},
    ),
    (
        "38",
        "Thanh Hóa",
        "Điện Biên",
        Unit.Kind.AGENCY,
        "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
        {"security_force": Unit.SecurityForce.PART_TIME},
    ),
    (
        "38",
        "Nghi Sơn",
        "Hải Thượng",
        Unit.Kind.ENTERPRISE,
        "Công ty TNHH Lọc hóa dầu Nghi Sơn",
        {"enterprise_size": Unit.EnterpriseSize.LARGE, "security_force": Unit.SecurityForce.FULL_TIME},
    ),
    (
        "38",
        "Thanh Hóa",
        "Đông Vệ",
        Unit.Kind.SCHOOL,
        "Trường Mầm non Đông Vệ",
        {"school_level": Unit.SchoolLevel.KINDERGARTEN},
    ),
    (
        "83",
        "Thạnh Phú",
        "Thạnh Phú",
        Unit.Kind.SCHOOL,
        "Trường THPT Lê Hoàng Chiếu",
        {"school_level": Unit.SchoolLevel.UPPER_SECONDARY, "security_force": Unit.SecurityForce.PART_TIME},
    ),
    (
        "83",
        "Thạnh Phú",
        "Thạnh Phú",
        Unit.Kind.AGENCY,
        "Ủy ban nhân dân huyện Thạnh Phú",
        {"security_force": Unit.SecurityForce.PART_TIME},
    ),
    (
        "26",
        "Vĩnh Yên",
        "Ngô Quyền",
        Unit.Kind.HOSPITAL,
        "Bệnh viện Đa khoa tỉnh Vĩnh Phúc",
        {"security_force": Unit.SecurityForce.FULL_TIME},
    ),
    (
        "26",
        "Bình Xuyên",
        None,
        Unit.Kind.ENTERPRISE,
        "Công ty Honda Việt Nam",
        {"enterprise_size": Unit.EnterpriseSize.LARGE, "security_force": Unit.SecurityForce.FULL_TIME},
    ),
    (
        "44",
        "Ba Đồn",
        None,
        Unit.Kind.SCHOOL,
        "Trường THPT Lương Thế Vinh",
        {"school_level": Unit.SchoolLevel.UPPER_SECONDARY, "security_force": Unit.SecurityForce.PART_TIME},
    ),
    ("44", "Quảng Ninh", "Vạn Ninh", Unit.Kind.RESIDENTIAL_AREA, "Thôn Long Đại, xã Vạn Ninh", {}),
    (
        "01",
        "Ba Đình",
        "Phúc Xá",
        Unit.Kind.HOSPITAL,
        "Bệnh viện Đa khoa Xanh Pôn",
        {"security_force": Unit.SecurityForce.FULL_TIME},
    ),
]

# The four named models of the Quảng Bình report: (name, type, block, district, commune, host unit, place)
NAMED_MODELS = [
    (
        "Khu dân cư không có thanh niên mắc tệ nạn xã hội",
        "residential_self_management",
        Block.RESIDENTIAL,
        "Quảng Ninh",
        "Vạn Ninh",
        None,
        "xã Vạn Ninh, huyện Quảng Ninh",
    ),
    (
        "Thôn nói không với pháo",
        "fireworks_free_village",
        Block.RESIDENTIAL,
        "Ba Đồn",
        "Quảng Văn",
        None,
        "xã Quảng Văn, thị xã Ba Đồn",
    ),
    ("Đội xe du lịch an toàn", "safe_transport_team", Block.ENTERPRISE, "Đồng Hới", None, None, "thành phố Đồng Hới"),
    (
        "Câu lạc bộ thanh niên xung kích bảo đảm trật tự an toàn giao thông",
        "youth_security_club",
        Block.SCHOOL,
        "Ba Đồn",
        None,
        "Trường THPT Lương Thế Vinh",
        "Trường THPT Lương Thế Vinh, thị xã Ba Đồn",
    ),
]


def legacy_area(province_code: str, district_short: str, commune_short: str | None = None) -> AU:
    province = AU.objects.get(generation=AU.Generation.LEGACY, level=AU.Level.PROVINCE, code=province_code)
    district = AU.objects.get(parent=province, search_name__endswith=fold(district_short))
    if commune_short is None:
        return district
    return AU.objects.get(parent=district, search_name__endswith=fold(commune_short))


def load(*, stdout=None, verbosity=1) -> dict:
    created = {"units": 0, "model_types": 0, "models": 0}
    types = {}
    for code, name in MODEL_TYPES:
        types[code], made = SelfManagementModelType.objects.get_or_create(code=code, defaults={"name": name})
        created["model_types"] += made
    units = {}
    for province, district, commune, kind, name, extra in DEMO_UNITS:
        area = legacy_area(province, district, commune)
        unit = Unit.objects.filter(name=name, area=area).first()
        if unit is None:
            unit = Unit(name=name, area=area, kind=kind, **extra)
            unit.search_name = fold(name)
            unit.full_clean()
            unit.save()
            created["units"] += 1
        units[name] = unit
    for name, type_code, block, district, commune, host, place in NAMED_MODELS:
        area = legacy_area("44", district, commune)
        if SelfManagementModel.objects.filter(name=name, area=area).exists():
            continue
        model = SelfManagementModel(
            name=name, type=types[type_code], block=block, area=area, place_as_printed=place, is_exemplary=True
        )
        model.search_name = fold(name)
        model.full_clean()
        model.save()
        if host:
            model.host_units.add(units[host])
        created["models"] += 1
    if stdout and verbosity:
        stdout.write(f"movement: {created}")
    return created
