"""How long the extractor takes on pathological 200 kB texts (issue 12): one date, digits, punctuation or an
award phrase repeated up to the API limit, and one number of 199,000 digits.

    .venv/bin/python bench/extraction_pathological.py [--size 200000] [--only NAME] [--memory]

Prints, per input, the CPU and wall time of one extraction (CPU time is the fair figure on a shared machine) and
(with --memory) the peak memory tracemalloc saw; also the CPU time on half the size, so the ratio shows how the
cost grows (about 2 when linear)."""

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from extraction.catalogue import default_catalogue  # noqa: E402
from extraction.engine import extract  # noqa: E402

PIECES = {
    "dates": "ngày 12/3/2020 ",  # issue 12: 14,000 of these took 167 s
    "digits": "1234567890 ",
    "one_number": "9",
    "punctuation": ".,;:!?()-/ ",
    "newlines": "a\n",
    "awards": "tặng Bằng khen cho 12 tập thể, ",
    "figures": "hội nghị tổ chức 46 buổi tuyên truyền, ",
    "places": "tại xã Đông Vệ, huyện Quảng Xương, tỉnh Thanh Hóa ",
    "fractions": "113/128 xã, ",
    "unit_list": "12/12 khu dân cư; ",
    "percents": "85% hộ gia đình 12 hộ ký cam kết, đạt 9% ",
    "new_and_labels": "xây dựng mới 5 mô hình tự quản, tin có giá trị 7 tin, khám phá 3 vụ án ",
    "award_lists": "tại 4 đơn vị, 9 huy hiệu, bằng khen, giấy khen trao cho 2 tập thể, ",
}


def text_of(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def run(text: str, catalogue, memory: bool) -> tuple[float, float, int | None]:
    """(wall seconds, CPU seconds of this process, peak traced bytes or None)."""
    if memory:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    extract(text, catalogue)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters (the API limit is 200,000)")
    parser.add_argument("--only", choices=sorted(PIECES), action="append")
    parser.add_argument("--memory", action="store_true", help="also measure peak memory (slower)")
    args = parser.parse_args()
    catalogue = default_catalogue()
    extract("Hội nghị tổ chức 46 buổi tuyên truyền.", catalogue)  # warm up caches
    worst = 0.0
    for name in args.only or sorted(PIECES):
        _wall, half, _peak = run(text_of(PIECES[name], args.size // 2), catalogue, False)
        seconds, cpu, _peak = run(text_of(PIECES[name], args.size), catalogue, False)
        # tracemalloc slows everything down: the peak is measured in a run of its own
        peak = run(text_of(PIECES[name], args.size), catalogue, True)[2] if args.memory else None
        worst = max(worst, cpu)
        memory = f", peak {peak / 1e6:.1f} MB" if peak is not None else ""
        print(
            f"{name:12s} {args.size:,} chars: CPU {cpu * 1000:7.1f} ms, wall {seconds * 1000:7.1f} ms "
            f"(half size: CPU {half * 1000:.1f} ms, ratio {cpu / half if half else 0:.2f}){memory}"
        )
    print(f"worst CPU time: {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
