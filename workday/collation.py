"""Vietnamese sort order for lists sorted in Python (both databases give the same order): letters in the
Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), then tones (none, huyền, hỏi, ngã, sắc, nặng)."""

import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {letter: index for index, letter in enumerate(ALPHABET)}
# combining marks: the vowel shapes stay with the letter; the tones are compared after the letters
_SHAPES = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(char):
            yield ("mark", char)
        else:
            yield ("base", char)


def vi_key(text: str) -> tuple:
    """A key for sorted(): "Đông" after "Dương", "Ă" after "A" and before "B", tones after letters."""
    letters: list[list] = []
    tones: list[int] = []
    for kind, char in _letters(text or ""):
        if kind == "base":
            letters.append([char])
            tones.append(0)
        elif letters and char in _TONES:
            tones[-1] = _TONES[char]
        elif letters and char in _SHAPES:
            base = letters[-1][0]
            shaped = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô", "o\u031b": "ơ", "u\u031b": "ư"}
            letters[-1][0] = shaped.get(base + char, base)
    primary = tuple((0, _ORDER[c[0]]) if c[0] in _ORDER else (1 if c[0].isalnum() else -1, ord(c[0])) for c in letters)
    return primary, tuple(tones)


def sort_vi(items, key=lambda item: item):
    return sorted(items, key=lambda item: vi_key(key(item)))
