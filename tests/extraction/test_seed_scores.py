"""The extractor on the five seed reports, scored against figures.json (read by hand).

A figure counts as found only when indicator, breakdown, value, out_of and qualifier are all right; a tally
only when issuer, form, recipient kind, count and qualifier are all right. Matching is per report, as
multisets. Run with -s to see the scores."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest

from extraction.catalogue import catalogue_from_db
from extraction.engine import extract

pytestmark = pytest.mark.django_db


def _expected_figures(report) -> Counter:
    return Counter(
        (
            f["indicator"],
            f.get("breakdown") or None,
            Decimal(str(f["value"])),
            Decimal(str(f["out_of"])) if f.get("out_of") is not None else None,
            f["qualifier"],
        )
        for f in report["figures"]
    )


def _expected_tallies(report) -> Counter:
    return Counter(
        (t["issuer"], t["form"], t["recipient_kind"], t["count"], t["qualifier"]) for t in report["award_tallies"]
    )


def _score(seeds):
    catalogue = catalogue_from_db()
    totals = Counter()
    for report, text in seeds:
        result = extract(text, catalogue)
        expected, proposed = _expected_figures(report), Counter(f.key() for f in result.figures)
        totals["figures_expected"] += sum(expected.values())
        totals["figures_proposed"] += sum(proposed.values())
        totals["figures_right"] += sum((expected & proposed).values())
        expected, proposed = _expected_tallies(report), Counter(t.key() for t in result.tallies)
        totals["tallies_expected"] += sum(expected.values())
        totals["tallies_proposed"] += sum(proposed.values())
        totals["tallies_right"] += sum((expected & proposed).values())
    return totals


def test_seed_reports_recall_and_precision(seeds):
    totals = _score(seeds)
    figure_recall = totals["figures_right"] / totals["figures_expected"]
    figure_precision = totals["figures_right"] / totals["figures_proposed"]
    tally_recall = totals["tallies_right"] / totals["tallies_expected"]
    tally_precision = totals["tallies_right"] / totals["tallies_proposed"]
    print(
        f"\nseed reports: figures recall {figure_recall:.1%} ({totals['figures_right']}/{totals['figures_expected']}), "
        f"precision {figure_precision:.1%} ({totals['figures_right']}/{totals['figures_proposed']}); "
        f"tallies recall {tally_recall:.1%} ({totals['tallies_right']}/{totals['tallies_expected']}), "
        f"precision {tally_precision:.1%} ({totals['tallies_right']}/{totals['tallies_proposed']})"
    )
    assert totals["figures_expected"] == 35 and totals["tallies_expected"] == 11
    assert figure_recall >= 0.95
    assert figure_precision >= 0.90
    assert tally_recall >= 0.95
    assert tally_precision >= 0.90


def test_seed_reports_conference_facts(seeds):
    catalogue = catalogue_from_db()
    for report, text in seeds:
        facts = extract(text, catalogue).conference
        assert facts.programme == report["programme"], report["file"]
        expected_held = datetime.date.fromisoformat(report["held_on"]) if report.get("held_on") else None
        assert facts.held_on == expected_held, report["file"]
        period = report["period"]
        assert facts.period is not None, report["file"]
        assert (facts.period.start.isoformat(), facts.period.end.isoformat(), facts.period.label) == (
            period["start"],
            period["end"],
            period["label"],
        ), report["file"]
        # the kind is read wherever the text names it ("hội nghị sơ kết", "tổ chức sơ kết" …)
        assert facts.kind in (report["kind"], None), report["file"]


def test_every_span_is_the_exact_substring(seeds):
    catalogue = catalogue_from_db()
    for _report, text in seeds:
        result = extract(text, catalogue)
        for item in [*result.figures, *result.tallies, *result.unclassified]:
            assert text[item.span.start : item.span.end] == item.span.text
        for figure in result.figures:
            for span in figure.evidence:
                assert text[span.start : span.end] == span.text
