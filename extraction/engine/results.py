"""What the engine proposes. Every proposal carries the span of the original text it came from:
character offsets [start, end) and the exact substring."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


def _number(value: Decimal | None):
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass
class ProposedFigure:
    indicator: str
    breakdown: str | None
    value: Decimal
    out_of: Decimal | None
    qualifier: str
    span: Span  # the figure as printed: qualifier, number and its noun phrase
    phrase: str = ""  # the catalogue phrase that named the indicator
    evidence: list[Span] = field(default_factory=list)  # where the indicator was read when not in `span`
    period_label: str = ""  # e.g. "năm học 2019-2020" when the figure has its own period
    notes: list[str] = field(default_factory=list)
    unit: str = ""  # "%" for a percentage ("khoảng 85% hộ gia đình …"); "" for a count
    base: Span | None = None  # what a percentage is of, when the sentence gives it ("3.912 hộ gia đình")
    base_value: Decimal | None = None

    def key(self) -> tuple:
        return (self.indicator, self.breakdown or None, self.value, self.out_of, self.qualifier)

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "breakdown": self.breakdown or None,
            "value": _number(self.value),
            "out_of": _number(self.out_of),
            "qualifier": self.qualifier,
            "span": self.span.to_dict(),
            "phrase": self.phrase,
            "evidence": [s.to_dict() for s in self.evidence],
            "period_label": self.period_label,
            "notes": list(self.notes),
            "unit": self.unit,
            "base": {"value": _number(self.base_value), "span": self.base.to_dict()} if self.base else None,
        }


@dataclass
class ProposedTally:
    issuer: str | None
    form: str | None
    recipient_kind: str  # collective / individual / mixed
    count: int
    qualifier: str
    span: Span  # the recipients as printed ("26 tập thể")
    evidence: list[Span] = field(default_factory=list)  # the award form and the issuer
    notes: list[str] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.issuer, self.form, self.recipient_kind, self.count, self.qualifier)

    def to_dict(self) -> dict:
        return {
            "issuer": self.issuer,
            "form": self.form,
            "recipient_kind": self.recipient_kind,
            "count": self.count,
            "qualifier": self.qualifier,
            "span": self.span.to_dict(),
            "evidence": [s.to_dict() for s in self.evidence],
            "notes": list(self.notes),
        }


@dataclass
class UnclassifiedNumber:
    """A number followed by a noun the catalogue does not know: shown to staff, never proposed as a figure."""

    value: Decimal
    out_of: Decimal | None
    qualifier: str
    span: Span
    unit: str = ""  # "%" for a percentage

    def to_dict(self) -> dict:
        return {
            "value": _number(self.value),
            "out_of": _number(self.out_of),
            "qualifier": self.qualifier,
            "span": self.span.to_dict(),
            "unit": self.unit,
        }


@dataclass
class Period:
    start: datetime.date | None
    end: datetime.date | None
    label: str
    inferred: bool = False
    span: Span | None = None

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "label": self.label,
            "inferred": self.inferred,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass
class Place:
    """An administrative unit named in the text, as printed ("tỉnh Thanh Hóa"), with its level."""

    name: str
    level: str  # province / district / commune
    prefix: str  # the printed word before the name: tỉnh, huyện, TP …
    span: Span
    in_conference_sentence: bool = False  # named where the text says who held the conference

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "level": self.level,
            "prefix": self.prefix,
            "span": self.span.to_dict(),
            "in_conference_sentence": self.in_conference_sentence,
        }


@dataclass
class ConferenceFacts:
    held_on: datetime.date | None = None
    held_on_inferred: bool = False
    held_on_span: Span | None = None
    published_on: datetime.date | None = None
    published_on_span: Span | None = None
    kind: str | None = None
    kind_span: Span | None = None
    programme: str | None = None
    programme_span: Span | None = None
    period: Period | None = None
    places: list[Place] = field(default_factory=list)
    title: str = ""

    def to_dict(self) -> dict:
        def span(s):
            return s.to_dict() if s else None

        return {
            "held_on": self.held_on.isoformat() if self.held_on else None,
            "held_on_inferred": self.held_on_inferred,
            "held_on_span": span(self.held_on_span),
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "published_on_span": span(self.published_on_span),
            "kind": self.kind,
            "kind_span": span(self.kind_span),
            "programme": self.programme,
            "programme_span": span(self.programme_span),
            "period": self.period.to_dict() if self.period else None,
            "places": [p.to_dict() for p in self.places],
            "title": self.title,
        }


@dataclass
class Extraction:
    figures: list[ProposedFigure]
    tallies: list[ProposedTally]
    conference: ConferenceFacts
    notes: list[str]
    unclassified: list[UnclassifiedNumber]

    def to_dict(self) -> dict:
        return {
            "figures": [f.to_dict() for f in self.figures],
            "tallies": [t.to_dict() for t in self.tallies],
            "conference": self.conference.to_dict(),
            "notes": list(self.notes),
            "unclassified": [u.to_dict() for u in self.unclassified],
        }
