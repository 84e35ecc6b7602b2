"""The text as the engine sees it: normalised for matching, cut into tokens, sentences and paragraphs, with
every position mapped back to the original text.

Two normalised forms of equal length are kept side by side:

- `soft`: lower case, NFC, old/new tone placement unified ("hoá" → "hóa", "uỷ" → "ủy"), "đ" kept;
- `folded`: `soft` without any diacritics ("đ" → "d"), as movement.text.fold does.

Phrases are matched on `soft` when a sentence is written with diacritics (so "công nhận" never matches
"công nhân"), and on `folded` when the sentence was typed without them ("va cac dai bieu").
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WHITESPACE = {"\n", "\u2028", "\u2029", "\x0b", "\x0c"}  # "\r" is a space: "\r\n" is one line break


@lru_cache(maxsize=4096)
def _soft_char(cluster: str) -> str:
    """One base character with its combining marks → one lower-case NFC character (or a few, rarely)."""
    if cluster.isspace():
        return "\n" if cluster in _WHITESPACE or cluster[0] in _WHITESPACE else " "
    composed = unicodedata.normalize("NFC", cluster).lower()
    return composed.translate(_QUOTES)


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch == "đ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or ch


def _split_tone(ch: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", ch)
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    rest = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tones


_OLD_TONE_PLACEMENT = re.compile(r"(?:(?<!q)u[ỳýỷỹỵ]|o[àáảãạèéẻẽẹ])(?![^\W\d_])")


def _unify_tone_placement(soft: str) -> str:
    """Old-style "hoá", "thuỷ", "khoẻ" → new-style "hóa", "thủy", "khỏe" (open syllables only; "hoàn",
    "thuyết" keep the tone on the second vowel, and "quý" is not touched). Length is preserved."""
    matches = list(_OLD_TONE_PLACEMENT.finditer(soft))
    if not matches:
        return soft
    chars = list(soft)
    for match in matches:
        i = match.start()
        base, tone = _split_tone(chars[i + 1])
        chars[i] = unicodedata.normalize("NFC", chars[i] + tone)
        chars[i + 1] = base
    return "".join(chars)


def _soft_fast(text: str) -> str | None:
    """The soft form in one pass when every character maps to exactly one (NFC text, the usual case)."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    table = {}
    for ch in set(text):
        if unicodedata.combining(ch):
            return None
        soft = _soft_char(ch)
        if len(soft) != 1:
            return None
        table[ord(ch)] = soft
    return text.translate(table)


def normalise(text: str) -> tuple[str, str, list[int]]:
    """(soft, folded, index) where soft[i] and folded[i] come from text[index[i]]; index has a sentinel."""
    soft = _soft_fast(text)
    if soft is not None:
        index = list(range(len(text) + 1))
    else:
        chars: list[str] = []
        index = []
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            for ch in _soft_char(text[i:j]):
                chars.append(ch)
                index.append(i)
            i = j
        index.append(n)
        soft = "".join(chars)
    soft = _unify_tone_placement(soft)
    folded = soft.translate({ord(ch): _fold_char(ch)[0] for ch in set(soft)})
    return soft, folded, index


def normalise_phrase(phrase: str) -> str:
    soft, _folded, _index = normalise(phrase.strip())
    return re.sub(r"\s+", " ", soft)


# Tokens: numbers (with their thousands dots and decimal commas), words, single punctuation marks.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")


class Token(NamedTuple):
    soft: str
    folded: str
    start: int  # offsets into the normalised text (equal length to soft/folded)
    end: int
    is_number: bool
    is_word: bool


def token_key(soft: str) -> str:
    """Number tokens are matched by value ("07" = "7"); everything else by its text."""
    if soft.isdigit():
        return soft.lstrip("0") or "0"  # not int(): a number of thousands of digits is text, not an error
    return soft


def tokenize(soft: str, folded: str) -> list[Token]:
    tokens = []
    append, make = tokens.append, Token
    for match in TOKEN_RE.finditer(soft):
        start, end = match.span()
        text = match.group()
        if text[0].isdigit():
            key = token_key(text)
            append(make(key, key, start, end, True, False))
        else:
            append(make(text, folded[start:end], start, end, False, text[0].isalpha()))
    return tokens


def phrase_tokens(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A catalogue phrase as (soft keys, folded keys) token tuples."""
    soft, folded, _index = normalise(phrase.strip())
    tokens = tokenize(soft, folded)
    return tuple(t.soft for t in tokens), tuple(t.folded for t in tokens)


_SENTENCE_END = re.compile(r"\n+|(?<=[.!?…])[\"')\]]*\s+|\.\.\.\s*|…")


@dataclass(slots=True)
class Sentence:
    start: int  # token indices [start, end)
    end: int
    paragraph: int
    folded_mode: bool  # written without diacritics: match on folded text


class Document:
    """The normalised text with its tokens, sentences (token ranges) and paragraphs."""

    def __init__(self, text: str):
        self.text = text
        self.soft, self.folded, self.index = normalise(text)
        self.tokens = tokenize(self.soft, self.folded)
        self.token_starts = [t.start for t in self.tokens]
        self._build_sentences()

    def _build_sentences(self) -> None:
        boundaries = []  # normalised offsets where a sentence ends
        paragraph_breaks = []
        for match in _SENTENCE_END.finditer(self.soft):
            # a "." inside a number ("3.071") is never followed by a space, so it never matches
            if match.group().strip(" ") == "\n" and self._line_continues(match.start(), match.end()):
                continue  # a line broken inside a sentence (text copied from a PDF or a narrow column)
            boundaries.append(match.end())
            if "\n" in match.group():
                paragraph_breaks.append(match.end())
        boundaries.append(len(self.soft))
        self.sentences: list[Sentence] = []
        self.token_sentence: list[int] = [0] * len(self.tokens)
        start_char = 0
        paragraph = 0
        pb = 0
        for end_char in boundaries:
            first = bisect_left(self.token_starts, start_char)
            last = bisect_left(self.token_starts, end_char)
            while pb < len(paragraph_breaks) and paragraph_breaks[pb] <= start_char:
                paragraph += 1
                pb += 1
            if last > first:
                has_marks = self.soft[start_char:end_char] != self.folded[start_char:end_char]
                letters = sum(1 for t in self.tokens[first:last] if t.is_word)
                sentence = Sentence(first, last, paragraph, folded_mode=not has_marks and letters > 3)
                for k in range(first, last):
                    self.token_sentence[k] = len(self.sentences)
                self.sentences.append(sentence)
            start_char = end_char

    def _line_continues(self, newline: int, after: int) -> bool:
        """A single line break with no sentence punctuation before it and a lower-case word after it."""
        k = newline - 1
        while k >= 0 and self.soft[k] == " ":
            k -= 1  # spaces before a line break are rare and short: no copy of the text before it
        if k < 0 or self.soft[k] in ".!?…:;\"')]":
            return False
        if after >= len(self.soft):
            return False
        following = self.text[self.index[after]]
        return following.isalpha() and following.islower()

    # -- positions ------------------------------------------------------------------------------------------

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset` (normalised)."""
        return bisect_left(self.token_starts, offset)

    def token_before(self, offset: int) -> int:
        """Index of the last token starting before `offset` (-1 if none)."""
        return bisect_right(self.token_starts, offset - 1) - 1

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Normalised [start, end) → original [start, end)."""
        if end <= start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end]

    def original_text(self, start: int, end: int) -> str:
        a, b = self.original(start, end)
        return self.text[a:b]

    def sentence_of(self, token_index: int) -> Sentence:
        return self.sentences[self.token_sentence[token_index]]

    def keys(self, sentence: Sentence) -> str:
        return "folded" if sentence.folded_mode else "soft"
