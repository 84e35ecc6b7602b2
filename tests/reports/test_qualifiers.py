import pytest

from reports.qualifiers import Qualifier, combine, prefix


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([], Qualifier.EXACT),
        (["exact", "exact"], Qualifier.EXACT),
        (["exact", ""], Qualifier.EXACT),
        (["exact", "more_than"], Qualifier.MORE_THAN),
        (["more_than", "more_than"], Qualifier.MORE_THAN),
        (["more_than", "nearly"], Qualifier.ABOUT),
        (["exact", "nearly"], Qualifier.ABOUT),
        (["about"], Qualifier.ABOUT),
        (["nearly"], Qualifier.ABOUT),
        (["more_than", "about", "exact"], Qualifier.ABOUT),
    ],
)
def test_combine_follows_the_qualifier_arithmetic(parts, expected):
    assert combine(parts) == expected


def test_combine_rejects_an_unknown_qualifier():
    with pytest.raises(ValueError):
        combine(["roughly"])


def test_prefix_prints_the_reports_words():
    assert prefix("more_than") == "hơn"
    assert prefix("nearly") == "gần"
    assert prefix("about", "en") == "about"
    assert prefix("exact") == ""
