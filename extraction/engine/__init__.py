"""The extraction engine: reads Vietnamese conference-report text and proposes reported figures, award
tallies and the conference facts (date, kind, programme, period), each with the exact span of text it came
from. Pure Python: it takes an in-memory `Catalogue` (built from the database by extraction.catalogue, or by
hand in tests) and touches no database.

    from extraction.engine import Catalogue, extract
    result = extract(text, catalogue)          # -> Extraction
    result.to_dict()                           # JSON-ready
"""

from extraction.engine.catalogue import (
    BreakdownPhrase,
    Catalogue,
    FormPhrase,
    IndicatorPhrase,
    IssuerPhrase,
    ProgrammeInfo,
    ProgrammePhrase,
)
from extraction.engine.core import extract
from extraction.engine.results import (
    ConferenceFacts,
    Extraction,
    Period,
    Place,
    ProposedFigure,
    ProposedTally,
    Span,
    UnclassifiedNumber,
)

__all__ = [
    "BreakdownPhrase",
    "Catalogue",
    "ConferenceFacts",
    "Extraction",
    "FormPhrase",
    "IndicatorPhrase",
    "IssuerPhrase",
    "Period",
    "Place",
    "ProgrammeInfo",
    "ProgrammePhrase",
    "ProposedFigure",
    "ProposedTally",
    "Span",
    "UnclassifiedNumber",
    "extract",
]
