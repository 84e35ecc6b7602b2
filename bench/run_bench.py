"""The national-scale benchmark (`make bench`, `make bench-small`). Not a test: it measures.

1. Generates (or reuses) the synthetic national dataset and checks the summary rows against a
   recomputation (0 differences expected).
2. Warm in-process timings (Django test client, full middleware) of the main endpoints: national and
   provincial programme review summaries, the annual summary (each computed with the summary cache
   bypassed, and served from the cache), the conference list with filters, the certification review queue,
   the children of a province. Queries per request are counted. For each summary, the same data fetched by
   hand-written SQL on a cursor (the SQL floor, bench/floors.py) and a plain Django view returning the
   same JSON without DRF (the framework floor, bench/bare.py) are timed too.
3. The public summary page over HTTP: gunicorn (2 workers) on a free loopback port, a load tool in another
   process (wrk when installed, else bench/loadgen.py): requests/s, p95, errors, worker peak memory (VmHWM).

Prints one table and writes bench/out/results-<database>-<scale>.json.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/run_bench.py
    .venv/bin/python bench/run_bench.py --small        # SQLite, scale 0.01
"""

import argparse
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="SQLite (var/bench_small.sqlite3), scale 0.01")
    parser.add_argument("--scale", type=float, default=None, help="dataset scale (default 1; 0.01 with --small)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per endpoint (default 20; 10 at scale 1)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per endpoint at most (3 runs at least)")
    parser.add_argument("--http-seconds", type=int, default=20, help="length of the load test")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--threads", type=int, default=4, help="gunicorn threads per worker (gthread; 0: sync workers, no keep-alive)"
    )
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--out", default=None, help="JSON results file")
    args = parser.parse_args()
    if args.scale is None:
        args.scale = 0.01 if args.small else 1.0
    if args.repeat is None:
        args.repeat = 20 if args.scale < 0.5 else 10
    return args


def setup_django(args) -> None:
    if args.small and not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench_small.sqlite3'}"
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL), or use --small for SQLite.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.urls"  # the portal plus the bare views
    clear_url_caches()


# Data ------------------------------------------------------------------------------------------------------


def prepare_data(args) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from movement.models import AdministrativeUnit
    from reports import rollups
    from synthetic.models import GeneratedDataset

    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    info = {"database": connection.vendor, "scale": args.scale, "seed": args.seed, "end_year": args.end_year}
    existing = GeneratedDataset.objects.first()
    same = (
        existing is not None
        and existing.is_complete
        and float(existing.scale) == args.scale
        and existing.seed == args.seed
        and existing.end_year == args.end_year
    )
    if same:
        print(f"Reusing the dataset generated on {existing.started_at:%Y-%m-%d %H:%M} ({existing.seconds:.0f} s).")
    else:
        options = {"reset": existing is not None}
        call_command("generate_national_dataset", scale=args.scale, seed=args.seed, end_year=args.end_year, **options)
        existing = GeneratedDataset.objects.first()
    info["generation_seconds"] = existing.seconds
    info["rows"] = existing.counts
    started = time.monotonic()
    differences = rollups.recompute(write=False)
    info["summary_differences"] = len(differences)
    info["check_seconds"] = time.monotonic() - started
    print(f"Summary rows against a recomputation: {len(differences)} differences ({info['check_seconds']:.1f} s).")
    return info


def subjects(args) -> dict:
    """The province, year and users the endpoints are asked about."""
    from collections import Counter

    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from movement.models import AdministrativeUnit, Role, RoleAssignment
    from reports.models import Conference

    busiest = (
        Conference.objects.published().values("area__current_province").annotate(n=Count("id")).order_by("-n").first()
    )
    province = AdministrativeUnit.objects.get(pk=busiest["area__current_province"])
    users = {}
    for name, role, area in (
        ("bench-admin", Role.NATIONAL_ADMIN, None),
        ("bench-police", Role.POLICE_REVIEWER, province),
    ):
        user, _ = get_user_model().objects.get_or_create(username=name, defaults={"is_active": True})
        RoleAssignment.objects.get_or_create(user=user, role=role, area=area)
        users[name] = user
    # The conference list filters by the area's own subtree: the province (of either generation) with the
    # most published reports, and its most reported programme.
    paths = Counter(
        path.split("/", 1)[0] + "/" for path in Conference.objects.published().values_list("area__path", flat=True)
    )
    list_area = AdministrativeUnit.objects.get(path=paths.most_common(1)[0][0])
    programme = Counter(
        Conference.objects.published()
        .filter(area__path__startswith=list_area.path)
        .values_list("programme__code", flat=True)
    ).most_common(1)[0][0]
    return {
        "province": province,
        "year": args.end_year - 1,
        "users": users,
        "list_area": list_area,
        "list_programme": programme,
    }


# Timing ----------------------------------------------------------------------------------------------------


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[index]


def timed(function, *, repeat: int, budget: float, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        function()
    samples: list[float] = []
    started = time.monotonic()
    while len(samples) < repeat and (len(samples) < 3 or time.monotonic() - started < budget):
        begin = time.perf_counter()
        function()
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def count_queries(function) -> int:
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from movement.dbrouting import summary_database

    alias = summary_database()
    with CaptureQueriesContext(connections["default"]) as primary:
        if alias != "default":
            with CaptureQueriesContext(connections[alias]) as replica:
                function()
            return len(primary.captured_queries) + len(replica.captured_queries)
        function()
    return len(primary.captured_queries)


class _Bypass:
    """The summary cache switched off (the summaries are computed every time)."""

    def __enter__(self):
        from django.core.cache.backends.dummy import DummyCache

        from reports import summary_cache

        self.saved = summary_cache.cache
        summary_cache.cache = DummyCache("bench", {})

    def __exit__(self, *exc):
        from reports import summary_cache

        summary_cache.cache = self.saved


def in_process(args, subject) -> list[dict]:
    from django.db import connection
    from django.test import Client

    from bench.floors import summary_floor
    from movement.dbrouting import summary_reads
    from reports.models import Programme
    from reports.summaries import Mode, _holds_legacy

    province = subject["province"]
    year = subject["year"]
    ct07 = Programme.objects.get(code="CT07-2014")
    anonymous = Client(HTTP_HOST="127.0.0.1")
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(subject["users"]["bench-admin"])
    police = Client(HTTP_HOST="127.0.0.1")
    police.force_login(subject["users"]["bench-police"])

    summaries = [
        (
            "National programme review (CT07 2014-2019)",
            "/api/v1/summaries/programme-review/?programme=CT07-2014&period=2014-2019",
            "/bench/bare/programme-review/?programme=CT07-2014&period=2014-2019",
            {"programme_id": ct07.pk, "y1": 2014, "y2": 2019, "area": None, "by_province": True},
        ),
        (
            f"Provincial programme review ({province.name})",
            f"/api/v1/summaries/programme-review/?programme=CT07-2014&period=2014-2019&area={province.pk}",
            f"/bench/bare/programme-review/?programme=CT07-2014&period=2014-2019&area={province.pk}",
            {
                "programme_id": ct07.pk,
                "y1": 2014,
                "y2": 2019,
                "area": province,
                "holds_legacy": _holds_legacy(province, Mode.CURRENT),
                "by_province": False,
            },
        ),
        (
            f"Annual summary ({year}, national)",
            f"/api/v1/summaries/annual/?year={year}",
            f"/bench/bare/annual/?year={year}",
            {"programme_id": None, "y1": year, "y2": year, "area": None, "by_province": True},
        ),
    ]
    lists = [
        (
            f"Conference list (published, {subject['list_programme']}, {subject['list_area'].name})",
            admin,
            f"/api/v1/conferences/?status=published&programme={subject['list_programme']}"
            f"&area={subject['list_area'].pk}&ordering=-held_on",
        ),
        ("Certification review queue (police, submitted)", police, "/api/v1/certifications/?status=submitted"),
        ("Admin-unit children (a 2025 province)", anonymous, f"/api/v1/admin-units/{province.pk}/children/"),
    ]
    rows, sources_rows = [], []
    for label, url, bare_url, floor in summaries:
        print(f"· {label}")
        get = lambda url=url: _ok(anonymous.get(url))  # noqa: E731
        with _Bypass():
            computed = timed(get, repeat=args.repeat, budget=args.budget)
            queries = count_queries(get)
            body = anonymous.get(url).json()
            bare_get = lambda bare_url=bare_url: _ok(anonymous.get(bare_url))  # noqa: E731
            bare = timed(bare_get, repeat=args.repeat, budget=args.budget)
            same = anonymous.get(bare_url).json() == body

        def sql(floor=floor):
            with summary_reads() as alias:
                from django.db import connections

                with connections[alias].cursor() as cursor:
                    summary_floor(cursor, **floor)

        floor_ms = timed(sql, repeat=args.repeat, budget=args.budget)
        get()  # fill the cache
        cached = timed(get, repeat=args.repeat, budget=args.budget)
        cached_queries = count_queries(get)
        size = len(anonymous.get(url).content)
        rows.append(_row(label + ", computed", computed, queries, floor_ms, bare, size=size, same=same))
        rows.append(_row(label + ", from the cache", cached, cached_queries, None, None, size=size))
        if label.startswith("National programme review"):
            sources_rows.append(_sources_row(args, anonymous, body))
    rows += sources_rows
    for label, client, url in lists:
        print(f"· {label}")
        get = lambda client=client, url=url: _ok(client.get(url))  # noqa: E731
        samples = timed(get, repeat=args.repeat, budget=args.budget)
        rows.append(_row(label, samples, count_queries(get), None, None, size=len(client.get(url).content)))
    connection.close()
    return rows


def _sources_row(args, client, body) -> dict:
    """The first page of the sources of one national number (the headline figure with the most parts)."""
    amounts = [f["amount"] for f in body.get("figures", []) if f["amount"].get("sources_url")]
    if not amounts:
        return _row("Sources of one national number, first page (none)", [0.0], 0, None, None, size=0)
    amount = max(amounts, key=lambda a: a["source_count"])
    url = amount["sources_url"]
    print(f"· Sources of one national number ({amount['source_count']} parts)")
    get = lambda: _ok(client.get(url))  # noqa: E731
    with _Bypass():
        samples = timed(get, repeat=args.repeat * 2, budget=args.budget)
        queries = count_queries(get)
        size = len(client.get(url).content)
    label = f"Sources of one national number ({amount['source_count']:,} parts), first page, computed"
    return _row(label, samples, queries, None, None, size=size)


def _ok(response):
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code} {response.content[:300]!r}")
    return response


def _row(label, samples, queries, floor, bare, *, size, same=None) -> dict:
    p50 = statistics.median(samples)
    row = {
        "endpoint": label,
        "runs": len(samples),
        "p50_ms": round(p50, 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "queries": queries,
        "bytes": size,
    }
    if floor:
        row["sql_floor_p50_ms"] = round(statistics.median(floor), 1)
        row["ratio_to_sql_floor"] = round(p50 / statistics.median(floor), 1)
    if bare:
        row["bare_view_p50_ms"] = round(statistics.median(bare), 1)
        row["ratio_to_bare_view"] = round(p50 / statistics.median(bare), 2)
        row["same_json_as_bare_view"] = same
    return row


# HTTP ------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback, http only)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.status, response.headers, response.read()


def worker_memory(master_pid: int) -> dict:
    """Peak resident memory (VmHWM, from /proc) of each gunicorn worker, in MB."""
    peaks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peaks[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024
    return peaks


def load(url: str, *, seconds: int, connections: int, headers=None) -> dict:
    wrk = shutil.which("wrk")
    if wrk:
        command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / "wrk_report.lua")]
        for name, value in (headers or {}).items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        tool = "wrk"
    else:
        command = [sys.executable, str(ROOT / "bench" / "loadgen.py"), url, str(seconds), str(connections)]
        for name, value in (headers or {}).items():
            command += ["--header", f"{name}: {value}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        tool = "bench/loadgen.py"
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = {key: float(value) for key, value in (part.split("=") for part in line.split()[1:])}
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    result["tool"] = tool
    return result


def over_http(args, info) -> dict:
    from reports.models import Programme  # noqa: F401 (Django is set up)

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "600",
    }
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    command = [str(gunicorn), "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    command += ["--timeout", "300", "--chdir", str(ROOT)]
    if args.threads:
        command += ["--worker-class", "gthread", "--threads", str(args.threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    page = f"http://127.0.0.1:{port}/programmes/CT07-2014/review/?period=2014-2019"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/i18n/", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        # Warm both workers: each fills its own cache (Redis, when REDIS_URL is set, is shared).
        started = time.monotonic()
        fast = 0
        while fast < 20 and time.monotonic() - started < 600:
            threads = [threading.Thread(target=_get, args=(page,)) for _ in range(4)]
            begin = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            fast = fast + 4 if time.monotonic() - begin < 0.5 else 0
        status, headers, body = _get(page)
        print(f"· Public page over HTTP: {status}, {len(body):,} bytes")
        full = load(page, seconds=args.http_seconds, connections=args.connections)
        repeat = load(
            page,
            seconds=max(5, args.http_seconds // 2),
            connections=args.connections,
            headers={"If-None-Match": headers["ETag"]},
        )
        memory = worker_memory(server.pid)
        return {
            "url": page.replace(f":{port}", ":PORT"),
            "page_bytes": len(body),
            "cache": "redis" if os.environ.get("REDIS_URL") else "local memory (per worker)",
            "workers": f"2 × gthread, {args.threads} threads" if args.threads else "2 × sync",
            "full": full,
            "if_none_match": repeat,
            "worker_peak_mb": {str(k): round(v, 1) for k, v in memory.items()},
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


# Report ----------------------------------------------------------------------------------------------------


def table(info, rows, http) -> str:
    lines = [
        f"Database: {info['database']} · scale {info['scale']:g} (seed {info['seed']}) · "
        f"{sum(info['rows'].values()):,} generated rows in {info['generation_seconds']:.0f} s · "
        f"summary rows vs recomputation: {info['summary_differences']} differences",
        "",
        "| endpoint | p50 ms | p95 ms | queries/request | ratio to SQL floor | ratio to bare view | response |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        floor = f"{row['ratio_to_sql_floor']}× ({row['sql_floor_p50_ms']} ms)" if "ratio_to_sql_floor" in row else "–"
        bare = f"{row['ratio_to_bare_view']}× ({row['bare_view_p50_ms']} ms)" if "ratio_to_bare_view" in row else "–"
        lines.append(
            f"| {row['endpoint']} | {row['p50_ms']} | {row['p95_ms']} | {row['queries']} | {floor} | {bare} | "
            f"{row['bytes'] / 1024:,.0f} kB |"
        )
    if http:
        full, repeat = http["full"], http["if_none_match"]
        peak = max(http["worker_peak_mb"].values()) if http["worker_peak_mb"] else 0
        lines += [
            "",
            f"Public summary page over HTTP ({http['url']}, {http['page_bytes'] / 1024:,.0f} kB; gunicorn {http['workers']}; "
            f"{full['tool']} in another process; cache: {http['cache']}):",
            "",
            "| requests | requests/s | p50 ms | p95 ms | errors | worker peak memory |",
            "|---|---:|---:|---:|---:|---:|",
            f"| full page | {full['requests_per_second']} | {full['p50_ms']} | {full['p95_ms']} | {int(full['errors'])} | "
            f"{peak:.0f} MB |",
            f"| repeat readers (If-None-Match → 304) | {repeat['requests_per_second']} | {repeat['p50_ms']} | "
            f"{repeat['p95_ms']} | {int(repeat['errors'])} | |",
        ]
    return "\n".join(lines)


def targets(info, rows, http) -> list[tuple[str, str, bool | None]]:
    """Issue 16's targets: (target, measured, met)."""
    found = []

    def row(prefix):
        return next((r for r in rows if r["endpoint"].startswith(prefix)), None)

    for prefix in ("National programme review", "Provincial programme review", "Annual summary"):
        r = row(prefix)
        if r is None or "computed" not in r["endpoint"]:
            continue
        name = r["endpoint"].removesuffix(", computed")
        found.append((f"{name}, computed: p95 ≤ 100 ms", f"{r['p95_ms']} ms", r["p95_ms"] <= 100))
        if "ratio_to_sql_floor" in r:
            found.append(
                (
                    f"{name}: ≤ 2× its SQL floor (p50)",
                    f"{r['ratio_to_sql_floor']}× ({r['sql_floor_p50_ms']} ms)",
                    r["ratio_to_sql_floor"] <= 2,
                )
            )
        found.append((f"{name}: answer ≤ 100 kB", f"{r['bytes'] / 1024:,.0f} kB", r["bytes"] <= 100 * 1024))
    r = row("Sources of one national number")
    if r is not None:
        found.append(
            ("Sources of one national number, first page: p95 ≤ 50 ms", f"{r['p95_ms']} ms", r["p95_ms"] <= 50)
        )
    for prefix, name in (("Conference list", "Conference list"), ("Certification review queue", "Police review queue")):
        r = row(prefix)
        if r is not None:
            found.append((f"{name}: p95 ≤ 50 ms", f"{r['p95_ms']} ms", r["p95_ms"] <= 50))
            found.append(
                (f"{name}: queries per request ≤ 10 (same at every scale)", str(r["queries"]), r["queries"] <= 10)
            )
    if http:
        found.append(
            (
                "Public review page: ≤ 150 kB of HTML",
                f"{http['page_bytes'] / 1024:,.0f} kB",
                http["page_bytes"] <= 150 * 1024,
            )
        )
        rps = http["full"]["requests_per_second"]
        found.append(("Public review page: ≥ 500 requests/s through 2 workers", f"{rps}", rps >= 500))
        errors = int(http["full"]["errors"])
        found.append(("Public review page: 0 errors", str(errors), errors == 0))
    found.append(
        (
            "Summary rows = a full recomputation",
            f"{info['summary_differences']} differences",
            info["summary_differences"] == 0,
        )
    )
    return found


def targets_table(found) -> str:
    lines = ["| target | measured | |", "|---|---:|---|"]
    for target, measured, met in found:
        lines.append(f"| {target} | {measured} | {'**met**' if met else '**missed**'} |")
    return "\n".join(lines)


def main():
    args = parse_args()
    setup_django(args)
    info = prepare_data(args)
    subject = subjects(args)
    rows = in_process(args, subject)
    http = None if args.skip_http else over_http(args, info)
    report = table(info, rows, http)
    found = targets(info, rows, http)
    report += "\n\nTargets (issue 16):\n\n" + targets_table(found)
    print()
    print(report)
    out = Path(args.out) if args.out else ROOT / "bench" / "out" / f"results-{info['database']}-{args.scale:g}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"info": info, "endpoints": rows, "http": http, "targets": found, "table": report}, indent=2, default=str
        )
    )
    print(f"\nResults: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
