"""How generated rows are recognised, so that `generate_national_dataset --reset` removes exactly them.

- Conferences, recognition decisions and award decisions are created by, and certifications registered by,
  the generator's own account (`synthetic-data`: inactive, no usable password); their children (figures,
  tallies, sources, transitions, recipients) go with them.
- Units have no author field: their address starts with UNIT_ADDRESS_MARK.
"""

from django.contrib.auth import get_user_model

GENERATOR_USERNAME = "synthetic-data"
UNIT_ADDRESS_MARK = "[Dữ liệu mô phỏng] "


def generator_user(*, create: bool = True):
    User = get_user_model()
    user = User.objects.filter(username=GENERATOR_USERNAME).first()
    if user is None and create:
        user = User(username=GENERATOR_USERNAME, is_active=False, first_name="Synthetic", last_name="data")
        user.set_unusable_password()
        user.save()
    return user
