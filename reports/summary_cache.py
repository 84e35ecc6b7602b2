"""Cached public summaries: the summary API answers and the public dashboard pages.

- **Where.** Django's default cache: Redis when REDIS_URL is set (shared by every app server), the process's
  own memory otherwise.
- **Never stale.** The key holds the summary data version (reports.summary_rows.SummaryVersion), which the
  writes that change a published summary (a conference published or reopened, a certification recognised
  or revoked, an award decision issued or annulled, units changed: reports.rollups) bump in their own
  transaction. Each request reads the version first, then (on a miss) the data, from the same database
  (the read replica when there is one): once a write has committed, no request starts from an older
  version, and a copy stored under a version holds data at least as new as that version. Old entries
  are never read again and expire.
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


def _key(kind: str, version: int, request) -> str:
    accept = request.headers.get("Accept", "") if kind == "api" else ""
    raw = "\n".join([request.path, request.META.get("QUERY_STRING", ""), get_language() or "", accept])
    return f"summary:{kind}:{version}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


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


def cached_summary(view, *, kind: str):
    """Wrap a summary view (kind "api": answers are the same for everyone; kind "page": anonymous only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with summary_reads() as alias:
            if request.method not in ("GET", "HEAD") or (kind == "page" and not _cacheable_page(request)):
                return view(request, *args, **kwargs)
            key = _key(kind, rollups.current_version(using=alias), request)
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


def cached_api(view):
    return cached_summary(view, kind="api")


def cached_page(view):
    return cached_summary(view, kind="page")
