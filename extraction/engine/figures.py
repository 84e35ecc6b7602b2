"""Numbers → reported figures.

The indicator comes from the catalogue's phrases:

1. the noun phrase right after the number ("3.071 buổi tuyên truyền", "hơn 10.000 tin", "gần 30kg thuốc nổ");
   a phrase may hold only after a figure of another indicator in the same paragraph ("… buổi tuyên truyền …
   với hơn 740.000 người tham gia");
2. when the number counts units ("113/128 xã", "48/48 cơ quan, doanh nghiệp, nhà trường"), the unit noun is the
   breakdown and the indicator comes from a predicate later in the sentence ("… đạt tiêu chuẩn An toàn …",
   "… xây dựng lực lượng bảo vệ …") or a phrase before the number ("áp dụng tại 355 cơ quan …"), across a
   list of such counts ("công nhận 1.069/1.144 khu dân cư; 113/128 xã, 14/15 phường …").

Breakdowns also come from "khối …" inside the noun phrase ("13 loại mô hình trong khối cơ quan"). A count
of the whole population ("cơ quan, doanh nghiệp, nhà trường") has no breakdown, and neither has a later
count out of the same total ("17/48 cơ quan" after "48/48 cơ quan, doanh nghiệp, nhà trường").
"""

from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from extraction.engine.catalogue import BreakdownPhrase, Catalogue, IndicatorPhrase, PhraseTrie
from extraction.engine.document import Document, normalise
from extraction.engine.numbers import VAGUE, VAGUE_FOLDED, Number
from extraction.engine.results import ProposedFigure, Span, UnclassifiedNumber

# measure words that may stand between the number and its noun without changing the indicator
TRANSPARENT = {"lượt", "loại", "chiếc", "cái", "con", "khẩu", "quả", "viên", "đầu"}
TRANSPARENT_FOLDED = {normalise(w)[1] for w in TRANSPARENT}
VAGUE_FIRST = {words[0] for words in VAGUE}
VAGUE_FIRST_FOLDED = {words[0] for words in VAGUE_FOLDED}
# a number introduced as newly built in the period ("xây dựng mới 125 mô hình"): only a phrase with the measure
# "mới" names its indicator (the new-in-period one), never the total's
NEW_CUES = {
    tuple(normalise(cue)[1].split())
    for cue in (
        "xây dựng mới",
        "thành lập mới",
        "phát triển mới",
        "hình thành mới",
        "tăng mới",
        "mới xây dựng",
        "mới thành lập",
        "mới được xây dựng",
        "mới được thành lập",
        "mới phát triển",
    )
}
NEW_CUE_FILLERS = {"them", "duoc", "dung", "tong", "cong"}  # "xây dựng mới thêm 12 …", "thành lập mới được 3 …"
NEW, PERCENT = "moi", "%"  # the folded measures that only a new or a percentage number takes
# words between a label and its number: "nguồn tin có giá trị (là|đạt|:) khoảng 4.100 tin"
LABEL_LINKS = {"la", "dat", ":", "co", "gom", "duoc"}
# unit nouns that make a list of units span several breakdowns ("cơ quan, doanh nghiệp, cơ sở kinh tế")
GROUP_NOUNS = PhraseTrie(
    (phrase, phrase)
    for phrase in ("cơ sở", "đơn vị", "hợp tác xã", "tổ chức", "chợ", "khu công nghiệp", "cụm công nghiệp", "hộ")
)
GROUP_JOINERS = {",", "và", "va"}
MAX_CANDIDATES = 64  # catalogue phrases tried per count before giving up (bounds the work on pathological text)
CLAUSE_STOP = {";", ".", ":", "(", ")", "…", "!", "?"}
# nouns that make a number a duration, an age or a rank rather than a quantity of something reported
NOT_QUANTITIES = {
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "quý",
    "giờ",
    "phút",
    "lần",
    "tuổi",
    "km",
    "m",
    "ha",
    "%",
}


@lru_cache(maxsize=256)
def _folded(word: str) -> str:
    return normalise(word.strip())[1]


@dataclass
class _Head:
    number: Number
    sentence: object
    mode: str
    measure: str
    indicator_matches: list  # [(end token, payloads)] longest first
    breakdown: tuple | None  # (end token, BreakdownPhrase)
    aspect: str = ""  # NEW for a number introduced as newly built, PERCENT for a percentage
    counted: tuple = ()  # the folded words right after the number ("vu", "an")
    mixed: bool = False  # the units named span several breakdowns: proposed as the total

    @property
    def indicator_end(self) -> int:
        return self.indicator_matches[0][0] if self.indicator_matches else -1

    @property
    def is_unit_count(self) -> bool:
        return self.breakdown is not None and self.breakdown[0] > self.indicator_end


class FigureReader:
    def __init__(self, doc: Document, catalogue: Catalogue):
        self.doc = doc
        self.catalogue = catalogue
        self.figures: list[ProposedFigure] = []
        self.unclassified: list[UnclassifiedNumber] = []
        self.notes: list[str] = []
        self._placed: dict[tuple[int, str], list[int]] = {}  # (paragraph, indicator) → tokens of figures so far
        self._sentence_matches: dict[tuple[str, int], tuple[list[int], list]] = {}
        self._whole_totals: set = set()
        self._mentions: dict | None = None
        self._new_words: list[int] | None = None  # tokens that read "mới"

    # -- heads ----------------------------------------------------------------------------------------------

    def head(self, number: Number) -> _Head | None:
        doc = self.doc
        if number.last_token >= len(doc.tokens):
            return None
        sentence = doc.sentence_of(number.first_token)
        mode = doc.keys(sentence)
        j = number.last_token
        if j >= sentence.end:
            return None
        tokens = doc.tokens
        measure = ""
        starts = [j]
        key = tokens[j].folded if mode == "folded" else tokens[j].soft
        if key in (TRANSPARENT_FOLDED if mode == "folded" else TRANSPARENT) and j + 1 < sentence.end:
            measure = tokens[j].folded
            starts.append(j + 1)
        matches = []
        for start in starts:
            matches.extend(self.catalogue.indicator_nouns.match_at(tokens, start, mode, sentence.end))
        matches.sort(key=lambda m: -m[0])
        breakdown = None
        for start in starts:
            found = self.catalogue.breakdown_heads.longest_at(tokens, start, mode, sentence.end)
            if found and (breakdown is None or found[0] > breakdown[0]):
                breakdown = (found[0], found[1][0])
        mixed = False
        if breakdown is not None:
            end, mixed = self._group_end(breakdown, sentence, mode)
            if mixed:
                breakdown = (end, BreakdownPhrase(breakdown[1].phrase, ""))
        aspect = PERCENT if number.kind == "percent" else (NEW if self._introduced_as_new(number, sentence) else "")
        counted = tuple(t.folded for t in tokens[j : min(j + 3, sentence.end)])
        return _Head(number, sentence, mode, measure, matches, breakdown, aspect, counted, mixed)

    def _group_end(self, breakdown: tuple, sentence, mode: str) -> tuple[int, bool]:
        """ "1.260 khu dân cư, xã, thị trấn": a list of units that spans several breakdowns (or names units no
        breakdown covers, "…, cơ sở kinh tế") is a count of all of them: (end token, spans several)."""
        tokens = self.doc.tokens
        end, phrase = breakdown
        codes = {phrase.breakdown}
        mixed = False
        while end + 1 < sentence.end and tokens[end].soft in GROUP_JOINERS:
            found = self.catalogue.breakdown_heads.longest_at(tokens, end + 1, mode, sentence.end)
            if found:
                codes.add(found[1][0].breakdown)
                end = found[0]
                continue
            other = GROUP_NOUNS.longest_at(tokens, end + 1, mode, sentence.end)
            if other:
                mixed = True
                end = other[0]
                continue
            break
        return end, mixed or len(codes) > 1

    def _introduced_as_new(self, number: Number, sentence) -> bool:
        tokens = self.doc.tokens
        first = self.doc.token_at(number.span_start)
        lo = max(sentence.start, first - 5)
        if self._new_words is None:
            self._new_words = [k for k, t in enumerate(tokens) if t.folded == NEW]
        k = bisect_left(self._new_words, lo)
        if k == len(self._new_words) or self._new_words[k] >= first:
            return False  # no "mới" just before the number: the usual case, answered without a copy
        words = [t.folded for t in tokens[lo:first]]
        while words and words[-1] in NEW_CUE_FILLERS:
            words.pop()
        if not words or (words[-1] != "moi" and "moi" not in words[-3:]):
            return False
        return any(tuple(words[-len(cue) :]) == cue for cue in NEW_CUES if len(words) >= len(cue))

    # -- resolution -----------------------------------------------------------------------------------------

    def _condition_holds(self, phrase: IndicatorPhrase, paragraph: int, token: int) -> int | None:
        """Distance (in tokens) to the nearest earlier figure of phrase.after_indicator in the paragraph."""
        if not phrase.after_indicator:
            return None
        placed = self._placed.get((paragraph, phrase.after_indicator))
        if not placed:
            return None
        k = bisect_left(placed, token) - 1
        return token - placed[k] if k >= 0 else None

    def _mentioned(self, indicator: str, paragraph: int, token: int) -> int | None:
        """Distance to the nearest earlier phrase naming `indicator` in the paragraph, with or without a number
        ("Từ nguồn tin do quần chúng cung cấp, … khám phá 316 vụ án"). The text is read once, on first need."""
        if self._mentions is None:
            self._mentions = {}
            doc = self.doc
            for sentence in doc.sentences:
                for i, _j, payloads in self._matches("indicator_nouns", sentence, doc.keys(sentence))[1]:
                    for item in payloads:
                        if not item.after_indicator and not item.measure:
                            self._mentions.setdefault((sentence.paragraph, item.indicator), []).append(i)
        at = self._mentions.get((paragraph, indicator))
        if not at:
            return None
        k = bisect_left(at, token) - 1
        return token - at[k] if k >= 0 else None

    def _measure_fits(self, phrase: IndicatorPhrase, head: _Head) -> bool:
        """A phrase with a measure applies only to numbers counted with it ("lượt", "vụ", "đối tượng"), or to
        new (NEW) or percentage (PERCENT) numbers; a new or percentage number takes only such phrases."""
        measure = _folded(phrase.measure) if phrase.measure else ""
        if measure in (NEW, PERCENT) or head.aspect:
            return measure == head.aspect
        if not measure:
            return True
        words = tuple(measure.split())
        return head.counted[: len(words)] == words

    def _choose(
        self, payloads: list[IndicatorPhrase], head: _Head, *, mentions: bool = False
    ) -> IndicatorPhrase | None:
        paragraph, token = head.sentence.paragraph, head.number.first_token
        conditional = []
        plain = []
        for phrase in payloads:
            if not self._measure_fits(phrase, head):
                continue
            if phrase.after_indicator:
                distance = self._condition_holds(phrase, paragraph, token)
                if distance is None and mentions:
                    distance = self._mentioned(phrase.after_indicator, paragraph, token)
                if distance is not None:
                    conditional.append((distance, 0 if phrase.measure else 1, phrase))
            else:
                plain.append((0 if phrase.measure else 1, phrase))
        if conditional:
            return min(conditional, key=lambda c: (c[0], c[1]))[2]
        if plain:
            return min(plain, key=lambda p: p[0])[1]
        return None

    def read(self, numbers: list[Number], consumed: set[int]) -> None:
        heads = {}
        percents = []
        for number in numbers:
            if (number.is_count or number.kind == "percent") and id(number) not in consumed:
                head = self.head(number)
                if head is None:
                    continue
                if number.kind == "percent":
                    percents.append(head)
                else:
                    heads[id(number)] = head
        counts = [n for n in numbers if id(n) in heads]
        # for each count, the nearest later and earlier count that names its own noun (not a count of units)
        is_noun = [bool(heads[id(n)].indicator_matches and not heads[id(n)].is_unit_count) for n in counts]
        self._next_noun_count: list[int | None] = [None] * len(counts)
        self._previous_noun_count: list[int | None] = [None] * len(counts)
        following = None
        for k in range(len(counts) - 1, -1, -1):
            self._next_noun_count[k] = following
            if is_noun[k]:
                following = k
        preceding = None
        for k in range(len(counts)):
            self._previous_noun_count[k] = preceding
            if is_noun[k]:
                preceding = k
        self._counts_by_end = {n.last_token: n for n in numbers if n.kind in ("quantity", "fraction")}
        for index, number in enumerate(counts):
            head = heads[id(number)]
            if not head.is_unit_count and self._label_figure(head):
                continue
            if head.indicator_matches and not head.is_unit_count and self._noun_figure(head):
                continue
            if head.breakdown is not None:
                self._unit_figure(head, counts, index, heads)
            elif not number.is_words and not self._prefix_figure(head):
                self._unclassified(head)
        for head in percents:
            self._percent_figure(head)
        self.figures.sort(key=lambda f: f.span.start)
        self._vague_quantities()

    # -- labels before the number ---------------------------------------------------------------------------

    def _label_figure(self, head: _Head) -> bool:
        """ "nguồn tin có giá trị khoảng 4.100 tin": a phrase right before the number that names an indicator
        more fully than the noun after it names the figure (or names it when no noun follows)."""
        doc, tokens, sentence = self.doc, self.doc.tokens, head.sentence
        first = doc.token_at(head.number.span_start)
        end = first
        while end > sentence.start and first - end < 2 and tokens[end - 1].folded in LABEL_LINKS:
            end -= 1
        trie = self.catalogue.indicator_nouns
        label = None
        for i in range(max(sentence.start, end - trie.max_len), end):
            found = trie.match_at(tokens, i, head.mode, end)
            if found and found[-1][0] == end:
                label = (i, found[-1][1])
                break  # the longest label ending there
        if label is None:
            return False
        i, payloads = label
        if i > sentence.start and (tokens[i - 1].is_number or tokens[i - 1].soft == "%"):
            return False  # the noun of the number before ("215 nguồn tin 87 …")
        noun_length = head.indicator_end - head.number.last_token if head.indicator_matches else 0
        if end - i <= noun_length:
            return False
        phrase = self._choose(payloads, head)
        if phrase is None:
            return False
        if head.indicator_matches:
            after = self._choose(head.indicator_matches[0][1], head)
            if after is not None and after.indicator == phrase.indicator:
                return False  # the noun after says the same: read it as usual
            end_token = head.indicator_end
        else:
            end_token = head.number.last_token
        self._add(head, phrase, self._breakdown_before(head), end_token, evidence=[self._token_span(i, end)])
        return True

    def _prefix_figure(self, head: _Head) -> bool:
        """ "khám phá 316 vụ án", "bắt giữ 742 đối tượng": a verb right before a number counted with the phrase's
        measure word, in a paragraph that speaks of what the indicator needs (tips given to the police)."""
        doc, tokens, sentence = self.doc, self.doc.tokens, head.sentence
        first = doc.token_at(head.number.span_start)
        end = first
        if end > sentence.start and tokens[end - 1].folded == "duoc":
            end -= 1
        trie = self.catalogue.indicator_prefixes
        for i in range(max(sentence.start, end - trie.max_len), end):
            for e, payloads in trie.match_at(tokens, i, head.mode, end):
                if e != end:
                    continue
                usable = [p for p in payloads if p.measure]
                phrase = self._choose(usable, head, mentions=True) if usable else None
                if phrase is None:
                    continue
                measure_words = len(_folded(phrase.measure).split())
                stop = self._clause_end(head.number.last_token + measure_words, sentence)
                end_token = min(stop, head.number.last_token + measure_words + 2)
                while end_token > head.number.last_token + measure_words and not tokens[end_token - 1].is_word:
                    end_token -= 1
                self._add(head, phrase, None, end_token, evidence=[self._token_span(i, e)])
                return True
        return False

    # -- percentages ----------------------------------------------------------------------------------------

    def _percent_figure(self, head: _Head) -> None:
        """ "khoảng 85% hộ gia đình đã ký cam kết", "3.912 hộ gia đình ký cam kết, đạt 92,5%": a percentage is a
        figure (unit %) of an indicator whose phrase has the measure "%", read after it or before it in the
        sentence; its base is the count before it in the same clause when there is one."""
        doc, tokens, sentence, number = self.doc, self.doc.tokens, head.sentence, head.number
        chosen = None
        for end, payloads in head.indicator_matches:
            phrase = self._choose(payloads, head)
            if phrase is not None:
                chosen = (phrase, number.last_token, end, end)
                break
        if chosen is None:
            stop = number.last_token
            while stop < sentence.end and not tokens[stop].is_number and tokens[stop].soft != ";":
                stop += 1
            for i, j, payloads in self._phrases_between(
                "indicator_predicates", sentence, head.mode, number.last_token, stop, backwards=False
            ):
                phrase = self._choose(payloads, head)
                if phrase is not None:
                    chosen = (phrase, i, j, number.last_token)
                    break
        base = None
        first = doc.token_at(number.span_start)
        start = first
        while start > sentence.start and not tokens[start - 1].is_number and tokens[start - 1].soft != ";":
            start -= 1
        base_at = start if start > sentence.start and tokens[start - 1].is_number else None
        if chosen is None:
            for name in ("indicator_predicates", "indicator_prefixes"):
                for i, j, payloads in self._phrases_between(name, sentence, head.mode, start, first, backwards=True):
                    phrase = self._choose(payloads, head)
                    if phrase is not None:
                        chosen = (phrase, i, j, number.last_token)
                        break
                if chosen:
                    break
        if chosen is None:
            self.unclassified.append(
                UnclassifiedNumber(
                    value=number.value,
                    out_of=None,
                    qualifier=number.qualifier,
                    span=self._span(number.span_start, number.last_token),
                    unit="%",
                )
            )
            return
        phrase, i, j, end_token = chosen
        if base_at is not None:
            base = self._base_before(base_at, i if base_at <= i < first else first)
        evidence = [] if end_token == j else [self._token_span(i, j)]
        figure = self._add(head, phrase, None, end_token, evidence=evidence)
        figure.unit = "%"
        if base is not None:
            figure.base_value, figure.base = base

    def _base_before(self, after_number: int, limit: int):
        """(value, span) of the count that ends at token `after_number`, with the words after it."""
        number = self._counts_by_end.get(after_number)
        if number is None or number.value is None:
            return None
        tokens = self.doc.tokens
        end = number.last_token
        while end < limit and tokens[end].is_word and end - number.last_token < 3:
            end += 1
        return number.value, self._span(number.span_start, end)

    def _span(self, start_char: int, end_token: int) -> Span:
        doc = self.doc
        a, b = doc.original(start_char, doc.tokens[end_token - 1].end)
        return Span(a, b, doc.text[a:b])

    def _token_span(self, i: int, j: int) -> Span:
        return self._span(self.doc.tokens[i].start, j)

    def _add(self, head: _Head, phrase: IndicatorPhrase, breakdown: str | None, end_token: int, evidence=()):
        number = head.number
        figure = ProposedFigure(
            indicator=phrase.indicator,
            breakdown=breakdown or None,
            value=number.value,
            out_of=number.out_of,
            qualifier=number.qualifier,
            span=self._span(number.span_start, end_token),
            phrase=phrase.phrase,
            evidence=list(evidence),
        )
        self.figures.append(figure)
        insort(self._placed.setdefault((head.sentence.paragraph, phrase.indicator), []), number.first_token)
        return figure

    def _clause_end(self, start: int, sentence) -> int:
        tokens = self.doc.tokens
        k = start
        while k < sentence.end and tokens[k].soft not in CLAUSE_STOP and not tokens[k].is_number:
            k += 1
        return k

    def _noun_figure(self, head: _Head) -> bool:
        for end, payloads in head.indicator_matches:
            phrase = self._choose(payloads, head)
            if phrase is None:
                continue
            stop = self._clause_end(end, head.sentence)
            breakdown = None
            for _i, _j, found in self.catalogue.breakdown_inside.scan(self.doc.tokens, end, stop, head.mode):
                breakdown = found[0].breakdown
                break
            if breakdown is None:
                breakdown = self._breakdown_before(head)
            self._add(head, phrase, breakdown, end)
            return True
        return False

    def _breakdown_before(self, head: _Head) -> str | None:
        """ "khối nhà trường đã tổ chức 1.320 buổi …": the block named in the clause before the number."""
        tokens = self.doc.tokens
        first = self.doc.token_at(head.number.span_start)
        k = first
        while k > head.sentence.start and tokens[k - 1].soft not in CLAUSE_STOP and tokens[k - 1].soft != ",":
            if tokens[k - 1].is_number:
                break
            k -= 1
        for _i, _j, found in reversed(self.catalogue.breakdown_inside.scan(tokens, k, first, head.mode)):
            return found[0].breakdown
        return None

    def _matches(self, trie_name: str, sentence, mode: str) -> tuple[list[int], list]:
        """The longest phrase of a trie at each token of a sentence, read once per sentence: (starts, matches)."""
        key = (trie_name, self.doc.token_sentence[sentence.start])
        found = self._sentence_matches.get(key)
        if found is None:
            trie = getattr(self.catalogue, trie_name)
            matches = trie.scan(self.doc.tokens, sentence.start, sentence.end, mode)
            found = ([i for i, _j, _p in matches], matches)
            self._sentence_matches[key] = found
        return found

    def _phrases_between(self, trie_name: str, sentence, mode: str, start: int, stop: int, *, backwards: bool):
        """Like trie.scan(tokens, start, stop) (the longest phrase at each token, ending by `stop`), from the
        sentence's matches read once: nearest first in the direction asked. At most MAX_CANDIDATES are tried."""
        starts, matches = self._matches(trie_name, sentence, mode)
        trie = getattr(self.catalogue, trie_name)
        lo, hi = bisect_left(starts, start), bisect_left(starts, stop)
        order = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
        for tried, k in enumerate(order):
            if tried >= MAX_CANDIDATES:
                return
            i, j, payloads = matches[k]
            if j > stop:
                found = trie.longest_at(self.doc.tokens, i, mode, stop)
                if not found:
                    continue
                j, payloads = found
            yield i, j, payloads

    def _unit_figure(self, head: _Head, counts: list[Number], index: int, heads: dict) -> None:
        """A count of units: the indicator is read from the rest of the sentence (across a list of such counts)
        or from a phrase before the number."""
        doc, sentence, number = self.doc, head.sentence, head.number
        end_token, breakdown_phrase = head.breakdown
        # forward: up to the end of the sentence, or the next count that is not a count of units
        stop = sentence.end
        later = self._next_noun_count[index]
        if later is not None and counts[later].first_token < sentence.end:
            stop = doc.token_at(counts[later].span_start)
        chosen = None
        for i, j, payloads in self._phrases_between(
            "indicator_predicates", sentence, head.mode, end_token, stop, backwards=False
        ):
            phrase = self._choose(payloads, head)
            if phrase is not None:
                chosen = (phrase, i, j)
                break
        if chosen is None:
            start = sentence.start
            earlier = self._previous_noun_count[index]
            if earlier is not None and counts[earlier].last_token > sentence.start:
                start = counts[earlier].last_token
            first = doc.token_at(number.span_start)
            for i, j, payloads in self._phrases_between(
                "indicator_prefixes", sentence, head.mode, start, first, backwards=True
            ):
                phrase = self._choose(payloads, head)
                if phrase is not None:
                    chosen = (phrase, i, j)
                    break
        if chosen is None:
            self._unclassified(head)
            return
        phrase, i, j = chosen
        breakdown = breakdown_phrase.breakdown or None
        notes = []
        if number.out_of is not None:
            if breakdown is None:
                self._whole_totals.add(number.out_of)
            elif number.out_of in self._whole_totals:
                notes.append(_("Out of the same total as the count of all units given earlier: no breakdown proposed."))
                breakdown = None
        if head.mixed:
            notes.append(
                _("The units named span several breakdowns: proposed as the total; check whether one is meant.")
            )
        figure = self._add(head, phrase, breakdown, end_token, evidence=[self._token_span(i, j)])
        figure.notes.extend(notes)

    def _unclassified(self, head: _Head) -> None:
        number, tokens = head.number, self.doc.tokens
        j = number.last_token
        if j >= head.sentence.end or not tokens[j].is_word:
            return
        if tokens[j].soft in NOT_QUANTITIES or not number.value:
            return
        end = min(head.sentence.end, self._clause_end(j, head.sentence), j + 4)
        self.unclassified.append(
            UnclassifiedNumber(
                value=number.value,
                out_of=number.out_of,
                qualifier=number.qualifier,
                span=self._span(number.span_start, end),
            )
        )

    def _vague_quantities(self) -> None:
        """ "hàng nghìn buổi tuyên truyền" is not a figure: say so rather than guess a number."""
        doc, tokens = self.doc, self.doc.tokens
        for sentence in doc.sentences:
            folded = sentence.folded_mode
            table = VAGUE_FOLDED if folded else VAGUE
            mode = doc.keys(sentence)
            first_words = VAGUE_FIRST_FOLDED if folded else VAGUE_FIRST
            k = sentence.start
            while k < sentence.end:
                if (tokens[k].folded if folded else tokens[k].soft) not in first_words:
                    k += 1
                    continue
                hit = None
                for size in (3, 2, 1):
                    words = tuple((t.folded if folded else t.soft) for t in tokens[k : k + size])
                    if len(words) == size and words in table:
                        hit = size
                        break
                if not hit:
                    k += 1
                    continue
                after = k + hit
                if after < sentence.end and tokens[after].soft in ("các", "những"):
                    after += 1
                found = self.catalogue.indicator_nouns.longest_at(tokens, after, mode, sentence.end)
                if found is None and after + 1 < sentence.end:
                    key = tokens[after].folded if folded else tokens[after].soft
                    if key in (TRANSPARENT_FOLDED if folded else TRANSPARENT):
                        found = self.catalogue.indicator_nouns.longest_at(tokens, after + 1, mode, sentence.end)
                if found is not None and any(not p.after_indicator and not p.measure for p in found[1]):
                    span = self._token_span(k, found[0])
                    self.notes.append(
                        _("“%(text)s” is not a figure: the report gives no number, so nothing is proposed.")
                        % {"text": span.text}
                    )
                    k = found[0]
                else:
                    k += hit
