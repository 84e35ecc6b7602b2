"""Cached public summaries: the summary API answers and the public dashboard pages.

- **Where.** Django's default cache: Redis when REDIS_URL is set (shared by every app server), the process's
  own memory otherwise.
- **Never stale.** The key holds the version of the parts of the data the answer reads
  (reports.summary_rows.SummaryPart: programme × province × year for the published conferences, record
  provider × province × year for the record counts; `rollups.parts_version`), which the writes that change
  a published summary (a conference published or reopened, a certification recognised or revoked, an
  award decision issued or annulled, units changed: reports.rollups) move in their own transaction. Each
  request reads the version first, then (on a miss) the data, from the same database (the read replica
  when there is one): once a write has committed, no request starts from an older version, and a copy
  stored under a version holds data at least as new as that version. Old entries are never read again
  and expire.
- **Survives unrelated writes.** An answer about a province or a period is keyed by the parts of that
  province (as recorded and of today) and those years only (`SCOPES` below): a certification recognised
  in Cà Mau leaves Hà Nội's answers cached. National answers read every province's parts.
- **Per host.** The key holds the scheme and host: answers carry absolute links (issue 12, item 10).
- **Repeat readers.** Answers carry an ETag (the hash of the body); a matching If-None-Match gets 304.
- **What is cached.** Successful GET/HEAD answers, per URL (path and query), language and Accept header.
  Pages are cached for visitors who are not signed in (the menu differs for staff) and who carry no flash
  messages; the CSRF token of the page's forms (language switch) is put back per request. Downloads
  (?format=csv/xlsx) are not cached.
"""

import hashlib
import re
import threading
import time
from contextlib import contextmanager
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_http_date_safe, quote_etag
from django.utils.translation import get_language

from movement.dbrouting import summary_reads
from reports import rollups

TIMEOUT = 24 * 60 * 60  # entries of old versions simply expire
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language")
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = b"\x00csrf\x00"


def _key(kind: str, version: str, request) -> str:
    accept = request.headers.get("Accept", "") if kind == "api" else ""
    origin = f"{request.scheme}://{request.get_host()}"
    raw = "\n".join([origin, request.path, request.META.get("QUERY_STRING", ""), get_language() or "", accept])
    return f"summary:{kind}:{version}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def _int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else None


def _code(value) -> str | None:
    """A programme code from the query, or None (every programme: a wider key, never a wrong one)."""
    value = (value or "").strip()
    return value if value and len(value) <= 50 and value.isprintable() else None


def _years(request) -> tuple[int, int] | None:
    from reports.summaries import parse_period

    try:
        period = parse_period(request.GET.get("period") or "")
    except ValueError:
        return None
    return period.first_year, period.last_year


def _year(value) -> tuple[int, int] | None:
    year = _int(str(value))
    return (year, year) if year is not None and year < 10000 else None


# What each cached view reads (rollups.parts_version's arguments), from its request and URL arguments.
SCOPES = {
    "everything": lambda request, **kwargs: {},
    "api-programme-review": lambda request, **kwargs: {
        "programme": _code(request.GET.get("programme")),
        "conference_area": _int(request.GET.get("area")),
        "conference_years": _years(request),
        "record_area": _int(request.GET.get("area")),
        "record_years": _years(request),
    },
    "api-annual": lambda request, **kwargs: {
        "conference_area": _int(request.GET.get("area")),
        "conference_years": _year(request.GET.get("year")),
        "record_area": _int(request.GET.get("area")),
        "record_years": _year(request.GET.get("year")),
    },
    "api-sources": lambda request, **kwargs: SCOPES[
        "api-programme-review" if request.GET.get("programme") else "api-annual"
    ](request),
    # pages list every period of the programme (or every year) with results: conferences of all years
    "page-programme-review": lambda request, code, **kwargs: {
        "programme": _code(code),
        "record_area": _int(request.GET.get("area")),
        "record_years": _years(request) if request.GET.get("period") else None,
    },
    "page-annual": lambda request, year, **kwargs: {
        "record_area": _int(request.GET.get("area")),
        "record_years": _year(year),
    },
    "page-province": lambda request, pk, **kwargs: {"conference_area": pk, "record_area": pk},
}


def version_of(scope: str, request, kwargs, *, using=None) -> str:
    return rollups.parts_version(**SCOPES[scope](request, **kwargs), using=using)


def _etag(body: bytes) -> str:
    return quote_etag("c-" + hashlib.sha256(body).hexdigest()[:32])


def _matches(request, etag: str, last_modified: str | None = None) -> bool:
    """If-None-Match names the ETag, or (without it) If-Modified-Since is not older than Last-Modified."""
    header = request.headers.get("If-None-Match")
    if header:
        tags = [t.strip().removeprefix("W/") for t in header.split(",")]
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    modified = parse_http_date_safe(last_modified or "")
    return since is not None and modified is not None and modified <= since


def _answer(request, entry: dict) -> HttpResponse:
    headers = entry["headers"]
    if _matches(request, headers["ETag"], headers.get("Last-Modified")):
        response = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            if name in headers:
                response[name] = headers[name]
        return response
    body = entry["body"]
    if entry.get("has_token"):
        token = get_token(request).encode()  # also sets the CSRF cookie, as rendering the form would
        body = body.replace(_PLACEHOLDER, token)
    response = HttpResponse(body, status=200)
    for name, value in headers.items():
        response[name] = value
    return response


def _store(key: str, response, *, page: bool) -> None:
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    body = bytes(response.content)
    has_token = False
    if page:
        body, count = _TOKEN.subn(rb"\1" + _PLACEHOLDER + rb"\2", body)
        has_token = count > 0
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    if "ETag" not in headers:
        headers["ETag"] = _etag(body)
        response["ETag"] = headers["ETag"]
    cache.set(key, {"body": body, "headers": headers, "has_token": has_token}, TIMEOUT)


_STRIPES = [threading.Lock() for _ in range(64)]
BUILD_WAIT = 30  # seconds a request waits for another one building the same answer


@contextmanager
def _building(key: str):
    """One build per answer at a time: in this process (a lock), and across processes when the cache is
    shared (a marker added to the cache). Yields the entry when another request built it while waiting.
    Without this, every request arriving while a summary is being built (after a publication, at start)
    would build it too: time and memory multiplied by the number of readers."""
    with _STRIPES[hash(key) % len(_STRIPES)]:
        entry = cache.get(key)
        if entry is not None:
            yield entry
            return
        marker = key + ":building"
        if not cache.add(marker, 1, BUILD_WAIT):
            deadline = time.monotonic() + BUILD_WAIT
            while time.monotonic() < deadline:
                time.sleep(0.05)
                entry = cache.get(key)
                if entry is not None:
                    yield entry
                    return
        try:
            yield None
        finally:
            cache.delete(marker)


def _cacheable_page(request) -> bool:
    if request.method not in ("GET", "HEAD") or "format" in request.GET:
        return False
    if "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def cached_summary(view, *, kind: str, scope: str = "everything"):
    """Wrap a summary view (kind "api": answers are the same for everyone; kind "page": anonymous only);
    `scope` names what it reads (SCOPES)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with summary_reads() as alias:
            if request.method not in ("GET", "HEAD") or (kind == "page" and not _cacheable_page(request)):
                return view(request, *args, **kwargs)
            key = _key(kind, version_of(scope, request, kwargs, using=alias), request)
            entry = cache.get(key)
            if entry is not None:
                return _answer(request, entry)
            with _building(key) as entry:
                if entry is not None:  # another request built it meanwhile
                    return _answer(request, entry)
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.has_header("Content-Disposition"):
                    _store(key, response, page=kind == "page")
                    if _matches(request, response["ETag"], response.get("Last-Modified")):
                        return _answer(request, {"headers": {"ETag": response["ETag"]}, "body": b""})
            if kind == "page":
                patch_vary_headers(response, ["Cookie"])
            return response

    return wrapper


def cached_api(view, *, scope: str = "everything"):
    return cached_summary(view, kind="api", scope=scope)


def cached_page(view, *, scope: str = "everything"):
    return cached_summary(view, kind="page", scope=scope)
