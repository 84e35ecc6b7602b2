"""A small HTTP load generator (used by run_bench.py when wrk is not installed): N threads, each with its
own keep-alive connection, for S seconds. Prints the same BENCH line as bench/wrk_report.lua.

    python bench/loadgen.py URL SECONDS CONNECTIONS [--header "Name: value"]…
"""

import argparse
import http.client
import math
import threading
import time
from urllib.parse import urlsplit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("seconds", type=float)
    parser.add_argument("connections", type=int)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    parts = urlsplit(args.url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = dict(h.split(": ", 1) for h in args.header)
    latencies: list[float] = []
    errors = [0]
    received = [0]
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < stop:
            begin = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                body = response.read()
                ok = response.status < 400
                if response.will_close:
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            except (OSError, http.client.HTTPException):
                ok, body = False, b""
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            elapsed = (time.perf_counter() - begin) * 1000
            with lock:
                latencies.append(elapsed)
                received[0] += len(body)
                if not ok:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def percentile(p):
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    print(
        f"BENCH requests={len(latencies)} seconds={duration:.3f} p50_ms={percentile(50):.2f} "
        f"p95_ms={percentile(95):.2f} p99_ms={percentile(99):.2f} errors={errors[0]} bytes={received[0]}"
    )


if __name__ == "__main__":
    main()
