"""The read replica (DATABASE_REPLICA_URL): summary reads go to it, everything else to the primary. Tested
with the replica pointing at the same database (config/settings/test.py declares it as a mirror)."""

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from config.db_router import SummaryReplicaRouter
from movement.dbrouting import read_alias, summary_reads
from reports.models import Conference
from tests.reports.summary_data import figure, legacy, publish

URL = "/api/v1/summaries/programme-review/"
PARAMS = {"programme": "CT07-2014", "period": "2014-2019"}


def _selects(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_summary_reads_go_to_the_replica_and_writes_to_the_primary(api, hierarchy, settings):
    settings.SUMMARY_READ_DATABASE = "replica"
    publish(legacy("38"), figures=[figure("tips_provided", 100, qualifier="more_than")])  # on the primary
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = api().get(URL, PARAMS)
    assert response.status_code == 200
    assert response.json()["figures"][0]["amount"]["display"] == "hơn 100"
    assert len(_selects(replica.captured_queries)) >= 10  # the version and the summary itself
    assert _selects(primary.captured_queries) == []
    # outside summaries, reads and writes use the primary
    with summary_reads():
        assert read_alias() == "replica"
        assert router.db_for_read(Conference) == "replica"
        assert router.db_for_write(Conference) == "default"
    assert read_alias() is None and router.db_for_read(Conference) == "default"


@pytest.mark.django_db
def test_without_a_replica_everything_reads_the_primary(settings):
    settings.SUMMARY_READ_DATABASE = "no-such-database"
    with summary_reads() as alias:
        assert alias == "default"
        assert router.db_for_read(Conference) == "default"
    assert SummaryReplicaRouter().allow_migrate("replica", "reports") is False
    assert SummaryReplicaRouter().allow_migrate("default", "reports") is None
