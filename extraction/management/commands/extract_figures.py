"""manage.py extract_figures FILE [--reference-date YYYY-MM-DD]: print the proposals for a report text as JSON."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from extraction.catalogue import catalogue_from_db
from extraction.engine import extract
from extraction.files import read_text_file
from extraction.services import check_text
from movement.errors import ApplicationError


class Command(BaseCommand):
    help = "Propose the figures, award tallies and conference facts of a report (.txt or .docx); prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .txt (UTF-8) or .docx file; '-' reads text from standard input.")
        parser.add_argument(
            "--reference-date",
            type=datetime.date.fromisoformat,
            help="Years the text omits are inferred no later than this day (YYYY-MM-DD).",
        )
        parser.add_argument("--compact", action="store_true", help="One line of JSON instead of indented.")

    def handle(self, *args, file, reference_date=None, compact=False, **options):
        try:
            if file == "-":
                import sys

                text = sys.stdin.read()
            else:
                path = Path(file)
                if not path.is_file():
                    raise CommandError(f"No such file: {file}")
                text = read_text_file(path.read_bytes(), path.name)
            text = check_text(text)
        except ApplicationError as error:
            raise CommandError(str(error))
        result = extract(text, catalogue_from_db(), reference_date=reference_date)
        self.stdout.write(
            json.dumps(result.to_dict(), ensure_ascii=False, indent=None if compact else 2),
        )
