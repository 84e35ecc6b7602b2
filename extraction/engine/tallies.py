"""Award phrases → tallies.

    "26 tập thể, 28 cá nhân được nhận Bằng khen của Chủ tịch UBND tỉnh"   → two tallies (passive: form after)
    "UBND huyện Thạnh Phú đã tặng giấy khen cho 12 tập thể, cá nhân"      → one mixed tally (active: "cho")
    "Chủ tịch UBND tỉnh tặng cờ thi đua cho 3 tập thể, bằng khen cho 9 cá nhân và tập thể"

The same award told twice (a photo caption and the body) is proposed once.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.utils.translation import gettext as _

from extraction.engine.catalogue import Catalogue, PhraseTrie, maximal
from extraction.engine.document import Document, normalise
from extraction.engine.numbers import Number
from extraction.engine.results import ProposedTally, Span

COLLECTIVE, INDIVIDUAL, MIXED = "collective", "individual", "mixed"

RECIPIENTS = PhraseTrie(
    [
        ("tập thể", COLLECTIVE),
        ("cá nhân", INDIVIDUAL),
        ("đơn vị", COLLECTIVE),
        ("hộ gia đình", COLLECTIVE),
        ("gia đình", COLLECTIVE),
    ]
)
# award forms the catalogue may not list, told in a count of several forms ("240 Kỷ niệm chương, giấy khen")
AWARD_ITEMS = PhraseTrie(
    (item, item)
    for item in (
        "kỷ niệm chương",
        "huy chương",
        "huân chương",
        "huy hiệu",
        "bằng khen",
        "giấy khen",
        "cờ thi đua",
        "giấy chứng nhận",
        "thư khen",
    )
)
AWARD_VERBS = PhraseTrie(
    (verb, verb) for verb in ("tặng", "trao", "nhận", "khen thưởng", "biểu dương", "tuyên dương", "khen", "thưởng")
)


def _both(words: set[str]) -> set[str]:
    """The words in both their soft and folded forms (a sentence typed without diacritics uses the latter)."""
    return words | {normalise(w)[1] for w in words}


KIND_JOINERS = _both({",", "và", "/", "hoặc", "cùng"})
GROUP_JOINERS = _both({",", "và"})
ISSUER_STOP = _both({"cho", "vì", "do", "về", "đã", "có", "đạt", "tại", "trong", "(", ":"})
BEFORE_RECIPIENTS = _both({"cho", "tặng", "trao"})
ARTICLES = _both({"các", "những"})
OF = _both({"của"})
NOT_AWARD_BEFORE = {"cong", "tiep", "xac", "ghi", "thua", "chap", "nhin", "dam", "cam", "phu", "thu", "bien"}
NOT_AWARD_AFTER = {"thuc", "dien", "dinh", "xet", "doi", "tra"}
GIFTS = {"qua", "tien", "hoc", "suat", "xe", "nha", "so", "phan", "hien", "vat"}
PLACE_WORDS = {"tai", "o"}
PLACE_REACH = 12
AWARD_WORDS = {"tang", "trao", "khen", "thuong", "bieu", "tuyen", "cho", "nhan"}
ISSUER_REACH = 60  # tokens between an award and the authority that gave it, at most


def _word(token, mode: str) -> str:
    return token.folded if mode == "folded" else token.soft


@dataclass
class _Group:
    items: list[tuple[Number, list[str], int]]  # number, recipient kinds, end token
    start: int  # first token (qualifier included)
    end: int  # token after the last recipient word


def _segments(doc: Document):
    for sentence in doc.sentences:
        start = sentence.start
        for k in range(sentence.start, sentence.end):
            if doc.tokens[k].soft == ";":
                if k > start:
                    yield start, k, sentence
                start = k + 1
        if sentence.end > start:
            yield start, sentence.end, sentence


def _kinds_at(doc: Document, k: int, end: int, mode: str) -> tuple[list[str], int]:
    kinds = []
    found = RECIPIENTS.longest_at(doc.tokens, k, mode, end)
    if not found:
        return kinds, k
    k, payloads = found
    kinds.append(payloads[0])
    while k + 1 < end and _word(doc.tokens[k], mode) in KIND_JOINERS:
        more = RECIPIENTS.longest_at(doc.tokens, k + 1, mode, end)
        if not more:
            break
        k, payloads = more
        kinds.append(payloads[0])
    return kinds, k


def recipient_kind(kinds: list[str]) -> str:
    distinct = set(kinds)
    return distinct.pop() if len(distinct) == 1 else MIXED


def _groups(doc: Document, counts: dict[int, Number], start: int, end: int, mode: str) -> list[_Group]:
    groups = []
    k = start
    while k < end:
        number = counts.get(k)
        if number is None or number.kind != "quantity":
            k += 1
            continue
        kinds, after = _kinds_at(doc, number.last_token, end, mode)
        if not kinds:
            k = number.last_token
            continue
        first_token = doc.token_at(number.span_start)
        group = _Group(items=[(number, kinds, after)], start=first_token, end=after)
        while after < end and _word(doc.tokens[after], mode) in GROUP_JOINERS:
            nxt = _number_starting(doc, counts, after + 1)
            if nxt is None:
                break
            more, more_end = _kinds_at(doc, nxt.last_token, end, mode)
            if not more:
                break
            group.items.append((nxt, more, more_end))
            after = more_end
            group.end = after
        groups.append(group)
        k = group.end
    return groups


def _number_starting(doc: Document, counts: dict[int, Number], k: int) -> Number | None:
    """The count whose qualifier or first digit is token k."""
    if k in counts:
        return counts[k]
    for size in (1, 2):
        number = counts.get(k + size)
        if number is not None and number.qualifier_start is not None and doc.token_at(number.qualifier_start) == k:
            return number
    return None


class IssuerResolver:
    """Issuers named in one segment: each trie is scanned once over the segment, and every question about a
    token range is answered from those matches (bisection), so many awards in one long sentence stay linear."""

    def __init__(self, doc: Document, catalogue: Catalogue, mode: str, seg_start: int = 0, seg_end: int | None = None):
        self.doc, self.catalogue, self.mode = doc, catalogue, mode
        self.seg_start = seg_start
        self.seg_end = len(doc.tokens) if seg_end is None else seg_end
        self._cache: dict[str, tuple[list[int], list]] = {}

    def _scan(self, trie, start: int, end: int) -> list[tuple[int, int, list]]:
        """trie.scan(tokens, start, end) for a range inside the segment, from the segment's matches."""
        if start < self.seg_start or end > self.seg_end:
            return trie.scan(self.doc.tokens, start, end, self.mode)
        cached = self._cache.get(id(trie))
        if cached is None:
            matches = trie.scan(self.doc.tokens, self.seg_start, self.seg_end, self.mode)
            cached = ([i for i, _j, _p in matches], matches)
            self._cache[id(trie)] = cached
        starts, matches = cached
        found = []
        for i, j, payloads in matches[bisect_left(starts, start) : bisect_left(starts, end)]:
            if j > end:  # the longest phrase here runs past the range: the longest that ends inside it
                shorter = trie.longest_at(self.doc.tokens, i, self.mode, end)
                if not shorter:
                    continue
                j, payloads = shorter
            found.append((i, j, payloads))
        return found

    def resolve(self, start: int, end: int, *, nearest: str) -> tuple[str | None, Span | None]:
        """The issuing authority named in tokens [start, end): a combination of authorities named together
        when one is catalogued, else the single authority nearest the award ("last" or "first"). Deputies
        who hand awards over ("Phó Chủ tịch UBND tỉnh trao …") are not issuers."""
        if end <= start:
            return None, None
        if end - start > ISSUER_REACH:  # an issuer is named near its award: bounds the work on long sentences
            start, end = (end - ISSUER_REACH, end) if nearest == "last" else (start, start + ISSUER_REACH)
        parts = {}
        for i, j, payloads in self._scan(self.catalogue.issuer_parts, start, end):
            for part in payloads:
                parts.setdefault(part, (i, j))
        best = None
        for combo_parts, item in self.catalogue.issuer_combos:
            if all(p in parts for p in combo_parts) and (best is None or len(combo_parts) > len(best[0])):
                best = (combo_parts, item)
        if best:
            positions = [parts[p] for p in best[0]]
            i, j = min(a for a, _b in positions), max(b for _a, b in positions)
            return best[1].issuer or None, self._span(i, j)
        matches = maximal(self._scan(self.catalogue.issuer_singles, start, end))
        real = [(i, j, p) for i, j, p in matches if p[0].issuer]
        if not real:
            return None, None
        i, j, payloads = real[-1] if nearest == "last" else real[0]
        return payloads[0].issuer, self._span(i, j)

    def _span(self, i: int, j: int) -> Span:
        tokens = self.doc.tokens
        a, b = self.doc.original(tokens[i].start, tokens[j - 1].end)
        return Span(a, b, self.doc.text[a:b])


def parse_tallies(doc: Document, numbers: list[Number], catalogue: Catalogue) -> tuple[list[ProposedTally], set[int]]:
    counts = {n.first_token: n for n in numbers if n.kind == "quantity"}
    tallies: list[ProposedTally] = []
    consumed: set[int] = set()
    tokens = doc.tokens
    for seg_start, seg_end, sentence in _segments(doc):
        mode = doc.keys(sentence)
        for number in _numbers_in(counts, seg_start, seg_end):
            if tally := _mixed_forms(doc, number, catalogue, seg_end, mode):
                tallies.append(tally)
                consumed.add(id(number))
        groups = _groups(doc, counts, seg_start, seg_end, mode)
        if not groups:
            continue
        forms = maximal(catalogue.form_trie.scan(tokens, seg_start, seg_end, mode))
        verbs = [v for v in AWARD_VERBS.scan(tokens, seg_start, seg_end, mode) if _is_award_verb(doc, v, mode)]
        if not forms and not verbs:
            continue
        groups = [g for g in groups if not _is_place(doc, g, seg_start, mode)]
        resolver = IssuerResolver(doc, catalogue, mode, seg_start, seg_end)
        form_starts = [f[0] for f in forms]
        form_ends = [f[1] for f in forms]  # maximal matches in start order: their ends increase too
        for group in groups:
            k, m = bisect_right(form_ends, group.start), bisect_left(form_starts, group.end)
            before = forms[k - 1] if k else None  # the nearest form before the group, the nearest after it
            after = forms[m] if m < len(forms) else None
            form, issuer, evidence = _award_of(doc, group, before, after, resolver, seg_start, seg_end, mode)
            for number, kinds, kinds_end in group.items:
                if number.value is None or number.value != int(number.value):
                    continue
                a, b = doc.original(number.span_start, tokens[kinds_end - 1].end)
                tallies.append(
                    ProposedTally(
                        issuer=issuer,
                        form=form,
                        recipient_kind=recipient_kind(kinds),
                        count=int(number.value),
                        qualifier=number.qualifier,
                        span=Span(a, b, doc.text[a:b]),
                        evidence=[s for s in evidence if s],
                    )
                )
                consumed.add(id(number))
    return _merge_duplicates(tallies), consumed


def _numbers_in(counts: dict[int, Number], start: int, end: int):
    for k in range(start, end):
        number = counts.get(k)
        if number is not None:
            yield number


def _mixed_forms(doc: Document, number: Number, catalogue: Catalogue, end: int, mode: str) -> ProposedTally | None:
    """ "gần 240 Kỷ niệm chương, giấy khen được trao cho các tập thể, cá nhân": a count of awards of several forms
    is one tally of the form "mixed" (the forms listed in its note), the issuer left for a person to name."""
    tokens = doc.tokens
    if number.value is None or number.value != int(number.value):
        return None
    k, items = number.last_token, []
    while k < end:
        found = catalogue.form_trie.longest_at(tokens, k, mode, end) or AWARD_ITEMS.longest_at(tokens, k, mode, end)
        if not found:
            break
        items.append((k, found[0]))
        k = found[0]
        if k + 1 < end and _word(tokens[k], mode) in GROUP_JOINERS:
            k += 1
        else:
            break
    names = {tuple(t.folded for t in tokens[a:b]) for a, b in items}
    if len(names) < 2:
        return None
    last = items[-1][1]
    kinds = []
    for at in range(last, min(end, last + 12)):
        if _word(tokens[at], mode) in BEFORE_RECIPIENTS:
            after = at + 1
            if after < end and _word(tokens[after], mode) in ARTICLES:
                after += 1
            kinds, _k = _kinds_at(doc, after, end, mode)
            if kinds:
                break
    a, b = doc.original(number.span_start, tokens[last - 1].end)
    forms = ", ".join(doc.original_text(tokens[i].start, tokens[j - 1].end) for i, j in items)
    return ProposedTally(
        issuer=None,
        form="mixed",
        recipient_kind=recipient_kind(kinds) if kinds else MIXED,
        count=int(number.value),
        qualifier=number.qualifier,
        span=Span(a, b, doc.text[a:b]),
        notes=[
            _("Several award forms counted together (%(forms)s) and no issuer named: check before confirming.")
            % {"forms": forms}
        ],
    )


def _is_award_verb(doc: Document, verb: tuple, mode: str) -> bool:
    """ "nhận" in "công nhận", "tiếp nhận" is no award, and neither is "tặng quà", "trao học bổng"."""
    i, j, _payloads = verb
    tokens = doc.tokens
    if i > 0 and tokens[i - 1].folded in NOT_AWARD_BEFORE:
        return False
    if j < len(tokens) and tokens[j].folded in NOT_AWARD_AFTER:
        return False  # "nhận thức", "nhận diện", "trao đổi"
    while j < len(tokens) and (tokens[j].is_number or tokens[j].folded in ("hon", "gan", "khoang", "tren")):
        j += 1  # "trao 20 suất học bổng"
    return not (j < len(tokens) and tokens[j].folded in GIFTS)


def _is_place(doc: Document, group: _Group, seg_start: int, mode: str) -> bool:
    """ "tổ chức ngày hội tại 54 xã, phường và 12 đơn vị": units after "tại", "ở" are where something was held,
    not recipients (unless an award verb or form comes between)."""
    tokens = doc.tokens
    k = group.start - 1
    while k >= seg_start and group.start - k <= PLACE_REACH:
        word = tokens[k].folded
        if word in PLACE_WORDS:
            # "tại 54 xã, phường và 12 đơn vị" (a list of places), not "Tại hội nghị, 4 tập thể …"
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            return following is not None and (following.is_number or following.folded in ("cac", "hon", "gan"))
        if word in AWARD_WORDS or tokens[k].soft in (";", ":"):
            return False
        k -= 1
    return False


def _award_of(doc, group, before, after, resolver, seg_start, seg_end, mode):
    """before: the nearest award form ending by the group's start; after: the nearest starting after it."""
    tokens = doc.tokens
    previous = _word(tokens[group.start - 1], mode) if group.start > seg_start else ""
    if previous in ARTICLES and group.start - 2 >= seg_start:
        previous = _word(tokens[group.start - 2], mode)
    form_match, issuer, issuer_span = None, None, None
    if previous in BEFORE_RECIPIENTS and before:
        # active: "[issuer] tặng [form] (của [issuer]) cho [recipients]"
        form_match = before
        cho = group.start - 1
        if form_match[1] < cho and _word(tokens[form_match[1]], mode) in OF:
            issuer, issuer_span = resolver.resolve(form_match[1] + 1, cho, nearest="first")
        if issuer is None:
            issuer, issuer_span = resolver.resolve(seg_start, form_match[0], nearest="last")
    elif after:
        # passive: "[recipients] được nhận [form] của [issuer]" / "được [issuer] tặng [form]"
        form_match = after
        if form_match[1] < seg_end and _word(tokens[form_match[1]], mode) in OF:
            stop = form_match[1] + 1
            while stop < seg_end and _word(tokens[stop], mode) not in ISSUER_STOP:
                stop += 1
            issuer, issuer_span = resolver.resolve(form_match[1] + 1, stop, nearest="first")
        if issuer is None:
            issuer, issuer_span = resolver.resolve(group.end, form_match[0], nearest="last")
    elif before:
        form_match = before
        issuer, issuer_span = resolver.resolve(seg_start, form_match[0], nearest="last")
    else:
        issuer, issuer_span = resolver.resolve(seg_start, group.start, nearest="last")
    form, form_span = None, None
    if form_match:
        i, j, payloads = form_match
        form = payloads[0].form
        form_span = resolver._span(i, j)
    return form, issuer, [form_span, issuer_span]


def _merge_duplicates(tallies: list[ProposedTally]) -> list[ProposedTally]:
    kept: list[ProposedTally] = []
    by_award: dict[tuple, list[ProposedTally]] = {}  # (form, kind, count, qualifier) → tallies kept
    for tally in tallies:
        same = by_award.setdefault((tally.form, tally.recipient_kind, tally.count, tally.qualifier), [])
        twin = next(
            (k for k in same if k.issuer == tally.issuer or k.issuer is None or tally.issuer is None),
            None,
        )
        if twin is None:
            kept.append(tally)
            same.append(tally)
            continue
        if twin.issuer is None and tally.issuer is not None:
            twin.issuer = tally.issuer
            twin.span, tally.span = tally.span, twin.span
        twin.evidence.extend([tally.span, *tally.evidence])
        twin.notes.append(_("The same award is mentioned twice; proposed once."))
    return kept
