"""Timings (cache cleared before each request) and query counts of the dashboard summaries on the database of DATABASE_URL (run it after
`manage.py generate_national_dataset --scale 1` for national volumes). Median of 5 runs, after one warm-up.

    DATABASE_URL=postgres://… .venv/bin/python bench/dashboards_bench.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from movement.models import AdministrativeUnit as AU  # noqa: E402
from reports.models import Conference, IndicatorValue  # noqa: E402


def measure(client, url):
    client.get(url)
    times = []
    for _i in range(5):
        cache.clear()  # the summary cache (reports/summary_cache.py) would answer otherwise: measure the work
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
    return response.status_code, len(queries.captured_queries), statistics.median(times), len(response.content)


def main():
    quang_tri = AU.objects.get(generation="2025", level="province", code="44").pk
    print(
        f"{connection.vendor}: {Conference.objects.filter(status='published').count():,} published conferences, "
        f"{IndicatorValue.objects.count():,} figures"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    urls = [
        "/api/v1/summaries/programme-review/?programme=CT07-2014&period=2014-2019&mode=current",
        "/api/v1/summaries/programme-review/?programme=CT07-2014&period=2014-2019&mode=as_recorded",
        "/api/v1/summaries/annual/?year=2023&mode=current",
        f"/api/v1/summaries/annual/?year=2023&area={quang_tri}&mode=current",
        "/programmes/CT07-2014/review/?period=2014-2019&mode=current",
        f"/annual/2023/?area={quang_tri}&mode=current",
        "/",
    ]
    for url in urls:
        status, queries, seconds, size = measure(client, url)
        print(f"{status}  {queries:3d} queries  {seconds * 1000:8.0f} ms  {size / 1024:7.0f} KiB  {url}")


if __name__ == "__main__":
    main()
