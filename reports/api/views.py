"""Programmes, indicators and breakdowns (public reference data), and conferences with their figures, award
tallies and source documents. Anonymous users see published conferences only; signed-in users also see the
unpublished ones in their scope. Writes call reports.services; transitions are POST actions."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from movement.api.versioning import IF_MATCH, VersionedRetrieveMixin, required_version
from movement.lookups import as_code, as_id
from reports import selectors, services, spreadsheet
from reports.api.import_serializers import (
    ConferenceImportFiguresInputSerializer,
    ConferenceImportFiguresOutputSerializer,
)
from reports.api.serializers import (
    AwardTallyInputSerializer,
    AwardTallyOutputSerializer,
    BreakdownOutputSerializer,
    ConferenceCreateInputSerializer,
    ConferenceDetailOutputSerializer,
    ConferenceInputSerializer,
    ConferenceListOutputSerializer,
    ConferenceOutputSerializer,
    ConferenceReasonInputSerializer,
    ConferenceReturnInputSerializer,
    HistoryEntryOutputSerializer,
    IndicatorOutputSerializer,
    IndicatorValueInputSerializer,
    IndicatorValueOutputSerializer,
    ProgrammeOutputSerializer,
    SourceDocumentFullOutputSerializer,
    SourceDocumentInputSerializer,
    reads_internal,
)
from reports.filters import ConferenceFilter, IndicatorFilter
from reports.models import AwardTally, IndicatorValue


class _CodeLookupMixin:
    """Reference data addressed by id or by code: /indicators/12/ or /indicators/tips_provided/."""

    lookup_value_regex = "[^/]+"

    def get_object(self):
        value = self.kwargs[self.lookup_field]
        queryset = self.filter_queryset(self.get_queryset())
        pk, code = as_id(value), as_code(value)
        found = queryset.filter(pk=pk).first() if pk else queryset.filter(code=code).first() if code else None
        if found is None:
            raise Http404
        self.check_object_permissions(self.request, found)
        return found


class ProgrammeViewSet(_CodeLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Programmes, directives and plans whose results conferences report (by id or code)."""

    serializer_class = ProgrammeOutputSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["code", "is_recurring"]
    ordering_fields = ["code", "issued_on"]

    def get_queryset(self):
        return selectors.programme_list()


class IndicatorViewSet(_CodeLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """What reported figures count: unit of measure, group, whether it takes an "out of" figure, allows
    decimals, and which breakdowns it may be split by (by id or code)."""

    serializer_class = IndicatorOutputSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = IndicatorFilter
    ordering_fields = ["rank", "code", "group"]

    def get_queryset(self):
        return selectors.indicator_list()


class BreakdownViewSet(_CodeLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Breakdowns of figures (agency, school, commune, …); a figure's breakdown "" is the total."""

    serializer_class = BreakdownOutputSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["code"]
    ordering_fields = ["rank", "code"]

    def get_queryset(self):
        return selectors.breakdown_list()


class ConferenceViewSet(
    VersionedRetrieveMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Conference reports with their figures, award tallies and sources nested.

    Anonymous users see published reports; signed-in users also see unpublished ones in their scope (others
    are 404). data_entry creates and edits drafts and submits them; an approver in scope who did not submit
    the report approves, returns (with a reason), publishes and reopens it. Approved and published figures
    are locked until reopened. Writes may send `If-Match: "v<version>"` (412 when stale)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = ConferenceFilter
    ordering_fields = ["held_on", "period_start", "period_end", "title", "updated_at", "id"]
    ordering = ["-held_on", "-id"]

    def get_queryset(self):
        if self.action == "list":  # figures and tallies counted, not nested (issue 16)
            return selectors.conference_list(actor=self.request.user, with_parts=False)
        return selectors.conference_list(actor=self.request.user, with_full_text=self.action == "retrieve")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ConferenceDetailOutputSerializer
        if self.action == "list":
            return ConferenceListOutputSerializer
        return ConferenceOutputSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["breakdown_names"] = selectors.breakdown_names()
        return context

    def retrieve(self, request, *args, **kwargs):
        self._etag_instance = self.get_object()
        return Response(self.get_serializer(self._etag_instance).data)

    def _respond(self, conference, code=status.HTTP_200_OK):
        conference = selectors.conference_list(actor=self.request.user, with_full_text=True).get(pk=conference.pk)
        self._etag_instance = conference
        return Response(
            ConferenceDetailOutputSerializer(conference, context=self.get_serializer_context()).data, status=code
        )

    def _part(self, serializer_class, instance, conference, code=status.HTTP_200_OK):
        conference.refresh_from_db(fields=["version"])
        self._etag_instance = conference
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=ConferenceCreateInputSerializer, responses={201: ConferenceDetailOutputSerializer})
    def create(self, request):
        payload = ConferenceCreateInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        conference = services.conference_create(
            actor=request.user,
            programme=data.pop("programme"),
            kind=data.pop("kind"),
            title=data.pop("title"),
            area=data.pop("area"),
            figures=[dict(f) for f in data.pop("figures", [])],
            tallies=[dict(t) for t in data.pop("tallies", [])],
            source_documents=[dict(d) for d in data.pop("source_documents", [])],
            **data,
        )
        return self._respond(conference, status.HTTP_201_CREATED)

    @extend_schema(request=ConferenceInputSerializer, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, pk=None):
        conference = self.get_object()
        payload = ConferenceInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        conference = services.conference_update(
            actor=request.user,
            conference=conference,
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._respond(conference)

    @extend_schema(request=None, responses={204: None}, parameters=[IF_MATCH])
    def destroy(self, request, pk=None):
        services.conference_delete(
            actor=request.user, conference=self.get_object(), expected_version=required_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Transitions ---------------------------------------------------------------------------------------------

    def _transition(self, request, name, **kwargs):
        conference = services.TRANSITIONS[name](
            actor=request.user, conference=self.get_object(), expected_version=required_version(request), **kwargs
        )
        return self._respond(conference)

    @extend_schema(
        request={"multipart/form-data": ConferenceImportFiguresInputSerializer},
        responses={200: ConferenceImportFiguresOutputSerializer, 201: ConferenceImportFiguresOutputSerializer},
        parameters=[IF_MATCH],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import-figures",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_figures(self, request, pk=None):
        """Check (dry_run=true, the default) or save the figures and award tallies of a filled XLSX template.
        Every error names its sheet and row; nothing is saved unless every row is valid (then 201)."""
        conference = self.get_object()
        payload = ConferenceImportFiguresInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = spreadsheet.conference_import(
            actor=request.user,
            conference=conference,
            uploaded=payload.validated_data["file"],
            dry_run=payload.validated_data["dry_run"],
            expected_version=required_version(request),
        )
        code = status.HTTP_201_CREATED if result.saved else status.HTTP_200_OK
        if not result.dry_run and not result.saved:
            code = status.HTTP_400_BAD_REQUEST
        return Response(result.as_dict(), status=code)

    @extend_schema(request=None, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, "submit")

    @extend_schema(request=None, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition(request, "approve")

    @extend_schema(
        request=ConferenceReturnInputSerializer, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        payload = ConferenceReturnInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._transition(request, "return", reason=payload.validated_data["reason"])

    @extend_schema(request=None, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition(request, "publish")

    @extend_schema(
        request=ConferenceReasonInputSerializer, responses=ConferenceDetailOutputSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        payload = ConferenceReasonInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._transition(request, "reopen", reason=payload.validated_data.get("reason", ""))

    @extend_schema(responses=HistoryEntryOutputSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain list
    def history(self, request, pk=None):
        conference = self.get_object()
        if reads_internal(self.get_serializer_context(), conference):
            rows = selectors.conference_history(conference=conference)
        else:  # anonymous, no role, or another area: what was published, when, and its corrections
            rows = selectors.conference_public_history(conference=conference)
        return Response(HistoryEntryOutputSerializer(rows, many=True).data)

    # Figures, tallies, sources -------------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"], request=None, responses=IndicatorValueOutputSerializer(many=True), description="The figures."
    )
    @extend_schema(
        methods=["POST"],
        request=IndicatorValueInputSerializer,
        responses={201: IndicatorValueOutputSerializer},
        parameters=[IF_MATCH],
        description="Add a figure (400 if the report already has one for that indicator and breakdown).",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def figures(self, request, pk=None):
        conference = self.get_object()
        if request.method == "GET":
            return Response(
                IndicatorValueOutputSerializer(
                    conference.figures.all(), many=True, context=self.get_serializer_context()
                ).data
            )
        payload = IndicatorValueInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        figure = services.indicator_value_create(
            actor=request.user,
            conference=conference,
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._part(IndicatorValueOutputSerializer, figure, conference, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        request=IndicatorValueInputSerializer,
        responses=IndicatorValueOutputSerializer,
        parameters=[IF_MATCH],
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None}, parameters=[IF_MATCH])
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"figures/(?P<figure_id>\d+)",
        url_name="figure",
        filterset_class=None,
    )
    def figure(self, request, pk=None, figure_id=None):
        conference = self.get_object()
        if not IndicatorValue.objects.filter(conference=conference, pk=figure_id).exists():
            raise Http404
        if request.method == "DELETE":
            services.indicator_value_delete(
                actor=request.user,
                conference=conference,
                figure=int(figure_id),
                expected_version=required_version(request),
            )
            return Response(status=status.HTTP_204_NO_CONTENT)
        payload = IndicatorValueInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        figure = services.indicator_value_update(
            actor=request.user,
            conference=conference,
            figure=int(figure_id),
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._part(IndicatorValueOutputSerializer, figure, conference)

    @extend_schema(methods=["GET"], request=None, responses=AwardTallyOutputSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=AwardTallyInputSerializer,
        responses={201: AwardTallyOutputSerializer},
        parameters=[IF_MATCH],
        description="Add an award tally (400 if the report already has one for that issuer, form and recipients).",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def tallies(self, request, pk=None):
        conference = self.get_object()
        if request.method == "GET":
            return Response(AwardTallyOutputSerializer(conference.tallies.all(), many=True).data)
        payload = AwardTallyInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        tally = services.award_tally_create(
            actor=request.user,
            conference=conference,
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._part(AwardTallyOutputSerializer, tally, conference, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        request=AwardTallyInputSerializer,
        responses=AwardTallyOutputSerializer,
        parameters=[IF_MATCH],
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None}, parameters=[IF_MATCH])
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"tallies/(?P<tally_id>\d+)",
        url_name="tally",
        filterset_class=None,
    )
    def tally(self, request, pk=None, tally_id=None):
        conference = self.get_object()
        if not AwardTally.objects.filter(conference=conference, pk=tally_id).exists():
            raise Http404
        if request.method == "DELETE":
            services.award_tally_delete(
                actor=request.user,
                conference=conference,
                tally=int(tally_id),
                expected_version=required_version(request),
            )
            return Response(status=status.HTTP_204_NO_CONTENT)
        payload = AwardTallyInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        tally = services.award_tally_update(
            actor=request.user,
            conference=conference,
            tally=int(tally_id),
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._part(AwardTallyOutputSerializer, tally, conference)

    @extend_schema(
        request=SourceDocumentInputSerializer,
        responses={201: SourceDocumentFullOutputSerializer},
        parameters=[IF_MATCH],
        description="Attach a source document (report, article, decision) with its full text.",
    )
    @action(detail=True, methods=["post"], url_path="sources", url_name="sources", filterset_class=None)
    def sources(self, request, pk=None):
        conference = self.get_object()
        payload = SourceDocumentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.source_document_create(
            actor=request.user,
            conference=conference,
            expected_version=required_version(request),
            **payload.validated_data,
        )
        return self._part(SourceDocumentFullOutputSerializer, document, conference, status.HTTP_201_CREATED)
