"""Ids and versions typed into URLs and forms, read strictly.

`str.isdigit()` accepts "²", "٣" and other Unicode digits that `int()` then refuses (a 500 found by an
attack review), and a thousand-digit number overflows the database. `as_id` and `parse_version` accept
plain ASCII digits of a sane length only; anything else is None (the caller answers 4xx).
"""

MAX_ID_DIGITS = 18  # below 2**63: every database's big integer


def as_id(value) -> int | None:
    """The positive integer `value` spells in ASCII digits, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value < 10**MAX_ID_DIGITS else None
    text = str(value if value is not None else "").strip()
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number or None


def parse_version(value) -> int | None:
    """A record version posted by a form ("0" is a version too), else None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


MAX_CODE_LENGTH = 100


def as_code(value) -> str | None:
    """A catalogue code typed into a URL, or None when it cannot be one (empty, too long, or with control
    characters such as NUL, which PostgreSQL refuses in a query: a 500 found by fuzzing)."""
    text = str(value if value is not None else "")
    if not text or len(text) > MAX_CODE_LENGTH or not text.isprintable():
        return None
    return text
