"""`make load`: mixed public and staff traffic (bench/locustfile.py) against gunicorn with the demo data.

1. Prepares the database: DATABASE_URL when set, else var/load.sqlite3 (migrate, the hierarchy, the demo
   data and the demo accounts; every step is idempotent, so a second run takes seconds).
2. Starts `gunicorn config.wsgi` (2 workers) on a free loopback port, DEBUG off, the sign-in rate limit
   raised (every simulated user signs in from 127.0.0.1; axes lockout is untouched: passwords are right),
   and warms it up with a few requests per worker.
3. Runs locust headless: LOAD_USERS (100) users, LOAD_SPAWN_RATE (20/s), LOAD_RUN_TIME (60s); CSV files
   in var/load/.
4. Stops gunicorn, prints requests/s, p50/p95/p99 and failures per endpoint, and fails on any error.
"""

import contextlib
import csv
import json
import os
import signal
import socket
import subprocess  # nosec B404 - runs gunicorn and locust from .venv with fixed arguments, no shell
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "load"
USERS = os.environ.get("LOAD_USERS", "100")
SPAWN_RATE = os.environ.get("LOAD_SPAWN_RATE", "20")
RUN_TIME = os.environ.get("LOAD_RUN_TIME", "60s")
WORKERS = os.environ.get("LOAD_WORKERS", "2")


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'load.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    env["DJANGO_DEBUG"] = "false"
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["API_THROTTLE_LOGIN"] = "1000000/min"
    env.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    env["LOAD_STEADY_FILE"] = str(OUT / "steady.json")
    return env


def _manage(env, *args) -> None:
    print("  manage.py", " ".join(args), flush=True)
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)  # nosec B603


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  # nosec B310 - our loopback server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s")


WARM_UP = [
    "/",
    "/programmes/CT07-2014/review/",
    "/annual/2019/",
    "/api/v1/summaries/programme-review/?programme=CT07-2014",
    "/api/v1/summaries/annual/?year=2019",
    "/api/v1/conferences/?status=published",
    "/api/v1/admin-units/?generation=2025&level=province",
    "/accounts/login/",
]


def _warm_up(host: str) -> None:
    """A few requests per worker first (imports, template and summary caches): the run measures the steady
    state, not the first request of each worker process."""
    for _round in range(2 * int(WORKERS)):
        for path in WARM_UP:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{host}{path}", timeout=30).read()  # noqa: S310  # nosec B310


def _report(stats_csv: Path) -> int:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    width = max(len(r["Name"]) for r in rows)
    print(
        f"\n{'endpoint':<{width}}  {'requests':>8} {'failures':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in rows:
        print(
            f"{row['Name']:<{width}}  {row['Request Count']:>8} {row['Failure Count']:>8} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return int(total["Failure Count"])


def main() -> int:
    env = _env()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "steady.json").unlink(missing_ok=True)
    print(f"Database: {env['DATABASE_URL']}", flush=True)
    _manage(env, "migrate", "-v0")
    _manage(env, "load_admin_units", "--no-progress", "-v0")
    _manage(env, "load_demo", "-v0")
    _manage(env, "create_demo_accounts", "-v0")

    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # nosec B603
        [str(BIN / "gunicorn"), "config.wsgi", "--workers", WORKERS, "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(f"{host}/api/v1/")
        _warm_up(host)
        print(f"gunicorn ({WORKERS} workers) on {host}; locust: {USERS} users, {SPAWN_RATE}/s, {RUN_TIME}", flush=True)
        locust = subprocess.run(  # nosec B603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                USERS,
                "--spawn-rate",
                SPAWN_RATE,
                "--run-time",
                RUN_TIME,
                "--stop-timeout",
                "10",
                "--csv",
                str(OUT / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    failures = _report(OUT / "load_stats.csv")
    steady = OUT / "steady.json"
    if steady.exists():
        numbers = json.loads(steady.read_text())
        print(
            f"\nsteady state (after every user started, {numbers['seconds']} s): {numbers['requests']} requests, "
            f"{numbers['requests_per_s']} requests/s, p50 {numbers['p50_ms']} ms, p95 {numbers['p95_ms']} ms, "
            f"p99 {numbers['p99_ms']} ms, max {numbers['max_ms']} ms, {numbers['failures']} failures"
        )
    print(f"\nCSV: {OUT}/load_stats.csv, load_failures.csv, load_stats_history.csv")
    if failures or locust.returncode not in (0, 1):
        print(f"FAILED: {failures} failed requests (see {OUT}/load_failures.csv)")
        return 1
    print("OK: 0 failed requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
