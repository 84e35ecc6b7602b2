"""Browser tests run against pytest-django's live server, so their data is committed and flushed after
each test. They ask for serialized rollback (the catalogues seeded by migrations come back before each
one), and the module's end puts those catalogues back for the transactional tests that follow."""

import pytest
from django.db import connection


@pytest.fixture(scope="module", autouse=True)
def _restore_seeded_catalogues(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            from reports.models import Programme

            if not Programme.objects.exists():
                connection.creation.deserialize_db_from_string(contents)
