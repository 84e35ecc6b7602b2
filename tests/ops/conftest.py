import pytest

from tests.ops.helpers import with_password


@pytest.fixture
def make_signed_user(make_user):
    """make_user, with the password stored (for sign-in and force_login tests)."""

    def _make(*args, **kwargs):
        return with_password(make_user(*args, **kwargs))

    return _make
