"""The five real published reports and their hand-read figures (`../shared/seeds`, or SEEDS_DIR): the reference
answers for the tests and benchmarks that read report texts. Only our own machines and CI have them; the
project itself never reads them (its demo is reports/demo_data/reports.json)."""

import json
import os
from pathlib import Path

from django.conf import settings


def seeds_dir() -> Path:
    override = os.environ.get("SEEDS_DIR")
    return Path(override) if override else Path(settings.BASE_DIR).parent / "shared" / "seeds"


def read_figures(folder: Path | None = None) -> dict:
    folder = folder or seeds_dir()
    with open(folder / "figures.json", encoding="utf-8") as handle:
        return json.load(handle)
