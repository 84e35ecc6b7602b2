"""A small synthetic national dataset (scale 0.01: a few seconds), generated once per test module and
removed afterwards."""

import pytest
from django.db import transaction

from synthetic.cleanup import delete_generated
from synthetic.generator import NationalDatasetGenerator

SCALE, SEED, END_YEAR = 0.01, 11, 2025


def generate(*, scale=SCALE, seed=SEED, end_year=END_YEAR):
    return NationalDatasetGenerator(scale=scale, seed=seed, end_year=end_year, progress=False).run()


@pytest.fixture(scope="module")
def national_dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        dataset = generate()
        yield dataset
        with transaction.atomic():
            delete_generated()
