# ruff: noqa: F811  (the awards fixtures imported below are parameters of the tests)
"""Summary rows under concurrent writers (issue 16, item 1): two police reviewers recognising certifications of
one province and year at the same moment, and two reports of one province published at the same moment,
leave summary rows equal to a recomputation (no row twice, none missed). Real threads and connections need
PostgreSQL (READ COMMITTED, row locks); SQLite serialises every write, so the race cannot happen there.

Each test slows the rollup's reads down a little (monkeypatched), so that the second writer really arrives
while the first one is between reading and committing."""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from awards import services as award_services
from awards.models import SafetyCertification
from reports import rollups
from reports.summary_rows import FigureSummary, RecordCountSummary
from tests.awards.conftest import (  # noqa: F401  (fixtures)
    agency,
    clerk,
    full_results,
    legacy_thanh_hoa,
    make_unit,
    reviewer,
    reviewer2,
    th_commune,
)
from tests.reports.summary_data import YEAR_2020, figure, legacy, publish

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
pytestmark = [
    pytest.mark.skipif(ON_SQLITE, reason="needs PostgreSQL (READ COMMITTED, row locks, one connection per thread)"),
    pytest.mark.django_db(transaction=True),  # flushed after: the hierarchy fixture reloads what it needs
]


def _slow(monkeypatch, name: str, seconds: float = 0.4) -> None:
    original = getattr(rollups, name)

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(seconds)
        return result

    monkeypatch.setattr(rollups, name, slow)


def _run_together(*jobs) -> list[str]:
    """Run each job in its own thread and connection, started at the same moment; return the errors."""
    barrier = threading.Barrier(len(jobs))
    errors: list[str] = []

    def run(job):
        try:
            barrier.wait(timeout=10)
            job()
        except Exception as error:  # noqa: BLE001  (reported by the test)
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_two_reviewers_recognising_in_one_province_and_year_at_once(
    clerk, reviewer, reviewer2, th_commune, monkeypatch
):  # noqa: F811
    units = [make_unit(th_commune, f"Cơ quan thử {n}") for n in range(3)]
    approved = []
    for unit in units:
        certification = award_services.certification_register(actor=clerk, unit=unit, period="2020")
        certification = award_services.certification_submit(
            actor=clerk, certification=certification, results=full_results(certification)
        )
        approved.append(award_services.certification_approve(actor=reviewer, certification=certification))
    rollups.recompute(write=True)  # the certification counts are kept as rows from here on
    # one recognised already, so that the province and year have stored rows both writers replace
    award_services.recognition_decision_create(
        actor=reviewer,
        number="1/QĐ",
        signed_on=datetime.date(2021, 1, 5),
        issuer="UBND xã",
        certifications=[approved[0]],
    )
    assert rollups.recompute(write=False) == []
    _slow(monkeypatch, "_ask")

    def recognise(user, certification, number):
        def job():
            award_services.recognition_decision_create(
                actor=user,
                number=number,
                signed_on=datetime.date(2021, 1, 15),
                issuer="UBND xã",
                certifications=[SafetyCertification.objects.get(pk=certification.pk)],
            )

        return job

    errors = _run_together(recognise(reviewer, approved[1], "2/QĐ"), recognise(reviewer2, approved[2], "3/QĐ"))
    assert errors == []
    assert SafetyCertification.objects.filter(status="recognised").count() == 3
    assert rollups.recompute(write=False) == []
    certified = RecordCountSummary.objects.filter(
        source="awards.certifications", metric="safety_certified", province_path=legacy("38").path, year=2020
    )
    assert [row.value for row in certified] == [3]


def test_two_reports_of_one_province_published_at_once(hierarchy, monkeypatch):
    districts = list(legacy("38").children.order_by("code")[:3])
    publish(districts[0], figures=[figure("tips_provided", 10)], period=YEAR_2020)
    assert rollups.recompute(write=False) == []
    _slow(monkeypatch, "_published_figures")

    def publish_job(area, value):
        return lambda: publish(area, figures=[figure("tips_provided", value)], period=YEAR_2020)

    errors = _run_together(publish_job(districts[1], 20), publish_job(districts[2], 40))
    assert errors == []
    assert rollups.recompute(write=False) == []
    rows = FigureSummary.objects.filter(province_path=legacy("38").path, indicator__code="tips_provided", year=2020)
    assert sum(row.value_total for row in rows if row.window_start_max >= 2020 and row.window_end_min <= 2020) == 70


def test_recompute_check_finds_no_difference_after_a_concurrent_mixed_run(
    clerk,
    reviewer,
    reviewer2,
    th_commune,
    monkeypatch,  # noqa: F811
):
    units = [make_unit(th_commune, f"Đơn vị hỗn hợp {n}") for n in range(2)]
    approved = []
    for unit in units:
        certification = award_services.certification_register(actor=clerk, unit=unit, period="2020")
        certification = award_services.certification_submit(
            actor=clerk, certification=certification, results=full_results(certification)
        )
        approved.append(award_services.certification_approve(actor=reviewer, certification=certification))
    districts = list(legacy("38").children.order_by("code")[:2])
    publish(districts[0], figures=[figure("tips_provided", 5)], period=YEAR_2020)
    rollups.recompute(write=True)
    _slow(monkeypatch, "_ask", 0.2)
    _slow(monkeypatch, "_published_figures", 0.2)

    def recognise(user, certification):
        return lambda: award_services.recognition_decision_create(
            actor=user,
            number=f"{certification.pk}/QĐ",
            signed_on=datetime.date(2021, 2, 1),
            issuer="UBND xã",
            certifications=[SafetyCertification.objects.get(pk=certification.pk)],
        )

    errors = _run_together(
        recognise(reviewer, approved[0]),
        recognise(reviewer2, approved[1]),
        lambda: publish(districts[1], figures=[figure("tips_provided", 7)], period=YEAR_2020),
        lambda: publish(legacy("38"), figures=[figure("tips_provided", 30)], period=YEAR_2020),
    )
    assert errors == []
    from django.core.management import call_command

    call_command("recompute_summaries", "--check", "--no-progress", verbosity=0)  # raises on any difference
