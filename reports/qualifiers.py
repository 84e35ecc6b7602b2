"""Qualifiers of reported figures ("hơn", "gần", "khoảng") and the one rule for combining them.

Reports print "hơn 10.000 tin", "gần 4.000 lượt", "khoảng 30 kg". A figure keeps its qualifier; a sum of
figures (or a ratio of two) takes the combined qualifier (DESIGN.md §9, "Qualifier arithmetic"):

- every part exact → exact;
- any part `more_than` and none `nearly`/`about` → `more_than` ("hơn N");
- any part `nearly` or `about` → `about` ("khoảng N").

The dashboards reuse `combine()`; keep this module free of model imports.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    MORE_THAN = "more_than", _("more than (hơn, trên)")
    NEARLY = "nearly", _("nearly (gần)")
    ABOUT = "about", _("about (khoảng)")


# The word printed before the number, in Vietnamese and English (data of the language, not of the UI).
PREFIXES = {
    "vi": {Qualifier.EXACT: "", Qualifier.MORE_THAN: "hơn", Qualifier.NEARLY: "gần", Qualifier.ABOUT: "khoảng"},
    "en": {Qualifier.EXACT: "", Qualifier.MORE_THAN: "more than", Qualifier.NEARLY: "nearly", Qualifier.ABOUT: "about"},
}


def combine(qualifiers: Iterable[str]) -> str:
    """The qualifier of a sum (or ratio) of figures with these qualifiers. An empty sum is exact."""
    seen = {Qualifier(q) if q else Qualifier.EXACT for q in qualifiers}
    if seen & {Qualifier.NEARLY, Qualifier.ABOUT}:
        return Qualifier.ABOUT
    if Qualifier.MORE_THAN in seen:
        return Qualifier.MORE_THAN
    return Qualifier.EXACT


def prefix(qualifier: str, language: str = "vi") -> str:
    """The word to print before the number: "hơn", "gần", "khoảng" or "" (exact)."""
    table = PREFIXES["en" if (language or "vi").startswith("en") else "vi"]
    return table.get(Qualifier(qualifier or Qualifier.EXACT), "")
