"""The catalogue the engine matches against: plain dataclasses (built from the database by
extraction.catalogue.catalogue_from_db, or by hand in tests), compiled once into token tries."""

import datetime
from dataclasses import dataclass, field

from extraction.engine.document import Token, phrase_tokens


@dataclass(frozen=True)
class IndicatorPhrase:
    """A phrase that names an indicator.

    position: "noun" – the noun phrase right after the number ("3.071 buổi tuyên truyền");
              "predicate" – a phrase later in the sentence when the number counts units
              ("48/48 cơ quan … xây dựng lực lượng bảo vệ");
              "prefix" – a phrase before the number when it counts units ("áp dụng tại 355 cơ quan").
    after_indicator: only when a figure of that indicator comes earlier in the same paragraph
              ("3.071 buổi tuyên truyền … hơn 740.000 người tham gia").
    measure: only when the number is counted with that measure word ("4.589 lượt cơ quan … được công nhận").
    """

    phrase: str
    indicator: str
    position: str = "noun"
    after_indicator: str = ""
    measure: str = ""


@dataclass(frozen=True)
class BreakdownPhrase:
    """A phrase naming a breakdown (kind of unit or area). breakdown "" = the whole population (no breakdown,
    e.g. "cơ quan, doanh nghiệp, nhà trường"). inside: also recognised inside a figure's noun phrase
    ("13 loại mô hình trong khối cơ quan")."""

    phrase: str
    breakdown: str
    inside: bool = False


@dataclass(frozen=True)
class IssuerPhrase:
    """A phrase naming an issuing authority. Parts joined with " + " must all be named together
    ("bộ công an + ubnd tỉnh"). issuer "" = a person who hands awards over on someone's behalf (a deputy),
    not an issuing authority."""

    phrase: str
    issuer: str


@dataclass(frozen=True)
class FormPhrase:
    phrase: str
    form: str


@dataclass(frozen=True)
class ProgrammePhrase:
    phrase: str
    programme: str
    priority: int = 0


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    issued_on: datetime.date | None = None
    review_period_years: int | None = None
    is_recurring: bool = False


TERMINAL = ""  # token keys are never empty


class PhraseTrie:
    """Token-by-token trie over the soft and the folded keys of every phrase."""

    def __init__(self, entries):
        self.tries = {"soft": {}, "folded": {}}
        self.max_len = 0
        for phrase, payload in entries:
            soft_keys, folded_keys = phrase_tokens(phrase)
            if not soft_keys:
                continue
            self.max_len = max(self.max_len, len(soft_keys))
            for mode, keys in (("soft", soft_keys), ("folded", folded_keys)):
                node = self.tries[mode]
                for key in keys:
                    node = node.setdefault(key, {})
                node.setdefault(TERMINAL, []).append(payload)

    def match_at(self, tokens: list[Token], i: int, mode: str, limit: int | None = None) -> list[tuple[int, list]]:
        """Every phrase starting at token i: [(end token index, payloads)], shortest first."""
        results = []
        node = self.tries[mode]
        n = len(tokens)
        if limit is not None and limit < n:
            n = limit
        folded = mode == "folded"
        for k in range(i, n):
            token = tokens[k]
            node = node.get(token.folded if folded else token.soft)
            if node is None:
                break
            if TERMINAL in node:
                results.append((k + 1, node[TERMINAL]))
        return results

    def longest_at(self, tokens: list[Token], i: int, mode: str, limit: int | None = None):
        found = self.match_at(tokens, i, mode, limit)
        return found[-1] if found else None

    def scan(self, tokens: list[Token], start: int, end: int, mode: str) -> list[tuple[int, int, list]]:
        """Longest phrase starting at each token in [start, end) and ending by `end`: [(i, j, payloads)]."""
        results = []
        root = self.tries[mode]
        end = min(end, len(tokens))
        if end <= start:
            return results
        keys = [t.folded for t in tokens[start:end]] if mode == "folded" else [t.soft for t in tokens[start:end]]
        size = len(keys)
        for a in range(size):
            node = root.get(keys[a])
            if node is None:
                continue
            best = (a + 1, node[TERMINAL]) if TERMINAL in node else None
            k = a + 1
            while k < size:
                node = node.get(keys[k])
                if node is None:
                    break
                k += 1
                if TERMINAL in node:
                    best = (k, node[TERMINAL])
            if best:
                results.append((start + a, start + best[0], best[1]))
        return results


def maximal(matches: list[tuple[int, int, list]]) -> list[tuple[int, int, list]]:
    """Drop matches that lie inside a longer one ("ubnd tỉnh" inside "chủ tịch ubnd tỉnh"). One sweep in start
    order (linear after the sort): a match is inside a longer one when an earlier-starting match reaches as far,
    or a longer one starts at the same token."""
    kept = []
    reach = -1  # the furthest end of the matches starting before the current start
    current_start, current_reach = None, -1
    for i, j, payloads in sorted(matches, key=lambda m: (m[0], -m[1])):
        if i != current_start:
            reach = max(reach, current_reach)
            current_start, current_reach = i, -1
        if reach >= j or current_reach > j:
            current_reach = max(current_reach, j)
            continue
        current_reach = max(current_reach, j)
        kept.append((i, j, payloads))
    return kept


@dataclass
class Catalogue:
    indicators: list[IndicatorPhrase] = field(default_factory=list)
    breakdowns: list[BreakdownPhrase] = field(default_factory=list)
    issuers: list[IssuerPhrase] = field(default_factory=list)
    forms: list[FormPhrase] = field(default_factory=list)
    programmes: list[ProgrammePhrase] = field(default_factory=list)
    programme_info: dict[str, ProgrammeInfo] = field(default_factory=dict)

    def __post_init__(self):
        self.compile()

    def compile(self) -> None:
        by_position = {"noun": [], "predicate": [], "prefix": []}
        for item in self.indicators:
            by_position.setdefault(item.position, []).append((item.phrase, item))
        self.indicator_nouns = PhraseTrie(by_position["noun"])
        self.indicator_predicates = PhraseTrie(by_position["predicate"])
        self.indicator_prefixes = PhraseTrie(by_position["prefix"])
        self.breakdown_heads = PhraseTrie((b.phrase, b) for b in self.breakdowns)
        self.breakdown_inside = PhraseTrie((b.phrase, b) for b in self.breakdowns if b.inside)
        singles, self.issuer_combos = [], []
        for item in self.issuers:
            parts = [p.strip() for p in item.phrase.split("+") if p.strip()]
            if len(parts) > 1:
                self.issuer_combos.append((tuple(parts), item))
            elif parts:
                singles.append((parts[0], item))
        self.issuer_singles = PhraseTrie(singles)
        combo_parts = {part for parts, _item in self.issuer_combos for part in parts}
        self.issuer_parts = PhraseTrie((part, part) for part in combo_parts)
        self.form_trie = PhraseTrie((f.phrase, f) for f in self.forms)
        self.programme_trie = PhraseTrie((p.phrase, p) for p in self.programmes)
        self.indicator_codes = {item.indicator for item in self.indicators}
