import datetime
from pydoc import locate

import pytest
from django.conf import settings
from django.utils import timezone

from tests.reports.conftest import (  # noqa: F401  (the report fixtures, shared)
    approved,
    approver,
    clerk,
    draft,
    legacy_thanh_hoa,
    make_conference,
    outsider_approver,
    outsider_clerk,
    submitted,
)


def run_queued_tasks(*, later: bool = False) -> list[tuple[str, object]]:
    """What a django-q2 worker does with the ORM broker, in the test's process: take the tasks due, run each,
    acknowledge (delete) the ones that succeeded; a failed one stays queued and is handed out again once
    Q_CLUSTER["retry"] seconds have passed (`later=True` moves the clock past that)."""
    from django_q.brokers import get_broker
    from django_q.models import OrmQ
    from django_q.signing import SignedPackage

    if later:
        OrmQ.objects.update(lock=timezone.now() - datetime.timedelta(seconds=1))
    broker = get_broker()
    results = []
    if not OrmQ.objects.filter(lock__lt=timezone.now()).exists():
        return results
    for ack_id, payload in broker.dequeue() or []:
        task = SignedPackage.loads(payload)
        func = locate(task["func"]) if isinstance(task["func"], str) else task["func"]
        try:
            results.append(("ok", func(*task["args"], **task["kwargs"])))
        except Exception as exc:  # noqa: BLE001  (the worker records it and leaves the task unacknowledged)
            results.append(("failed", exc))
        else:
            broker.acknowledge(ack_id)
    return results


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def emails(make_user):
    """Give the fixture users email addresses."""

    def _set(*users):
        for user in users:
            user.email = f"{user.username}@example.vn"
            user.save(update_fields=["email"])

    return _set


@pytest.fixture
def q_settings():
    return settings.Q_CLUSTER
