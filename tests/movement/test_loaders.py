import pytest
from django.core.management import call_command

from movement.loaders import load_admin_units
from movement.models import AdministrativeUnit as AU
from movement.models import Succession
from movement.selectors import current_province_of


@pytest.mark.parametrize(
    ("generation", "level", "expected"),
    [
        ("legacy", "province", 63),
        ("legacy", "district", 696),
        ("legacy", "commune", 10035),
        ("2025", "province", 34),
        ("2025", "commune", 3321),
        ("2025", "district", 0),
    ],
)
def test_load_admin_units_gives_the_exact_counts(hierarchy, generation, level, expected):
    assert AU.objects.filter(generation=generation, level=level).count() == expected


def test_every_legacy_unit_has_a_2025_successor_and_one_default(hierarchy):
    assert not AU.objects.legacy().filter(successions__isnull=True).exists()
    legacy_count = AU.objects.legacy().count()
    assert Succession.objects.filter(is_default=True).values("predecessor").distinct().count() == legacy_count
    assert Succession.objects.filter(is_default=True).count() == legacy_count
    assert not Succession.objects.exclude(predecessor__generation="legacy").exists()
    assert not Succession.objects.exclude(successor__generation="2025").exists()


def test_island_districts_without_communes_became_special_zones(hierarchy):
    islands = AU.objects.legacy().filter(level="district", children__isnull=True)
    assert sorted(u.short_name for u in islands) == ["Bạch Long Vĩ", "Côn Đảo", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn"]
    for island in islands:
        successor = Succession.objects.get(predecessor=island, is_default=True).successor
        assert successor.kind == AU.Kind.SPECIAL_ZONE
        assert successor.short_name == island.short_name


@pytest.mark.parametrize(
    ("level", "code", "expected"),
    [
        ("district", "837", "Tỉnh Vĩnh Long"),  # Huyện Thạnh Phú, Bến Tre
        ("province", "26", "Tỉnh Phú Thọ"),  # Vĩnh Phúc
        ("province", "44", "Tỉnh Quảng Trị"),  # Quảng Bình
        ("province", "38", "Tỉnh Thanh Hóa"),
        ("province", "01", "Thành phố Hà Nội"),
    ],
)
def test_current_province_rolls_legacy_units_up(hierarchy, level, code, expected):
    unit = AU.objects.get(generation="legacy", level=level, code=code)
    province = current_province_of(unit=unit)
    assert province.name == expected
    assert province.generation == "2025" and province.level == "province"


def test_thanh_phu_is_the_district_of_ben_tre(hierarchy):
    unit = AU.objects.get(generation="legacy", level="district", code="837")
    assert unit.name == "Huyện Thạnh Phú" and unit.parent.name == "Tỉnh Bến Tre"


def test_paths_give_subtrees(hierarchy):
    ben_tre = AU.objects.get(generation="legacy", level="province", code="83")
    subtree = AU.objects.subtree(ben_tre)
    assert subtree.filter(level="district").count() == ben_tre.children.count()
    assert all(u.path.startswith("L83/") for u in subtree)
    assert not AU.objects.current().filter(path__startswith="L").exists()


def test_reload_adds_nothing(hierarchy, django_assert_max_num_queries):
    before = (AU.objects.count(), Succession.objects.count())
    report = load_admin_units()
    assert not report.changed
    assert (AU.objects.count(), Succession.objects.count()) == before


def test_reload_repairs_a_changed_row(hierarchy):
    unit = AU.objects.get(generation="2025", level="province", code="38")
    AU.objects.filter(pk=unit.pk).update(name="Sai tên")
    report = load_admin_units()
    assert report.updated[("2025", "province")] == 1
    unit.refresh_from_db()
    assert unit.name == "Tỉnh Thanh Hóa"


def test_dry_run_saves_nothing(hierarchy):
    AU.objects.filter(generation="2025", level="province", code="38").update(name="Sai tên")
    report = load_admin_units(dry_run=True)
    assert report.updated[("2025", "province")] == 1
    assert AU.objects.get(generation="2025", level="province", code="38").name == "Sai tên"


def test_command_prints_counts(hierarchy, capsys):
    call_command("load_admin_units", "--dry-run", "--no-progress")
    out = capsys.readouterr().out
    assert "legacy commune    10035" in out
    assert "Dry run" in out or "Chạy thử" in out
