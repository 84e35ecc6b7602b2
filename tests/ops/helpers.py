PASSWORD = "secret-pass-123"


def with_password(user):
    """tests/factories.UserFactory sets the password without saving it; sign-in and force_login (whose
    session hash depends on the stored password) need it stored."""
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user
