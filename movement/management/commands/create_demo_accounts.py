"""Create one demo account per role, only where no account holds that role yet. DEMO ONLY: the
password is public (README); never run this on a real deployment."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from movement.models import AdministrativeUnit as AU
from movement.models import Role, RoleAssignment

DEMO_PASSWORD = "demo-2025"  # noqa: S105 - demo accounts only, documented in the README

# username, role, (generation, level, code) of the area or None, full name, is_staff
DEMO_ACCOUNTS = [
    ("nhaplieu", Role.DATA_ENTRY, (AU.Generation.Y2025, AU.Level.PROVINCE, "38"), "Cán bộ nhập liệu (demo)", False),
    ("pheduyet", Role.APPROVER, (AU.Generation.Y2025, AU.Level.PROVINCE, "38"), "Cán bộ phê duyệt (demo)", False),
    ("congan", Role.POLICE_REVIEWER, (AU.Generation.Y2025, AU.Level.PROVINCE, "38"), "Cán bộ công an (demo)", False),
    ("xem", Role.VIEWER, (AU.Generation.Y2025, AU.Level.PROVINCE, "44"), "Người xem (demo)", False),
    ("quantri", Role.NATIONAL_ADMIN, None, "Quản trị toàn quốc (demo)", True),
]


class Command(BaseCommand):
    help = "Create one demo account per role (demo only; see README)."

    @transaction.atomic
    def handle(self, *args, verbosity=1, **options):
        User = get_user_model()
        for username, role, area_key, full_name, is_staff in DEMO_ACCOUNTS:
            if RoleAssignment.objects.filter(role=role).exists() or User.objects.filter(username=username).exists():
                continue
            area = None
            if area_key:
                area = AU.objects.get(generation=area_key[0], level=area_key[1], code=area_key[2])
            first, _, last = full_name.partition(" ")
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=is_staff,
                is_superuser=is_staff,
            )
            RoleAssignment.objects.create(user=user, role=role, area=area)
            if verbosity:
                self.stdout.write(f"demo account {username} ({role}) on {area or 'whole country'}")
