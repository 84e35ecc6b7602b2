"""The documents through the API: GET /api/v1/documents/programme-review/, /annual/ (published data, for
everyone), /recognition-decisions/{id}/ (signed in, in scope) and /award-decisions/{id}/ (issued ones for
everyone, drafts in scope), each with ?format=docx|pdf. The answer is the file; errors are JSON (400/404).

`format` is DRF's own parameter for choosing a renderer; these views pick the file format themselves and
answer errors in JSON whatever it says."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from awards import selectors as award_selectors
from awards.models import AwardDecision, RecognitionDecision
from documents import generators
from documents.generators import FORMATS, NoDocument
from movement.throttling import ExportRateThrottle
from reports.api.summary_serializers import AnnualQueryInputSerializer, ProgrammeReviewQueryInputSerializer


class _FileFormat(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(FORMATS), help_text="docx or pdf")


class _JsonErrors(DefaultContentNegotiation):
    """Errors in JSON: ?format=docx names the file, not a renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = JSONRenderer()
        return renderer, renderer.media_type


_FORMAT = OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), required=True, description="docx or pdf")
_AREA = OpenApiParameter("area", OpenApiTypes.INT, description="Administrative unit id; omitted: the whole country.")
_MODE = OpenApiParameter("mode", OpenApiTypes.STR, enum=["current", "as_recorded"])
_RESPONSES = {
    (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
    (200, "application/pdf"): OpenApiTypes.BINARY,
    400: OpenApiResponse(description="Invalid parameters."),
    404: OpenApiResponse(description="No published data for this selection, or no such record."),
}


class _DocumentView(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _JsonErrors
    throttle_classes = [ExportRateThrottle]

    def file(self, request, make):
        query = _FileFormat(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            return generators.file_response(make(), query.validated_data["format"])
        except NoDocument as error:
            raise NotFound(str(error))


class ProgrammeReviewDocumentView(_DocumentView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="documents_programme_review",
        summary="Report draft of a programme review (.docx or PDF)",
        description="The draft report (Nghị định 30/2020/NĐ-CP format) of a programme's review period for the "
        "country or an area, from published conferences only. Judgement sections are left as marked headings.",
        parameters=[
            OpenApiParameter("programme", OpenApiTypes.STR, required=True, description="e.g. CT07-2014"),
            OpenApiParameter("period", OpenApiTypes.STR, description="e.g. 2014-2019 (default: the latest)"),
            _AREA,
            _MODE,
            _FORMAT,
        ],
        responses=_RESPONSES,
        tags=["documents"],
    )
    def get(self, request):
        query = ProgrammeReviewQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return self.file(
            request,
            lambda: generators.report(generators.vietnamese_summary(kind="programme_review", **query.validated_data)),
        )


class AnnualDocumentView(_DocumentView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="documents_annual",
        summary="Report draft of a year's results (.docx or PDF)",
        description="The draft report of one year's results for the country or an area (published only).",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, required=True, description="e.g. 2020"),
            _AREA,
            _MODE,
            _FORMAT,
        ],
        responses=_RESPONSES,
        tags=["documents"],
    )
    def get(self, request):
        query = AnnualQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return self.file(
            request, lambda: generators.report(generators.vietnamese_summary(kind="annual", **query.validated_data))
        )


class RecognitionDecisionDocumentView(_DocumentView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="documents_recognition_decision",
        summary="Recognition decision (.docx or PDF)",
        description="The decision with its list of recognised units; decisions in the user's scope only.",
        parameters=[_FORMAT],
        responses=_RESPONSES,
        tags=["documents"],
    )
    def get(self, request, pk):
        try:
            decision = award_selectors.recognition_decision_list(actor=request.user).get(pk=pk)
        except RecognitionDecision.DoesNotExist:
            raise Http404
        return self.file(request, lambda: generators.recognition(decision))


class AwardDecisionDocumentView(_DocumentView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="documents_award_decision",
        summary="Award decision (.docx or PDF)",
        description="The decision with its numbered recipients: issued decisions for everyone, drafts in the "
        "user's scope; none for an annulled decision.",
        parameters=[_FORMAT],
        responses=_RESPONSES,
        tags=["documents"],
    )
    def get(self, request, pk):
        if request.user.is_authenticated:
            decisions = award_selectors.award_decision_list(actor=request.user)
        else:
            decisions = award_selectors.award_decision_public_list()
        try:
            decision = decisions.get(pk=pk)
        except AwardDecision.DoesNotExist:
            raise Http404
        return self.file(request, lambda: generators.award(decision))
