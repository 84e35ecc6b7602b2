"""The permission matrix: what the URL configuration serves, and what docs/permissions.md expects of it.

- `served_rows()` walks `get_resolver().url_patterns` recursively and lists every (method, pattern): DRF
  viewsets by their method → action map, class-based views by the handlers they define, function views by
  their `require_http_methods` family decorator (require_POST, require_GET, require_safe), else GET and
  POST (a function view without such a decorator answers any method; other methods behave like POST).
  HEAD and OPTIONS are left out (Django and DRF answer them for every view).
- `parse_doc()` reads the tables "Endpoint matrix" (one row per method + pattern, with `{param=value}`
  bindings) and "Not in the matrix" (patterns or prefixes left out, each with its reason).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
MATRIX_HEADING = "## Endpoint matrix"
EXCLUDED_HEADING = "## Not in the matrix"
COLUMNS = ["anon", "DE in", "DE out", "AP in", "AP out", "PR in", "PR out", "VI in", "VI out", "NA in", "NA out"]
ROLE_OF = {"DE": "data_entry", "AP": "approver", "PR": "police_reviewer", "VI": "viewer", "NA": "national_admin"}
IGNORED_METHODS = {"HEAD", "OPTIONS", "TRACE"}
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_BINDING = re.compile(r"\{(\w+)(?:=([^}]*))?\}")


def normalise(route: str) -> str:
    """`api/v1/^conferences/(?P<pk>[^/.]+)/approve/$` → `/api/v1/conferences/{pk}/approve/`;
    `staff/conferences/<int:pk>/` → `/staff/conferences/{pk}/`."""
    route = _NAMED_GROUP.sub(lambda m: "{" + m.group(1) + "}", route)
    route = _CONVERTER.sub(lambda m: "{" + m.group(1) + "}", route)
    route = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + route


def unbound(pattern: str) -> str:
    """`/api/v1/conferences/{pk=conference_draft}/` → `/api/v1/conferences/{pk}/` (a query string, such as
    `?year=2019`, is part of the request, not of the pattern)."""
    return _BINDING.sub(lambda m: "{" + m.group(1) + "}", pattern.split("?", 1)[0])


def bindings(pattern: str) -> dict[str, str | None]:
    return {m.group(1): m.group(2) for m in _BINDING.finditer(pattern)}


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def _decorated_methods(function) -> list[str] | None:
    """The method list of a require_http_methods / require_POST / require_GET / require_safe decorator
    anywhere in the chain of wrappers."""
    seen = set()
    while function is not None and id(function) not in seen:
        seen.add(id(function))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(v, str) and v.isupper() for v in value):
                return [v for v in value if v not in IGNORED_METHODS]
        function = getattr(function, "__wrapped__", None)
    return None


def view_methods(callback) -> list[str]:
    actions = getattr(callback, "actions", None)
    if actions:  # DRF viewset route (DRF adds "head" to this map at the first GET)
        return sorted(m.upper() for m in actions if m.upper() not in IGNORED_METHODS)
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        return sorted(
            m.upper()
            for m in view_class.http_method_names
            if m.upper() not in IGNORED_METHODS and hasattr(view_class, m)
        )
    declared = _decorated_methods(callback)
    if declared is not None:
        return sorted(declared)
    return ["GET", "POST"]  # a function view without a method decorator answers any method


@dataclass(frozen=True)
class Served:
    method: str
    pattern: str
    view: str


def served_rows() -> list[Served]:
    rows: dict[tuple[str, str], Served] = {}
    for route, callback in _walk(get_resolver().url_patterns):
        pattern = normalise(route)
        name = f"{callback.__module__}.{getattr(callback, '__name__', type(callback).__name__)}"
        for method in view_methods(callback):
            rows.setdefault((method, pattern), Served(method, pattern, name))  # the first one resolves
    return sorted(rows.values(), key=lambda r: (r.pattern, r.method))


@dataclass(frozen=True)
class Row:
    method: str
    pattern: str  # with bindings
    expected: dict  # column → status code (int)
    note: str
    line: int

    @property
    def key(self) -> tuple[str, str]:
        return self.method, unbound(self.pattern)

    @property
    def id(self) -> str:
        return f"{self.method} {self.pattern}"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _section(lines: list[str], heading: str) -> list[tuple[int, str]]:
    """(line number, text) of the table lines under `heading` (until the next heading)."""
    out, inside = [], False
    for number, line in enumerate(lines, start=1):
        if line.startswith("## "):
            inside = line.strip() == heading
            continue
        if inside and line.lstrip().startswith("|"):
            out.append((number, line))
    return out


def parse_doc(text: str | None = None) -> tuple[list[Row], list[tuple[str, str]]]:
    lines = (text if text is not None else DOC.read_text(encoding="utf-8")).splitlines()
    rows: list[Row] = []
    table = _section(lines, MATRIX_HEADING)
    if not table:
        raise AssertionError(f"{DOC.name}: no table under '{MATRIX_HEADING}'")
    header = _cells(table[0][1])
    expected_header = ["method", "path", *COLUMNS, "note"]
    if header != expected_header:
        raise AssertionError(f"{DOC.name}:{table[0][0]}: the header must be {expected_header}, not {header}")
    for number, line in table[2:]:
        cells = _cells(line)
        if len(cells) != len(header):
            raise AssertionError(f"{DOC.name}:{number}: {len(cells)} cells instead of {len(header)}: {line}")
        method, path = cells[0].upper(), cells[1].strip("`")
        try:
            expected = {column: int(value) for column, value in zip(COLUMNS, cells[2:-1], strict=True)}
        except ValueError:
            raise AssertionError(f"{DOC.name}:{number}: every role/scope cell must be a status code: {line}")
        rows.append(Row(method, path, expected, cells[-1], number))
    excluded = []
    for number, line in _section(lines, EXCLUDED_HEADING)[2:]:
        cells = _cells(line)
        if len(cells) < 2 or not cells[0].strip("`"):
            raise AssertionError(f"{DOC.name}:{number}: an exclusion needs a pattern and a reason: {line}")
        excluded.append((cells[0].strip("`"), cells[1]))
    return rows, excluded


def is_excluded(pattern: str, excluded: list[tuple[str, str]]) -> bool:
    for entry, _reason in excluded:
        if entry.endswith("*") and pattern.startswith(entry[:-1]):
            return True
        if entry.startswith("*") and pattern.endswith(entry[1:]):
            return True
        if entry == pattern:
            return True
    return False


def format_row(method: str, pattern: str, outcomes: dict, note: str = "") -> str:
    return "| " + " | ".join([method, f"`{pattern}`", *(str(outcomes[c]) for c in COLUMNS), note]) + " |"
