"""Which database the summaries read from: a read replica when one is configured (DATABASE_REPLICA_URL,
docs/deploy.md), the primary otherwise.

Reads inside `with summary_reads():` go to settings.SUMMARY_READ_DATABASE through the router in
config/db_router.py; everything else (every write, and every read outside the block) uses the primary.
Only published data is read this way, and a replica lags the primary by its replication delay: the
summary cache is keyed by the version read from the same database (reports/summary_cache.py), so a
reader never gets a copy older than the database it reads from."""

import contextvars
from contextlib import contextmanager

from django.conf import settings

_READS: contextvars.ContextVar[str | None] = contextvars.ContextVar("summary_reads", default=None)


def summary_database() -> str:
    alias = getattr(settings, "SUMMARY_READ_DATABASE", "default")
    return alias if alias in settings.DATABASES else "default"


@contextmanager
def summary_reads():
    """Route the reads of this block to the summary database (yields its alias)."""
    alias = summary_database()
    token = _READS.set(alias)
    try:
        yield alias
    finally:
        _READS.reset(token)


def read_alias() -> str | None:
    """The alias reads are routed to in the current block, or None outside one."""
    return _READS.get()
