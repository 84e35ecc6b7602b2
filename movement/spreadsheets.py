"""Cells of every CSV and XLSX file the portal writes, made safe from formula injection.

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel and
LibreOffice (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). `safe_cell` puts an apostrophe in front of such a
text (the OWASP advice): the value stays readable and is shown as typed, never evaluated. Numbers, dates
and empty cells pass unchanged, so numbers stay numeric cells.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
