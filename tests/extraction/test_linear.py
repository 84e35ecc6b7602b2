"""The extractor's work grows linearly with the text, whatever it contains (issue 12: "ngày 12/3/2020 " repeated
14,000 times took 167 s). Work is counted, not timed: the Python calls the engine makes on n and on 2n
characters of the same pathological text (bench/extraction_pathological.py prints the times)."""

import sys

import pytest

from bench.extraction_pathological import PIECES, text_of
from extraction.engine import extract


def calls(text: str, catalogue) -> int:
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        extract(text, catalogue)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("name", sorted(PIECES))
def test_work_doubles_when_the_text_doubles(catalogue, name):
    extract(text_of(PIECES[name], 200), catalogue)  # fill the caches first
    small = calls(text_of(PIECES[name], 3_000), catalogue)
    large = calls(text_of(PIECES[name], 6_000), catalogue)
    assert large <= 2.3 * small, f"{name}: {small} calls on 3,000 characters, {large} on 6,000"


def test_a_number_of_199000_digits_is_not_an_error(catalogue):
    text = "Có " + "9" * 199_000 + " buổi tuyên truyền, 12 tập thể được tặng Bằng khen."
    result = extract(text, catalogue)
    assert [f.value for f in result.figures] == []
    assert [t.count for t in result.tallies] == [12]
    result.to_dict()  # serialisable: no int of 199,000 digits anywhere
