"""The issue-18 paragraphs (tests/extraction/unseen_clerk.py): each proposes what a clerk would enter, and the
score over all of them is printed (run with -s)."""

from collections import Counter

import pytest

from extraction.engine import extract
from tests.extraction import unseen_clerk


@pytest.fixture
def run(catalogue):
    return lambda text: extract(text, catalogue)


@pytest.mark.parametrize("paragraph", unseen_clerk.PARAGRAPHS, ids=lambda p: p["name"])
def test_paragraph_proposes_what_a_clerk_enters(run, paragraph):
    result = run(paragraph["text"])
    assert Counter(unseen_clerk.figure_key(f) for f in result.figures) == unseen_clerk.expected_figures(paragraph)
    assert Counter(unseen_clerk.tally_key(t) for t in result.tallies) == Counter(paragraph["tallies"])


def test_score_over_the_paragraphs(run):
    totals = unseen_clerk.score(run)
    print("\n" + unseen_clerk.describe(totals))
    assert len(unseen_clerk.PARAGRAPHS) >= 10
    assert totals["figures_right"] == totals["figures_expected"] == totals["figures_proposed"]
    assert totals["tallies_right"] == totals["tallies_expected"] == totals["tallies_proposed"]
