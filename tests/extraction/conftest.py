import pytest

from extraction.catalogue import default_catalogue
from movement.models import Role
from tests import seeds as seed_files

from .samples import SAMPLES


@pytest.fixture(scope="session")
def catalogue():
    """The seeded synonym catalogue without a database (the data migration's rows)."""
    return default_catalogue()


@pytest.fixture(scope="session")
def seeds():
    """[(report from figures.json, its text)] for the five real seed reports: only beside ../shared (or SEEDS_DIR)."""
    folder = seed_files.seeds_dir()
    if not (folder / "figures.json").exists():
        pytest.skip(f"the seed reports are not at {folder} (set SEEDS_DIR); CI has them")
    figures = seed_files.read_figures(folder)
    return [(report, (folder / report["file"]).read_text(encoding="utf-8")) for report in figures["reports"]]


@pytest.fixture(scope="session")
def samples():
    """[(sample report, its text)] for the project's own test reports (tests/extraction/samples.py)."""
    return [(sample, sample["text"]) for sample in SAMPLES]


@pytest.fixture
def clerk(make_user, thanh_hoa):
    """A data-entry clerk of Thanh Hóa (2025; covers legacy Thanh Hóa)."""
    return make_user(Role.DATA_ENTRY, thanh_hoa)


@pytest.fixture
def viewer(make_user, thanh_hoa):
    return make_user(Role.VIEWER, thanh_hoa)
