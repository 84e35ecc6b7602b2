"""Numbers as Vietnamese reports print them: "3.071", "116.869", "12,5", "1,2 triệu", "113/128", "hai mươi",
with the qualifier before them (hơn, trên → more_than; gần → nearly; khoảng → about), told apart from dates
("11-9", "14-01-2021", "15/8/2014"), years and year ranges ("2014- 2019"), times ("16:53") and document
numbers ("Chỉ thị số 07", "07/CT-BCA", "Ban Chỉ đạo 138")."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extraction.engine.document import Document

EXACT, MORE_THAN, NEARLY, ABOUT = "exact", "more_than", "nearly", "about"

# word(s) right before the number → qualifier; soft (with diacritics) and folded forms
QUALIFIERS = {
    ("hơn",): MORE_THAN,
    ("trên",): MORE_THAN,
    ("gần",): NEARLY,
    ("ngót",): NEARLY,
    ("khoảng",): ABOUT,
    ("xấp", "xỉ"): ABOUT,
    ("chừng",): ABOUT,
    ("ước",): ABOUT,
    ("ước", "tính"): ABOUT,
    ("ước", "đạt"): ABOUT,
    ("khoảng", "hơn"): ABOUT,
    ("gần", "như"): NEARLY,
}

MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "vạn": 10000, "triệu": 1000000, "tỷ": 1000000000, "tỉ": 1000000000}

# words before a date without year: "Sáng 11-9", "ngày 27/3"
DATE_CUES = {"ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "|", "từ", "đến"}
YEAR_CUES = {"năm", "đoạn", "từ", "đến", "khóa", "niên", "học", "-", "/"}
# a number right after these names a document, a body or a place, not a quantity
DOC_BIGRAMS = {
    ("chỉ", "thị"),
    ("kế", "hoạch"),
    ("quyết", "định"),
    ("nghị", "quyết"),
    ("thông", "tư"),
    ("công", "văn"),
    ("nghị", "định"),
    ("kết", "luận"),
    ("thông", "báo"),
    ("chỉ", "đạo"),
    ("hướng", "dẫn"),
    ("báo", "cáo"),
    ("chương", "trình"),
    ("lần", "thứ"),
    ("quốc", "lộ"),
    ("tỉnh", "lộ"),
    ("số", "nhà"),
}
DOC_UNIGRAMS = {"điều", "khoản", "chương", "mục", "khóa", "thứ", "trang", "luật", "tổ", "đội", "phòng", "cục", "số"}
VAGUE = {
    ("hàng", "nghìn"),
    ("hàng", "ngàn"),
    ("hàng", "trăm"),
    ("hàng", "chục"),
    ("hàng", "vạn"),
    ("hàng", "triệu"),
    ("hàng", "loạt"),
    ("hàng", "trăm", "nghìn"),
    ("hàng", "chục", "nghìn"),
    ("rất", "nhiều"),
    ("nhiều",),
    ("vài",),
    ("một", "số"),
}
NUMBER_WORDS = {
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mươi": 10,
    "trăm": 100,
    "nghìn": 1000,
    "ngàn": 1000,
    "triệu": 1000000,
    "linh": 0,
    "lẻ": 0,
}

MAX_NUMBER_CHARS = 24  # "1.000.000.000.000.000,5": longer digit runs are not quantities
BLOB_RE = re.compile(r"(?<!\w)\d(?:[\d.,/:\-]*\d)?")
THOUSANDS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
PLAIN = r"\d+(?:,\d+)?"
NUMBER = rf"(?:{THOUSANDS}|{PLAIN}|\d+\.\d{{1,2}})"
QUANTITY_RE = re.compile(NUMBER)
FRACTION_RE = re.compile(rf"({NUMBER})/({NUMBER})")
DATE3_RE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
DATE2_RE = re.compile(r"(\d{1,2})[-/](\d{1,2})")
YEARS_RE = re.compile(r"((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})")
_THOUSANDS_RE = re.compile(THOUSANDS)
_PLAIN_RE = re.compile(PLAIN)
_DECIMAL_POINT_RE = re.compile(r"\d+\.\d{1,2}")
_CODE_AFTER_RE = re.compile(r"[/-][^\W\d_]")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_YEAR_TAIL_RE = re.compile(r"\s*-\s*((?:19|20)\d{2})(?!\d)")


def parse_number(text: str) -> Decimal | None:
    """'3.071' → 3071, '12,5' → 12.5, '1.5' → 1.5 (a dot not followed by three digits is a decimal point)."""
    try:
        if _THOUSANDS_RE.fullmatch(text) or _PLAIN_RE.fullmatch(text):
            return Decimal(text.replace(".", "").replace(",", "."))
        if _DECIMAL_POINT_RE.fullmatch(text):
            return Decimal(text)
    except InvalidOperation:
        return None
    return None


def parse_number_words(words: list[str]) -> int | None:
    result, chunk, digit = 0, 0, None
    for word in words:
        value = NUMBER_WORDS[word]
        if word in ("linh", "lẻ"):
            continue
        if word == "mươi":
            chunk += (digit if digit is not None else 1) * 10
            digit = None
        elif word == "mười":
            chunk += 10
            digit = None
        elif value == 100:
            chunk += (digit if digit is not None else 1) * 100
            digit = None
        elif value >= 1000:
            result += ((chunk + (digit or 0)) or 1) * value
            chunk, digit = 0, None
        else:
            if digit is not None:
                return None
            digit = value
    total = result + chunk + (digit or 0)
    return total or None


def make_date(day: int, month: int, year: int | None) -> datetime.date | None:
    try:
        return datetime.date(year or 2000, month, day)
    except ValueError:
        return None


@dataclass
class Number:
    kind: str  # quantity | fraction | date | year | year_range | percent | other
    start: int  # normalised offsets of the number itself
    end: int
    first_token: int  # tokens of the number (including a multiplier word)
    last_token: int  # exclusive
    value: Decimal | None = None
    out_of: Decimal | None = None
    qualifier: str = EXACT
    qualifier_start: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_end: int | None = None
    is_words: bool = False

    @property
    def span_start(self) -> int:
        return self.qualifier_start if self.qualifier_start is not None else self.start

    @property
    def is_count(self) -> bool:
        return self.kind in ("quantity", "fraction")


def _key(token, folded_mode: bool) -> str:
    return token.folded if folded_mode else token.soft


def _fold_tuple(words: tuple[str, ...]) -> tuple[str, ...]:
    from extraction.engine.document import normalise

    return tuple(normalise(w)[1] for w in words)


_QUALIFIERS_FOLDED = {_fold_tuple(k): v for k, v in QUALIFIERS.items()}
_DOC_BIGRAMS_FOLDED = {_fold_tuple(k) for k in DOC_BIGRAMS}
_DOC_UNIGRAMS_FOLDED = {_fold_tuple((k,))[0] for k in DOC_UNIGRAMS}
_DATE_CUES_FOLDED = {_fold_tuple((k,))[0] for k in DATE_CUES}
_YEAR_CUES_FOLDED = {_fold_tuple((k,))[0] for k in YEAR_CUES}
VAGUE_FOLDED = {_fold_tuple(k) for k in VAGUE}


def _previous_words(doc: Document, token_index: int, count: int, folded: bool) -> tuple[str, ...]:
    tokens = doc.tokens[max(0, token_index - count) : token_index]
    return tuple(t.folded for t in tokens) if folded else tuple(t.soft for t in tokens)


def _qualifier(doc: Document, first_token: int, folded: bool, before: tuple | None = None) -> tuple[str, int | None]:
    """before: the (up to) three words before the number, when the caller has them already."""
    table = _QUALIFIERS_FOLDED if folded else QUALIFIERS
    if before is None:
        before = _previous_words(doc, first_token, 2, folded)
    for size in (2, 1):
        words = before[-size:]
        if len(words) == size and words in table:
            start_token = doc.tokens[first_token - size]
            return table[words], start_token.start
    return EXACT, None


def _is_document_number(doc: Document, first_token: int, folded: bool, before: tuple | None = None) -> bool:
    bigrams = _DOC_BIGRAMS_FOLDED if folded else DOC_BIGRAMS
    unigrams = _DOC_UNIGRAMS_FOLDED if folded else DOC_UNIGRAMS
    if before is None:
        before = _previous_words(doc, first_token, 3, folded)
    if len(before) >= 2 and before[-2:] in bigrams:
        return True
    if before and before[-1] in unigrams:
        if before[-1] in ("so", "số"):
            # "Chỉ thị số 07" is a document; "tổng số 48" is a quantity
            return len(before) >= 3 and before[-3:-1] in bigrams
        return True
    return False


def scan_numbers(doc: Document) -> list[Number]:
    soft = doc.soft
    numbers: list[Number] = []
    consumed_until = 0
    for match in BLOB_RE.finditer(soft):
        text = match.group()
        start, end = match.span()
        if start < consumed_until or len(text) > MAX_NUMBER_CHARS:
            continue  # a run of digits longer than any figure (16 digits) is not a number a report gives
        first = doc.token_at(start)
        last = doc.token_at(end)
        sentence = doc.sentence_of(min(first, len(doc.tokens) - 1))
        folded = sentence.folded_mode
        after = soft[end : end + 2]
        before = _previous_words(doc, first, 3, folded)
        previous = before[-1] if before else ""
        date_cues = _DATE_CUES_FOLDED if folded else DATE_CUES
        if _CODE_AFTER_RE.match(after) or ":" in text:
            continue  # "07/CT-BCA", "44-KL/TW", "16:53"
        if m := DATE3_RE.fullmatch(text):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = year + 2000 if year < 100 else year
            if make_date(day, month, year):
                numbers.append(Number("date", start, end, first, last, day=day, month=month, year=year))
            continue
        if m := YEARS_RE.fullmatch(text):
            numbers.append(
                Number("year_range", start, end, first, last, year=int(m.group(1)), year_end=int(m.group(2)))
            )
            continue
        if (m := DATE2_RE.fullmatch(text)) and (previous in date_cues or "/" not in text):
            day, month = int(m.group(1)), int(m.group(2))
            if previous in date_cues and make_date(day, month, None):
                numbers.append(Number("date", start, end, first, last, day=day, month=month))
            continue
        if m := FRACTION_RE.fullmatch(text):
            value, out_of = parse_number(m.group(1)), parse_number(m.group(2))
            if value is None or out_of is None or value > out_of or out_of == 0:
                continue
            if _is_document_number(doc, first, folded, before):
                continue
            qualifier, qualifier_start = _qualifier(doc, first, folded, before)
            numbers.append(
                Number(
                    "fraction",
                    start,
                    end,
                    first,
                    last,
                    value=value,
                    out_of=out_of,
                    qualifier=qualifier,
                    qualifier_start=qualifier_start,
                )
            )
            continue
        if not QUANTITY_RE.fullmatch(text):
            continue
        value = parse_number(text)
        if value is None:
            continue
        # year: "năm 2020", "giai đoạn 2014- 2019", "2019-2020"
        if _YEAR_RE.fullmatch(text):
            year_cues = _YEAR_CUES_FOLDED if folded else YEAR_CUES
            rest = soft[end : end + 12]
            if m := _YEAR_TAIL_RE.match(rest):
                consumed_until = end + m.end()
                numbers.append(
                    Number(
                        "year_range",
                        start,
                        consumed_until,
                        first,
                        doc.token_at(consumed_until),
                        year=int(text),
                        year_end=int(m.group(1)),
                    )
                )
                continue
            next_is_word = last < len(doc.tokens) and doc.tokens[last].is_word
            if previous in year_cues or not next_is_word:
                numbers.append(Number("year", start, end, first, last, year=int(text)))
                continue
        if _is_document_number(doc, first, folded, before):
            continue
        percent_end = None
        if last < len(doc.tokens) and doc.tokens[last].soft in ("%",):
            percent_end = last + 1
        elif last + 1 < len(doc.tokens) and (doc.tokens[last].soft, doc.tokens[last + 1].soft) == ("phần", "trăm"):
            percent_end = last + 2
        if percent_end is not None:
            if value <= 100:
                qualifier, qualifier_start = _qualifier(doc, first, folded, before)
                numbers.append(
                    Number(
                        "percent",
                        start,
                        doc.tokens[percent_end - 1].end,
                        first,
                        percent_end,
                        value=value,
                        qualifier=qualifier,
                        qualifier_start=qualifier_start,
                    )
                )
            continue
        # "1,2 triệu", "3 nghìn"
        if last < len(doc.tokens) and doc.tokens[last].soft in MULTIPLIERS and doc.tokens[last].start - end <= 1:
            value = value * MULTIPLIERS[doc.tokens[last].soft]
            end = doc.tokens[last].end
            last += 1
        qualifier, qualifier_start = _qualifier(doc, first, folded, before)
        numbers.append(
            Number(
                "quantity",
                start,
                end,
                first,
                last,
                value=value,
                qualifier=qualifier,
                qualifier_start=qualifier_start,
            )
        )
    numbers.extend(_number_words(doc))
    numbers.sort(key=lambda n: n.start)
    return numbers


def _number_words(doc: Document) -> list[Number]:
    """Spelled-out numbers ("hai mươi lăm"), only in sentences written with diacritics; the callers accept
    them only when a catalogue noun follows right after."""
    found = []
    tokens = doc.tokens
    k = 0
    n = len(tokens)
    while k < n:
        token = tokens[k]
        if (
            token.soft not in NUMBER_WORDS
            or NUMBER_WORDS[token.soft] in (0, 10)
            and token.soft != "mười"
            or NUMBER_WORDS[token.soft] >= 100
            or doc.sentence_of(k).folded_mode
            or (k > 0 and tokens[k - 1].soft in ("hàng", "vài", "mấy", "nhiều", "số"))
        ):
            k += 1
            continue
        j = k + 1
        while j < n and tokens[j].soft in NUMBER_WORDS and tokens[j].start - tokens[j - 1].end <= 1:
            j += 1
        words = [t.soft for t in tokens[k:j]]
        if (j < n and tokens[j].is_number) or words == ["một"]:
            k = j  # "năm 2020", "một số": not spelled-out quantities
            continue
        value = parse_number_words(words)
        if value is not None:
            qualifier, qualifier_start = _qualifier(doc, k, False)
            found.append(
                Number(
                    "quantity",
                    tokens[k].start,
                    tokens[j - 1].end,
                    k,
                    j,
                    value=Decimal(value),
                    qualifier=qualifier,
                    qualifier_start=qualifier_start,
                    is_words=True,
                )
            )
        k = j
    return found
