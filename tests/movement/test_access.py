from movement.access import Capability, area_scope_q, has_capability, require_capability, role_paths
from movement.errors import PermissionDeniedError
from movement.models import AdministrativeUnit as AU
from movement.models import Role


def test_role_covers_the_unit_and_everything_below(make_user, thanh_hoa):
    user = make_user(Role.DATA_ENTRY, thanh_hoa)
    commune = AU.objects.filter(parent=thanh_hoa).first()
    assert has_capability(actor=user, area=commune, capability=Capability.CONFERENCES_EDIT)
    assert not has_capability(
        actor=user,
        area=AU.objects.get(generation="2025", level="province", code="01"),
        capability=Capability.CONFERENCES_EDIT,
    )


def test_2025_role_covers_the_legacy_provinces_it_took_over(make_user, area):
    phu_tho = area("25")
    user = make_user(Role.VIEWER, phu_tho)
    vinh_phuc = AU.objects.get(generation="legacy", level="province", code="26")
    assert has_capability(actor=user, area=vinh_phuc, capability=Capability.READ_UNPUBLISHED)
    assert sorted(role_paths(actor=user, capability=Capability.READ_UNPUBLISHED)) == ["L17/", "L25/", "L26/", "N25/"]


def test_capabilities_follow_the_role_table(make_user, thanh_hoa):
    viewer = make_user(Role.VIEWER, thanh_hoa)
    police = make_user(Role.POLICE_REVIEWER, thanh_hoa)
    assert not has_capability(actor=viewer, area=thanh_hoa, capability=Capability.UNITS_EDIT)
    assert has_capability(actor=police, area=thanh_hoa, capability=Capability.CERTIFICATIONS_REVIEW)
    assert not has_capability(actor=police, area=thanh_hoa, capability=Capability.CONFERENCES_APPROVE)


def test_national_admin_sees_everything(national_admin, ha_noi):
    assert area_scope_q(actor=national_admin, via="area").children == []
    require_capability(actor=national_admin, area=ha_noi, capability=Capability.AWARDS_ISSUE)


def test_require_capability_raises_permission_denied(make_user, thanh_hoa, ha_noi):
    user = make_user(Role.DATA_ENTRY, thanh_hoa)
    try:
        require_capability(actor=user, area=ha_noi, capability=Capability.UNITS_EDIT)
    except PermissionDeniedError:
        pass
    else:
        raise AssertionError("expected PermissionDeniedError")


def test_anonymous_has_no_scope(hierarchy):
    from django.contrib.auth.models import AnonymousUser

    assert role_paths(actor=AnonymousUser(), capability=Capability.READ_UNPUBLISHED) == []
    assert AU.objects.filter(area_scope_q(actor=AnonymousUser(), via="")).count() == 0
