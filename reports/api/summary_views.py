"""Summary endpoints: /api/v1/summaries/programme-review/ and /api/v1/summaries/annual/ (public, read-only).

Each answer carries an ETag (a hash of the answer, so it changes whenever any number, qualifier or source
does) and Last-Modified (the latest publication or change among the conferences summarised); a matching
If-None-Match (or, without it, If-Modified-Since) is answered 304 Not Modified. The number of queries is
fixed whatever the data size (see reports/summaries.py)."""

import hashlib
import json

from django.urls import path
from django.utils.http import http_date, parse_http_date_safe, quote_etag, urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.views import APIView

from reports.api.summary_serializers import (
    AnnualQueryInputSerializer,
    ProgrammeReviewQueryInputSerializer,
    SummaryOutputSerializer,
    summary_payload,
)
from reports.summaries import annual_summary, programme_review_summary
from reports.summary_cache import cached_api

CACHE_CONTROL = "public, max-age=60"

_AREA = OpenApiParameter("area", OpenApiTypes.INT, description="Administrative unit id; omitted: the whole country.")
_MODE = OpenApiParameter(
    "mode",
    OpenApiTypes.STR,
    enum=["current", "as_recorded"],
    description="current (default): rolled up into today's provinces; as_recorded: as reported.",
)
_CONDITIONAL = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description="ETag of a copy"),
    OpenApiParameter("If-Modified-Since", OpenApiTypes.STR, OpenApiParameter.HEADER),
]
_RESPONSES = {
    200: SummaryOutputSerializer,
    304: OpenApiResponse(description="Not modified (the ETag matches)."),
    400: OpenApiResponse(description="Invalid parameters."),
}


def _etag(data) -> str:
    body = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False).encode()
    return quote_etag("s-" + hashlib.sha256(body).hexdigest()[:32])


def _not_modified(request, etag: str, last_modified) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and last_modified is not None and int(last_modified.timestamp()) <= since


def summary_response(request, summary) -> Response:
    data = summary_payload(summary, request=request)
    etag = _etag(data)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Language, Cookie"}
    if summary.last_modified is not None:
        headers["Last-Modified"] = http_date(summary.last_modified.timestamp())
    if _not_modified(request, etag, summary.last_modified):
        return Response(status=304, headers=headers)
    return Response(data, headers=headers)


class ProgrammeReviewSummaryView(APIView):
    """A programme's review (e.g. CT07-2014 over 2014-2019) for the country or an area."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="summaries_programme_review",
        summary="Programme review summary",
        description="Totals of each indicator by breakdown, by area and by year; ratios re-aggregated from "
        "values and 'out of'; award totals by form, issuer and recipient kind; record-based counts; sources. "
        "Published conferences only.",
        parameters=[
            OpenApiParameter(
                "programme", OpenApiTypes.STR, required=True, description="Programme code, e.g. CT07-2014"
            ),
            OpenApiParameter("period", OpenApiTypes.STR, description="e.g. 2014-2019 (default: the latest)"),
            _AREA,
            _MODE,
            *_CONDITIONAL,
        ],
        responses=_RESPONSES,
        tags=["summaries"],
    )
    def get(self, request):
        query = ProgrammeReviewQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        summary = programme_review_summary(actor=request.user, **query.validated_data, sources=False)
        return summary_response(request, summary)


class AnnualSummaryView(APIView):
    """One year's results (every programme) for the country or an area."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="summaries_annual",
        summary="Annual summary",
        description="The same tables as the programme review, over the conferences whose reporting period lies "
        "within the calendar year (any programme). Published conferences only.",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, required=True, description="e.g. 2020"),
            _AREA,
            _MODE,
            *_CONDITIONAL,
        ],
        responses=_RESPONSES,
        tags=["summaries"],
    )
    def get(self, request):
        query = AnnualQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        summary = annual_summary(actor=request.user, **query.validated_data, sources=False)
        return summary_response(request, summary)


class SummarySourcesView(APIView):
    """The reports and excerpts behind one number of a summary, paged (each number's `sources_url`)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="summaries_sources",
        summary="Sources of one summary number",
        description="The published conference reports and excerpts behind one number of a summary, latest "
        "first, 20 a page. Take the parameters from the number's `sources_url`: the summary's (programme and "
        "period, or year; area; mode) and the number's (indicator and breakdown, or form, issuer and kind; "
        "part: the area of a row; row_year: a year's row).",
        parameters=[
            OpenApiParameter(name, OpenApiTypes.STR)
            for name in ("programme", "period", "year", "area", "mode", "indicator", "breakdown", "form", "issuer")
        ]
        + [OpenApiParameter(name, OpenApiTypes.STR) for name in ("kind", "award", "part", "row_year", "page")],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiResponse(description="Invalid parameters.")},
        tags=["summaries"],
    )
    def get(self, request):
        from reports.summary_sources import SourcesQueryError, number_sources

        try:
            page = number_sources(request.query_params)
        except SourcesQueryError as error:
            return Response({"detail": str(error)}, status=400)
        base = request.path + "?"
        query = dict(page.query)

        def link(number):
            return base + urlencode({**query, "page": number}) if 1 <= number <= page.pages else None

        data = {
            "count": page.count,
            "page": page.page,
            "pages": page.pages,
            "next": link(page.page + 1),
            "previous": link(page.page - 1),
            "results": [
                {
                    "conference_id": item.conference_id,
                    "title": item.title,
                    "area": item.area,
                    "held_on": item.held_on.isoformat() if item.held_on else None,
                    "period_label": item.period_label,
                    "excerpt": item.excerpt,
                    "value_display": item.value_display,
                    "url": item.url,
                }
                for item in page.results
            ],
        }
        return Response(data, headers={"Cache-Control": CACHE_CONTROL})


# Included under /api/v1/ by config/api.py.
urlpatterns = [
    path(
        "summaries/programme-review/",
        # cached per version of the parts read (reports/summary_cache.py)
        cached_api(ProgrammeReviewSummaryView.as_view(), scope="api-programme-review"),
        name="summary-programme-review",
    ),
    path("summaries/annual/", cached_api(AnnualSummaryView.as_view(), scope="api-annual"), name="summary-annual"),
    path("summaries/sources/", cached_api(SummarySourcesView.as_view(), scope="api-sources"), name="summary-sources"),
]
