"""Write the demo's documents as .docx and PDF into a folder: the Thanh Hóa CT07 2014-2019 report draft,
the Quảng Trị 2020 annual draft, a recognition decision and an award decision (`make documents` also
renders the PDF pages to PNG with pdftoppm, to look at them)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from awards.models import AwardDecision, RecognitionDecision
from documents import generators
from movement.models import AdministrativeUnit
from reports.models import Programme


class Command(BaseCommand):
    help = "Write the demo documents (.docx and PDF) into --out (default var/documents)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="var/documents")

    def handle(self, *args, out, verbosity=1, **options):
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        try:
            thanh_hoa = AdministrativeUnit.objects.get(generation="2025", level="province", code="38")
            quang_tri = AdministrativeUnit.objects.get(generation="2025", level="province", code="44")
            programme = Programme.objects.get(code="CT07-2014")
        except (AdministrativeUnit.DoesNotExist, Programme.DoesNotExist):
            raise CommandError("Load the demo data first: make data")
        makers = {
            "bao-cao-thanh-hoa-ct07-2014-2019": lambda: generators.report(
                generators.vietnamese_summary(
                    kind="programme_review", programme=programme, period="2014-2019", area=thanh_hoa
                )
            ),
            "bao-cao-quang-tri-2020": lambda: generators.report(
                generators.vietnamese_summary(kind="annual", year=2020, area=quang_tri)
            ),
        }
        recognition = RecognitionDecision.objects.filter(certifications__isnull=False).order_by("pk").first()
        if recognition is not None:
            makers["quyet-dinh-cong-nhan"] = lambda: generators.recognition(recognition)
        award = AwardDecision.objects.filter(status=AwardDecision.Status.ISSUED).order_by("pk").first()
        if award is not None:
            makers["quyet-dinh-khen-thuong"] = lambda: generators.award(award)
        for name, make in makers.items():
            document = make()
            for file_format in generators.FORMATS:
                path = target / f"{name}.{file_format}"
                path.write_bytes(generators.render(document, file_format))
                if verbosity:
                    self.stdout.write(str(path))
