"""Timings and query counts of data entry on the database of DATABASE_URL (hierarchy loaded): the area
picker's search ("nhu xuan" through the admin-units API, limited to a province clerk's scope and a date), the
figure grid page, one save of 20 figures and 4 tallies, and the template's dry-run import. Median of 5 runs
after one warm-up; everything it writes is rolled back.

    .venv/bin/python bench/entry_bench.py
"""

import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from movement.models import AdministrativeUnit as AU  # noqa: E402
from movement.models import Role, RoleAssignment  # noqa: E402
from reports import services, spreadsheet  # noqa: E402

FIGURES = [
    "propaganda_sessions",
    "propaganda_participants",
    "banners_and_slogans",
    "news_items",
    "community_conferences",
    "community_conference_participants",
    "tips_provided",
    "valuable_tips",
    "self_management_models",
    "model_host_units",
    "movement_models",
    "new_movement_models",
    "fire_prevention_models",
    "areas_with_safety_models",
    "military_guns_surrendered",
    "homemade_guns_surrendered",
    "military_ammunition_surrendered",
    "explosives_surrendered_kg",
    "fireworks_surrendered_boxes",
    "complex_areas_transformed",
]
TALLIES = [
    ("provincial_chair", "certificate_of_merit", "collective"),
    ("provincial_chair", "certificate_of_merit", "individual"),
    ("ministry_of_public_security", "certificate_of_merit", "collective"),
    ("provincial_police_director", "letter_of_commendation", "mixed"),
]


def timed(call, runs=5):
    call()
    times, queries = [], 0
    for _i in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return response.status_code, queries, statistics.median(times) * 1000


def main():
    with transaction.atomic():
        user = get_user_model().objects.create(username="_entry_bench")
        RoleAssignment.objects.create(
            user=user, role=Role.DATA_ENTRY, area=AU.objects.get(generation="2025", level="province", code="38")
        )
        conference = services.conference_create(
            actor=user,
            programme="CT07-2014",
            kind="interim_review",
            title="Bench",
            area=AU.objects.get(generation="legacy", level="province", code="38"),
            held_on=datetime.date(2019, 9, 11),
        )
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        rows = [
            (
                "area picker: /api/v1/admin-units/?q=nhu xuan (scope, date)",
                lambda: client.get(
                    "/api/v1/admin-units/",
                    {"q": "nhu xuan", "capability": "conferences_edit", "valid_on": "2019-09-11", "page_size": 20},
                ),
            ),
            ("figure grid page (GET)", lambda: client.get(f"/staff/conferences/{conference.pk}/entry/")),
        ]

        def save():
            conference.refresh_from_db()
            data = {"version": conference.version}
            for index, code in enumerate(FIGURES):
                data[f"f-{index}-indicator"], data[f"f-{index}-value"] = code, f"{1000 + index}"
            for index, (issuer, form, kind) in enumerate(TALLIES):
                data.update({f"t-{index}-issuer": issuer, f"t-{index}-form": form, f"t-{index}-recipient_kind": kind})
                data[f"t-{index}-count"] = str(10 + index)
            return client.post(f"/staff/conferences/{conference.pk}/entry/", data)

        rows.append(("one save of 20 figures and 4 tallies (POST)", save))
        template = spreadsheet.conference_template(conference)

        def dry_run():
            upload = io.BytesIO(template)
            upload.name = "mau.xlsx"
            return client.post(f"/staff/conferences/{conference.pk}/import/", {"file": upload})

        rows.append(("template upload, dry run (POST)", dry_run))
        print(f"{'operation':<62} {'status':>6} {'queries':>8} {'median ms':>10}")
        for label, call in rows:
            status, queries, ms = timed(call)
            print(f"{label:<62} {status:>6} {queries:>8} {ms:>10.1f}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
