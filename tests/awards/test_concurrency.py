"""Two reviewers approving the same certification at the same moment: exactly one succeeds, the other gets
a ConflictError (409) and nothing is half-written. Real threads and connections need PostgreSQL (row locks);
the sequential path is tested on both databases in test_certifications.py and test_certifications_api.py."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from awards import services
from awards.models import SafetyCertification
from movement import audit
from movement.errors import ConflictError
from movement.models import AuditEvent
from tests.awards.conftest import full_results

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


@pytest.mark.skipif(ON_SQLITE, reason="needs PostgreSQL row locks and one connection per thread")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_approving_at_once_exactly_one_succeeds(clerk, reviewer, reviewer2, agency, monkeypatch):
    certification = services.certification_register(actor=clerk, unit=agency, period="2020")
    certification = services.certification_submit(
        actor=clerk, certification=certification, results=full_results(certification)
    )
    version_before = certification.version

    # Hold the winner inside its transaction for a moment, so that the other one really arrives while
    # the row is locked (without the lock both would read "submitted" and both would "succeed").
    original_record = audit.record

    def slow_record(**kwargs):
        event = original_record(**kwargs)
        time.sleep(0.4)
        return event

    monkeypatch.setattr(audit, "record", slow_record)

    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def approve(user):
        stale = SafetyCertification.objects.get(pk=certification.pk)
        try:
            barrier.wait(timeout=10)
            services.certification_approve(actor=user, certification=stale, note=user.username)
            outcomes[user.username] = "approved"
        except ConflictError as error:
            outcomes[user.username] = f"conflict: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (reviewer, reviewer2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["approved", "conflict"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "approved")
    loser_message = next(outcome for outcome in outcomes.values() if outcome.startswith("conflict"))
    assert "Đã phê duyệt" in loser_message or "Approved" in loser_message

    certification.refresh_from_db()
    assert certification.status == "approved"
    assert certification.reviewed_by.username == winner and certification.review_note == winner
    assert certification.version == version_before + 1
    assert AuditEvent.objects.filter(verb="certification_approve", object_id=str(certification.pk)).count() == 1
