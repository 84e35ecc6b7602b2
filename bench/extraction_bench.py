"""How long the extractor takes on a ~10 kB report text (and on the largest text the API accepts).

    .venv/bin/python bench/extraction_bench.py [--runs 50]

Sets Django up itself (test settings; no database: the catalogue is the one the data migration seeds) and
prints the median time per extraction over the runs, plus the time to compile the catalogue once."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from extraction.catalogue import default_catalogue  # noqa: E402
from extraction.engine import extract  # noqa: E402
from tests import seeds  # noqa: E402


def seed_text() -> str:
    """The five real reports where the machine has them (tests/seeds.py), else the project's own test reports."""
    folder = seeds.seeds_dir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        from tests.extraction.samples import SAMPLES

        print(f"(no seed reports at {folder}: timing the project's own sample reports)")
        texts = [sample["text"] for sample in SAMPLES]
    return "\n\n".join(texts)


def text_of_size(source: str, size_bytes: int) -> str:
    """Whole lines of `source` (repeated as needed) up to about `size_bytes` of UTF-8."""
    lines, total = [], 0
    while total < size_bytes:
        for line in source.splitlines():
            lines.append(line)
            total += len(line.encode("utf-8")) + 1
            if total >= size_bytes:
                break
    return "\n".join(lines)


def median_seconds(text: str, catalogue, runs: int) -> tuple[float, int, int]:
    timings = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = extract(text, catalogue)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), len(result.figures), len(result.tallies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    started = time.perf_counter()
    catalogue = default_catalogue()
    compiled = time.perf_counter() - started
    source = seed_text()
    print(f"catalogue: {len(catalogue.indicators)} indicator phrases, compiled in {compiled * 1000:.1f} ms")
    for label, size, runs in (("~10 kB", 10_240, args.runs), ("~200 kB (API limit)", 200_000, max(3, args.runs // 10))):
        text = text_of_size(source, size)
        extract(text, catalogue)  # warm up caches
        seconds, figures, tallies = median_seconds(text, catalogue, runs)
        print(
            f"{label}: {len(text.encode('utf-8')):,} bytes, {len(text):,} characters → {figures} figures, "
            f"{tallies} tallies; median {seconds * 1000:.1f} ms per extraction over {runs} runs"
        )


if __name__ == "__main__":
    main()
