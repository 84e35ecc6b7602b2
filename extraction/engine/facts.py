"""The conference facts: when it was held ("Sáng 11-9", "Ngày 14-01-2021", "27/3"), when the article was
published, its kind (sơ kết, tổng kết, triển khai, chuyên đề), the programme (Chỉ thị số 07 …), the period
reviewed ("giai đoạn 2014-2019", "năm 2020") and the administrative units named. A year the text omits is
inferred from the context and marked as inferred."""

import datetime

from django.utils.translation import gettext as _

from extraction.engine.catalogue import Catalogue, ProgrammeInfo, maximal
from extraction.engine.document import Document, normalise
from extraction.engine.numbers import DOC_BIGRAMS, Number, make_date
from extraction.engine.results import ConferenceFacts, Period, Place, ProposedFigure, Span

INTERIM, FINAL, ANNUAL, LAUNCH, THEMATIC = "interim_review", "final_review", "annual_summary", "launch", "thematic"
KIND_WORDS = {("sơ", "kết"): INTERIM, ("tổng", "kết"): FINAL, ("triển", "khai"): LAUNCH, ("chuyên", "đề"): THEMATIC}
CONFERENCE_WORDS = {("hội", "nghị"), ("tổ", "chức"), ("diễn", "ra"), ("sơ", "kết"), ("tổng", "kết")}
PLACE_PREFIXES = {
    ("tỉnh",): "province",
    ("thành", "phố"): "city",
    ("tp",): "city",
    ("huyện",): "district",
    ("quận",): "district",
    ("thị", "xã"): "district",
    ("tx",): "district",
    ("xã",): "commune",
    ("phường",): "commune",
    ("thị", "trấn"): "commune",
}
PLACE_FIRST_WORDS = {words[0] for words in PLACE_PREFIXES}
SURNAMES = {
    "nguyen",
    "tran",
    "le",
    "pham",
    "hoang",
    "huynh",
    "phan",
    "vu",
    "vo",
    "dang",
    "bui",
    "do",
    "ho",
    "ngo",
    "duong",
    "ly",
    "dinh",
    "doan",
    "truong",
    "trinh",
    "mai",
    "cao",
    "lam",
    "luong",
    "ha",
    "ta",
    "lai",
    "chu",
    "thai",
    "tong",
}
CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}


def _words(doc: Document, i: int, size: int) -> tuple[str, ...]:
    return tuple(t.soft for t in doc.tokens[i : i + size])


def _span(doc: Document, i: int, j: int) -> Span:
    a, b = doc.original(doc.tokens[i].start, doc.tokens[j - 1].end)
    return Span(a, b, doc.text[a:b])


def _number_span(doc: Document, number: Number) -> Span:
    a, b = doc.original(number.start, number.end)
    return Span(a, b, doc.text[a:b])


class FactReader:
    def __init__(self, doc: Document, catalogue: Catalogue, numbers: list[Number], reference_date=None):
        self.doc, self.catalogue, self.numbers = doc, catalogue, numbers
        self.reference_date = reference_date
        self.notes: list[str] = []
        self._conference_sentences: dict[int, bool] = {}

    def read(self, figures: list[ProposedFigure]) -> ConferenceFacts:
        facts = ConferenceFacts()
        facts.title = self._title()
        facts.published_on, facts.published_on_span, held = self._dates()
        facts.programme, facts.programme_span = self._programme()
        programme = self.catalogue.programme_info.get(facts.programme or "")
        kind, kind_token, facts.kind_span = self._kind()
        facts.period = self._period(kind, kind_token, figures, programme)
        if kind == FINAL and facts.period and facts.period.start and facts.period.end:
            if facts.period.start.year == facts.period.end.year or (programme and programme.is_recurring):
                kind = ANNUAL
        elif kind == FINAL and programme and programme.is_recurring:
            kind = ANNUAL
        facts.kind = kind
        if held is not None:
            facts.held_on, facts.held_on_inferred, facts.held_on_span = self._held_on(held, facts)
        if facts.period is None and kind == LAUNCH and facts.held_on:
            year = facts.held_on.year - 1
            facts.period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year), inferred=True)
            self.notes.append(_("The period reviewed was inferred as the year before the conference."))
        facts.places = self._places()
        return facts

    # -- title ----------------------------------------------------------------------------------------------

    def _title(self) -> str:
        for line in self.doc.text.splitlines():
            line = line.strip()
            if 20 <= len(line) <= 200 and not line[0].isdigit() and not line.startswith("("):
                return line
        return ""

    # -- dates ----------------------------------------------------------------------------------------------

    def _dates(self):
        doc = self.doc
        published, published_span, held = None, None, None
        for number in self.numbers:
            if number.kind != "date":
                continue
            sentence_start = doc.sentence_of(number.first_token).start
            before = [t.soft for t in doc.tokens[max(sentence_start, number.first_token - 6) : number.first_token]]
            if "đăng" in before or (before and before[-1] == "|"):
                if published is None and number.year:
                    published = make_date(number.day, number.month, number.year)
                    published_span = _number_span(doc, number)
                continue
            pairs = set(zip(before, before[1:], strict=False))
            if pairs & DOC_BIGRAMS or "số" in before or "ký" in before:
                continue  # the date of a directive or a decision
            if held is None and self._in_conference_sentence(number):
                held = number
        return published, published_span, held

    def _in_conference_sentence(self, number: Number) -> bool:
        return self._is_conference_sentence(number.first_token)

    def _is_conference_sentence(self, token: int) -> bool:
        """Whether the sentence says a conference was held; read once per sentence (a text of one long sentence
        full of dates would otherwise be read again for every date)."""
        doc = self.doc
        index = doc.token_sentence[token]
        known = self._conference_sentences.get(index)
        if known is None:
            sentence = doc.sentences[index]
            words = [t.soft for t in doc.tokens[sentence.start : sentence.end]]
            known = any(pair in CONFERENCE_WORDS for pair in zip(words, words[1:], strict=False))
            self._conference_sentences[index] = known
        return known

    def _held_on(self, number: Number, facts: ConferenceFacts):
        span = _number_span(self.doc, number)
        if number.year:
            return make_date(number.day, number.month, number.year), False, span
        reference = self.reference_date
        if facts.published_on:
            year = facts.published_on.year
            day = make_date(number.day, number.month, year)
            if day and day > facts.published_on:
                year -= 1
            self.notes.append(_("The year of the conference date was inferred from the publication date."))
        else:
            years = [n.year for n in self.numbers if n.kind in ("year", "date") and n.year]
            years += [n.year_end for n in self.numbers if n.kind == "year_range" and n.year_end]
            if reference:
                years = [y for y in years if y <= reference.year]
            if years:
                year = max(years)
                self.notes.append(_("The year of the conference date was inferred from the latest year in the text."))
            else:
                year = (reference or datetime.date.today()).year
                self.notes.append(_("The text gives no year: this year was assumed for the conference date."))
            day = make_date(number.day, number.month, year)
            if reference and day and day > reference:
                year -= 1
        return make_date(number.day, number.month, year), True, span

    # -- programme and kind ---------------------------------------------------------------------------------

    def _programme(self):
        doc = self.doc
        best = None
        for sentence in doc.sentences:
            mode = doc.keys(sentence)
            for i, j, payloads in maximal(
                self.catalogue.programme_trie.scan(doc.tokens, sentence.start, sentence.end, mode)
            ):
                # "Chỉ thị số 07" but not "Chỉ thị số 07/CT-BCA" of another series or "Chỉ thị số 071"
                if j < len(doc.tokens) and doc.tokens[j].is_number and doc.tokens[j].start == doc.tokens[j - 1].end:
                    continue
                phrase = max(payloads, key=lambda p: p.priority)
                if best is None or phrase.priority > best[0].priority:
                    best = (phrase, i, j)
        if best is None:
            return None, None
        phrase, i, j = best
        return phrase.programme, _span(doc, i, j)

    def _kind(self):
        doc = self.doc
        tokens = doc.tokens
        for k in range(len(tokens) - 1):
            if tokens[k].soft not in ("hội", "tổ"):
                continue
            first = _words(doc, k, 2)
            if first == ("hội", "nghị"):
                candidates = [k + 2]
            elif first == ("tổ", "chức"):
                candidates = [k + 2] if _words(doc, k + 2, 2) != ("hội", "nghị") else []
            else:
                continue
            for c in candidates:
                kind = KIND_WORDS.get(_words(doc, c, 2))
                if kind and (kind != LAUNCH or first == ("hội", "nghị")):
                    return kind, c, _span(doc, k, c + 2)
        return self._kind_without_conference_words()

    def _kind_without_conference_words(self):
        """ "Công an huyện … sơ kết 5 năm thực hiện Chỉ thị 07", "Tổng kết phong trào … năm 2022": a review named
        without "hội nghị" counts in the title (the first sentence) or in a sentence that gives a date."""
        doc, tokens = self.doc, self.doc.tokens
        dated = {doc.token_sentence[n.first_token] for n in self.numbers if n.kind == "date"}
        for k in range(len(tokens) - 1):
            if tokens[k].soft not in ("sơ", "tổng"):
                continue
            kind = KIND_WORDS.get(_words(doc, k, 2))
            if kind not in (INTERIM, FINAL):
                continue
            if doc.token_sentence[k] == 0 or doc.token_sentence[k] in dated:
                return kind, k, _span(doc, k, k + 2)
        return None, None, None

    # -- period ---------------------------------------------------------------------------------------------

    def _period(self, kind, kind_token, figures, programme: ProgrammeInfo | None) -> Period | None:
        doc = self.doc
        for number in self.numbers:
            if number.kind != "year_range":
                continue
            before = _words(doc, max(0, number.first_token - 2), min(2, number.first_token))
            if before and before[-1] == "đoạn":
                return self._range(number.year, number.year_end, programme, _number_span(doc, number))
        years = [
            n
            for n in self.numbers
            if n.kind == "year" and n.first_token > 0 and doc.tokens[n.first_token - 1].soft == "năm"
        ]
        if kind in (INTERIM, FINAL) and kind_token is not None:
            sentence = doc.sentence_of(kind_token)
            for n in years:
                if kind_token < n.first_token < sentence.end:
                    return self._year(n.year, _number_span(doc, n))
        if figures:
            first_figure = min(figures, key=lambda f: f.span.start)
            paragraph_years = [
                n
                for n in years
                if doc.original(n.start, n.end)[1] <= first_figure.span.start
                and doc.sentence_of(n.first_token).paragraph
                == doc.sentence_of(doc.token_at(self._normalised(first_figure.span.start))).paragraph
            ]
            if paragraph_years:
                n = paragraph_years[-1]
                return self._year(n.year, _number_span(doc, n))
        if programme and programme.review_period_years and programme.issued_on:
            wanted = programme.review_period_years
            for number in self.numbers:
                if (
                    number.kind == "quantity"
                    and number.value == wanted
                    and number.last_token < len(doc.tokens)
                    and doc.tokens[number.last_token].soft == "năm"
                ):
                    start = programme.issued_on
                    end = _add_years(start, wanted)
                    self.notes.append(
                        _("The period was inferred from the programme and the %(n)s years the text mentions.")
                        % {"n": wanted}
                    )
                    return Period(start, end, f"{start.year}-{end.year}", inferred=True)
        return None

    def _normalised(self, original_offset: int) -> int:
        from bisect import bisect_left

        return bisect_left(self.doc.index, original_offset)

    def _range(self, start_year: int, end_year: int, programme: ProgrammeInfo | None, span: Span) -> Period:
        if programme and programme.issued_on and programme.issued_on.year == start_year:
            start = programme.issued_on
            end = _add_years(start, end_year - start_year)
        else:
            start, end = datetime.date(start_year, 1, 1), datetime.date(end_year, 12, 31)
        return Period(start, end, f"{start_year}-{end_year}", span=span)

    def _year(self, year: int, span: Span) -> Period:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year), span=span)

    def school_years(self) -> list[tuple[int, str]]:
        """(token index, label) of "năm học 2019-2020" phrases."""
        doc = self.doc
        found = []
        for number in self.numbers:
            if (
                number.kind == "year_range"
                and number.first_token >= 2
                and _words(doc, number.first_token - 2, 2)
                == (
                    "năm",
                    "học",
                )
            ):
                label = _span(doc, number.first_token - 2, number.last_token).text
                found.append((number.first_token, label[:1].lower() + label[1:]))
        return found

    # -- places ---------------------------------------------------------------------------------------------

    def _places(self) -> list[Place]:
        doc = self.doc
        tokens = doc.tokens
        places: list[Place] = []
        seen = set()
        for k in range(len(tokens)):
            if tokens[k].soft not in PLACE_FIRST_WORDS:
                continue
            for size in (2, 1):
                words = _words(doc, k, size)
                level = PLACE_PREFIXES.get(words)
                if not level:
                    continue
                j = k + size
                if words in (("tp",), ("tx",)) and j < len(tokens) and tokens[j].soft == ".":
                    j += 1
                name_start = j
                while (
                    j < len(tokens)
                    and j - name_start < 4
                    and tokens[j].is_word
                    and doc.text[doc.index[tokens[j].start]].isupper()
                    and tokens[j].start - tokens[j - 1].end <= 1
                ):
                    j += 1
                if j == name_start:
                    continue
                name = _span(doc, name_start, j).text
                folded = normalise(name)[1]
                if folded.split()[0] in SURNAMES and folded not in CENTRAL_CITIES and j - name_start >= 3:
                    break  # "Chủ tịch UBND tỉnh Nguyễn Đình Xứng": a person, not a place
                if level == "city":
                    level = "province" if folded in CENTRAL_CITIES else "district"
                if (level, folded) in seen:
                    break
                seen.add((level, folded))
                places.append(
                    Place(
                        name=name,
                        level=level,
                        prefix=_span(doc, k, k + size).text,
                        span=_span(doc, k, j),
                        in_conference_sentence=self._is_conference_sentence(k),
                    )
                )
                break
        return places


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
