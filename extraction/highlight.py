"""The report text cut into chunks, the proposed figures and tallies marked, for a server-rendered page."""

from dataclasses import dataclass


@dataclass
class Mark:
    start: int
    end: int
    anchor: str  # id of the <mark>, e.g. "f3"; "" for evidence
    label: str  # e.g. "F3"
    kind: str  # figure / tally / unclassified / evidence
    title: str = ""


@dataclass
class Chunk:
    text: str
    mark: Mark | None = None


def chunks(text: str, marks: list[Mark]) -> list[Chunk]:
    """Non-overlapping marks in text order (a figure or tally wins over the evidence it overlaps)."""
    primary = [m for m in marks if m.kind != "evidence"]
    evidence = [m for m in marks if m.kind == "evidence"]
    chosen: list[Mark] = []
    for mark in sorted(primary, key=lambda m: (m.start, -(m.end - m.start))) + sorted(evidence, key=lambda m: m.start):
        if mark.end <= mark.start or mark.start < 0 or mark.end > len(text):
            continue
        if any(mark.start < other.end and other.start < mark.end for other in chosen):
            continue
        chosen.append(mark)
    chosen.sort(key=lambda m: m.start)
    result: list[Chunk] = []
    at = 0
    for mark in chosen:
        if mark.start > at:
            result.append(Chunk(text[at : mark.start]))
        result.append(Chunk(text[mark.start : mark.end], mark))
        at = mark.end
    if at < len(text):
        result.append(Chunk(text[at:]))
    return result
