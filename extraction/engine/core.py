"""extract(text, catalogue) → Extraction: the whole pipeline."""

import datetime

from extraction.engine.catalogue import Catalogue
from extraction.engine.document import Document
from extraction.engine.facts import FactReader
from extraction.engine.figures import FigureReader
from extraction.engine.numbers import scan_numbers
from extraction.engine.results import Extraction
from extraction.engine.tallies import parse_tallies


def extract(text: str, catalogue: Catalogue, *, reference_date: datetime.date | None = None) -> Extraction:
    """Propose the figures, award tallies and conference facts of a Vietnamese report text.

    reference_date: the day the text is known to precede (e.g. when it was received); years the text omits
    are inferred no later than that."""
    doc = Document(text or "")
    numbers = scan_numbers(doc)
    tallies, consumed = parse_tallies(doc, numbers, catalogue)
    reader = FigureReader(doc, catalogue)
    reader.read(numbers, consumed)
    facts_reader = FactReader(doc, catalogue, numbers, reference_date=reference_date)
    school_years = facts_reader.school_years()
    if school_years:
        _attach_school_years(doc, reader.figures, school_years)
    facts = facts_reader.read(reader.figures)
    return Extraction(
        figures=reader.figures,
        tallies=tallies,
        conference=facts,
        notes=[*reader.notes, *facts_reader.notes],
        unclassified=reader.unclassified,
    )


def _attach_school_years(doc: Document, figures, school_years) -> None:
    """A figure in the same clause as "năm học 2019-2020" (up to the next ";") carries that period: the nearest
    such phrase before it in its sentence, with no ";" between (bisection over positions: linear overall)."""
    from bisect import bisect_left

    positions = [at for at, _label in school_years]
    semicolons = [k for k, t in enumerate(doc.tokens) if t.soft == ";"]
    for figure in figures:
        token = doc.token_at(bisect_left(doc.index, figure.span.start))
        sentence = doc.sentence_of(min(token, len(doc.tokens) - 1))
        k = bisect_left(positions, token) - 1
        if k < 0 or positions[k] < sentence.start:
            continue
        at, label = school_years[k]
        between = bisect_left(semicolons, token) - bisect_left(semicolons, at)
        if between == 0:
            figure.period_label = label
