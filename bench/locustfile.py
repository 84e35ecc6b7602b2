"""Mixed public and staff traffic for `make load` (bench/load_test.py starts the server and runs this).

Public readers (3 in 4 users): the home page, the programme review, a province, the annual results, a
conference report, the summary API and public API lists. Staff (1 in 4): sign in through the form in
on_start with a demo account (password demo-2025, `manage.py create_demo_accounts`), then the staff
conference list and a report's page, the certification queue, award records and the scoped API lists.

Every answer of 400 or more counts as a failure (locust's default)."""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import FastHttpUser, between, events, task

PASSWORD = "demo-2025"  # noqa: S105 - the public password of the demo accounts (README), demo data only
STAFF = ["nhaplieu", "pheduyet", "congan", "xem", "quantri"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROGRAMME = "CT07-2014"


# Steady state: the requests made after every user has started (and signed in), apart from the ramp-up.
STEADY = {"since": None, "times": [], "failures": 0}
STEADY_FILE = os.environ.get("LOAD_STEADY_FILE", "")


@events.spawning_complete.add_listener
def _spawned(user_count, **kwargs):
    STEADY["since"] = time.monotonic() + 5  # the last users' on_start requests finish first


@events.request.add_listener
def _record(response_time, exception, **kwargs):
    if STEADY["since"] is not None and time.monotonic() >= STEADY["since"]:
        STEADY["times"].append(response_time)
        STEADY["failures"] += exception is not None


@events.quitting.add_listener
def _write_steady(environment, **kwargs):
    times = sorted(STEADY["times"])
    if not STEADY_FILE or not times or STEADY["since"] is None:
        return
    seconds = time.monotonic() - STEADY["since"]

    def pct(p):
        return round(times[min(len(times) - 1, int(p / 100 * len(times)))], 1)

    summary = {
        "seconds": round(seconds, 1),
        "requests": len(times),
        "failures": STEADY["failures"],
        "requests_per_s": round(len(times) / seconds, 1) if seconds > 0 else None,
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "max_ms": round(times[-1], 1),
    }
    Path(STEADY_FILE).write_text(json.dumps(summary, indent=1))


def _ids(client, url, *, name) -> list[int]:
    response = client.get(url, name=name)
    if response.status_code != 200:
        return []
    return [row["id"] for row in response.json().get("results", [])]


class PublicReader(FastHttpUser):
    weight = 3
    wait_time = between(0.5, 2)

    def on_start(self):
        self.provinces = _ids(
            self.client, "/api/v1/admin-units/?generation=2025&level=province", name="/api/v1/admin-units/ [provinces]"
        ) or [1]
        self.conferences = _ids(self.client, "/api/v1/conferences/?status=published", name="/api/v1/conferences/") or [
            1
        ]

    @task(4)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(3)
    def programme_review(self):
        self.client.get(f"/programmes/{PROGRAMME}/review/", name="/programmes/{code}/review/")

    @task(2)
    def province(self):
        self.client.get(f"/provinces/{random.choice(self.provinces)}/", name="/provinces/{pk}/")

    @task(2)
    def annual(self):
        self.client.get(f"/annual/{random.choice([2017, 2019, 2021])}/", name="/annual/{year}/")

    @task(2)
    def conference(self):
        self.client.get(f"/conferences/{random.choice(self.conferences)}/", name="/conferences/{pk}/")

    @task(3)
    def summary_api(self):
        if random.random() < 0.5:
            self.client.get(
                f"/api/v1/summaries/programme-review/?programme={PROGRAMME}", name="/api/v1/summaries/programme-review/"
            )
        else:
            self.client.get("/api/v1/summaries/annual/?year=2019", name="/api/v1/summaries/annual/")

    @task(2)
    def api_lists(self):
        url = random.choice(["/api/v1/conferences/", "/api/v1/award-decisions/", "/api/v1/indicators/"])
        self.client.get(url, name=url)


class StaffMember(FastHttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text)
        self.username = random.choice(STAFF)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ [sign in]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {self.username} answered {response.status_code}")
        self.conferences = _ids(self.client, "/api/v1/conferences/", name="/api/v1/conferences/ [staff]") or [1]

    @task(4)
    def conference_list(self):
        self.client.get("/staff/conferences/", name="/staff/conferences/")

    @task(3)
    def conference_detail(self):
        self.client.get(f"/staff/conferences/{random.choice(self.conferences)}/", name="/staff/conferences/{pk}/")

    @task(2)
    def certification_queue(self):
        self.client.get("/staff/certifications/queue/", name="/staff/certifications/queue/")

    @task(1)
    def award_records(self):
        self.client.get("/staff/awards/", name="/staff/awards/")

    @task(3)
    def scoped_api_lists(self):
        url = random.choice(["/api/v1/units/", "/api/v1/certifications/", "/api/v1/conferences/?status=draft"])
        self.client.get(url, name=url.split("?")[0] + " [staff]")
