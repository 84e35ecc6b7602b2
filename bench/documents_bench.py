"""How long the official documents take: the demo's four documents (needs `make data` in the database of
DATABASE_URL, else var/portal.sqlite3), and an award decision with many recipients built in memory.

    .venv/bin/python bench/documents_bench.py [--runs 5] [--recipients 1000]

Prints, per document, the median time to build it (summary and structure) and to render the .docx and the
PDF, the file sizes and the PDF's page count."""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from awards.models import AwardDecision, RecognitionDecision  # noqa: E402
from documents import content, generators  # noqa: E402
from documents.selectors import DefaultProfile  # noqa: E402
from movement.models import AdministrativeUnit  # noqa: E402
from reports.models import Programme  # noqa: E402


def _median(runs, function):
    times, result = [], None
    for _i in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


class _Recipients(list):
    def all(self):
        return self


def big_award(count: int) -> content.Document:
    recipients = _Recipients(
        SimpleNamespace(
            order=i,
            kind="collective" if i % 3 else "individual",
            name_as_printed=f"Công an xã Thử Nghiệm số {i}" if i % 3 else f"Ông Nguyễn Văn Thử {i}",
            title_as_printed="" if i % 3 else "Trưởng Công an xã",
            get_kind_display=(lambda i=i: "Tập thể" if i % 3 else "Cá nhân"),
        )
        for i in range(1, count + 1)
    )
    decision = SimpleNamespace(
        number="99/QĐ-UBND",
        signed_on=datetime.date(2024, 12, 20),
        status="issued",
        signer_title="Chủ tịch UBND tỉnh",
        signer_name="",
        issuing_authority=SimpleNamespace(name_vi="Chủ tịch UBND tỉnh"),
        form=SimpleNamespace(name_vi="Bằng khen"),
        achievement="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024",
        period_from=2024,
        period_to=2024,
        recipients=recipients,
    )
    return content.award_document(decision, profile=DefaultProfile(place="Thanh Hóa"), stem="bench")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--recipients", type=int, default=1000)
    args = parser.parse_args()
    province = AdministrativeUnit.objects.filter(generation="2025", level="province")
    makers = {}
    if Programme.objects.filter(code="CT07-2014").exists() and province.filter(code="38").exists():
        programme = Programme.objects.get(code="CT07-2014")
        makers["Thanh Hóa CT07 2014-2019"] = lambda: generators.report(
            generators.vietnamese_summary(
                kind="programme_review", programme=programme, period="2014-2019", area=province.get(code="38")
            )
        )
        makers["CT07 2014-2019, whole country"] = lambda: generators.report(
            generators.vietnamese_summary(kind="programme_review", programme=programme, period="2014-2019")
        )
        makers["Quảng Trị 2020"] = lambda: generators.report(
            generators.vietnamese_summary(kind="annual", year=2020, area=province.get(code="44"))
        )
    recognition = RecognitionDecision.objects.filter(certifications__isnull=False).first()
    if recognition is not None:
        makers["recognition decision"] = lambda: generators.recognition(recognition)
    award = AwardDecision.objects.filter(status="issued").first()
    if award is not None:
        makers["award decision"] = lambda: generators.award(award)
    makers[f"award decision, {args.recipients} recipients (in memory)"] = lambda: big_award(args.recipients)
    if len(makers) == 1:
        print("no demo data in this database (make data): only the in-memory decision is measured")
    print(f"{'document':48} {'build':>8} {'.docx':>8} {'PDF':>8} {'docx kB':>8} {'PDF kB':>8} {'pages':>6}")
    for name, make in makers.items():
        build, document = _median(args.runs, make)
        docx_time, docx = _median(args.runs, lambda d=document: generators.render(d, "docx"))
        pdf_time, pdf = _median(args.runs, lambda d=document: generators.render(d, "pdf"))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{name:48} {build * 1000:7.0f}ms {docx_time * 1000:7.0f}ms {pdf_time * 1000:7.0f}ms "
            f"{len(docx) / 1024:8.0f} {len(pdf) / 1024:8.0f} {pages:6d}"
        )


if __name__ == "__main__":
    main()
