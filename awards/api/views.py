"""HTTP wiring: thin viewsets over awards.selectors (scoped reads) and awards.services (writes and
transitions as POST actions). Versioned records send an ETag and accept If-Match (412 when stale)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from awards import selectors, services
from awards.api.serializers import (
    AwardDecisionInputSerializer,
    AwardDecisionOutputSerializer,
    AwardDecisionPublicSerializer,
    AwardRecipientInputSerializer,
    AwardRecipientOutputSerializer,
    AwardRecipientPublicSerializer,
    BulkRecogniseInputSerializer,
    CertificationAssessInputSerializer,
    CertificationOutputSerializer,
    CertificationRecogniseInputSerializer,
    CertificationRegisterInputSerializer,
    CertificationSubmitInputSerializer,
    CriteriaSetOutputSerializer,
    ImportRecipientsInputSerializer,
    RatingApproveInputSerializer,
    RatingCreateInputSerializer,
    RatingOutputSerializer,
    RatingSchemeOutputSerializer,
    RatingUpdateInputSerializer,
    ReasonInputSerializer,
    RecognitionDecisionOutputSerializer,
    ReviewNoteInputSerializer,
)
from awards.filters import AwardDecisionFilter, CertificationFilter, CriteriaSetFilter, RatingFilter
from awards.imports import read_recipient_file
from awards.models import AwardRecipient
from movement.access import Capability, has_any_capability
from movement.api.versioning import IF_MATCH, VersionedRetrieveMixin, required_version
from movement.errors import ApplicationError
from movement.lookups import as_code, as_id
from movement.throttling import ImportRateThrottle


class CodeOrIdLookupMixin:
    """Reference data addressed by id or by code (/criteria-sets/tt124-2021-school/)."""

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset())
        key = self.kwargs["pk"]
        if as_id(key):
            lookup = {"pk": as_id(key)}
        elif as_code(key):
            lookup = {"code": as_code(key)}
        else:
            raise Http404
        obj = get_object_or_404(queryset, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj


class CriteriaSetViewSet(
    CodeOrIdLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Criteria sets of the "An toàn về an ninh, trật tự" standard with their numbered criteria (public
    reference data; texts flagged `is_summary` are summaries, not the legal wording)."""

    serializer_class = CriteriaSetOutputSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = CriteriaSetFilter
    ordering_fields = ["valid_from", "code"]
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return selectors.criteria_set_list()


class RatingSchemeViewSet(
    CodeOrIdLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Movement rating schemes with their score bands (public reference data)."""

    serializer_class = RatingSchemeOutputSerializer
    permission_classes = [permissions.AllowAny]
    ordering_fields = ["valid_from", "code"]
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return selectors.rating_scheme_list()


class _RecordViewSet(VersionedRetrieveMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    output_serializer_class = None

    def get_serializer_class(self):
        return self.output_serializer_class

    def _etag(self, instance):
        if hasattr(instance, "version"):
            self._etag_instance = instance
        return instance

    def retrieve(self, request, *args, **kwargs):
        instance = self._etag(self.get_object())
        return Response(self.get_serializer(instance).data)

    def _respond(self, instance, code=status.HTTP_200_OK):
        instance = self._etag(self.get_queryset().get(pk=instance.pk))
        return Response(self.get_serializer(instance).data, status=code)

    def _payload(self, serializer_class, **kwargs):
        payload = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        payload.is_valid(raise_exception=True)
        return dict(payload.validated_data)


class CertificationViewSet(_RecordViewSet):
    """ "An toàn về an ninh, trật tự" certifications in the user's scope. Register with POST; enter the
    self-assessment with PATCH (`results`); transitions are POST actions: submit (data entry), approve,
    reject, recognise, revoke (police reviewer in scope who did not submit it)."""

    output_serializer_class = CertificationOutputSerializer
    filterset_class = CertificationFilter
    ordering_fields = ["year", "submitted_at", "updated_at", "status"]

    def get_queryset(self):
        return selectors.certification_list(actor=self.request.user)

    @extend_schema(request=CertificationRegisterInputSerializer, responses={201: CertificationOutputSerializer})
    def create(self, request):
        data = self._payload(CertificationRegisterInputSerializer)
        certification = services.certification_register(actor=request.user, **data)
        return self._respond(certification, status.HTTP_201_CREATED)

    @extend_schema(
        request=CertificationAssessInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH]
    )
    def partial_update(self, request, pk=None):
        certification = self.get_object()
        data = self._payload(CertificationAssessInputSerializer)
        certification = services.certification_assess(
            actor=request.user,
            certification=certification,
            results=data["results"],
            expected_version=required_version(request),
        )
        return self._respond(certification)

    def _transition(self, service, serializer_class=None, **extra):
        certification = self.get_object()
        data = self._payload(serializer_class) if serializer_class else {}
        certification = service(
            actor=self.request.user,
            certification=certification,
            expected_version=required_version(self.request),
            **data,
            **extra,
        )
        return self._respond(certification)

    @extend_schema(
        request=CertificationSubmitInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(services.certification_submit, CertificationSubmitInputSerializer)

    @extend_schema(request=ReviewNoteInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition(services.certification_approve, ReviewNoteInputSerializer)

    @extend_schema(request=ReasonInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._transition(services.certification_reject, ReasonInputSerializer)

    @extend_schema(request=ReasonInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._transition(services.certification_revoke, ReasonInputSerializer)

    @extend_schema(
        request=CertificationRecogniseInputSerializer, responses=CertificationOutputSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"])
    def recognise(self, request, pk=None):
        certification = self.get_object()
        data = self._payload(CertificationRecogniseInputSerializer)
        if data.get("recognition_decision"):
            decision = get_object_or_404(
                selectors.recognition_decision_list(actor=request.user), pk=data["recognition_decision"]
            )
            certification = services.certification_recognise(
                actor=request.user,
                certification=certification,
                decision=decision,
                expected_version=required_version(request),
            )
        else:
            version = required_version(request)
            services.recognition_decision_create(
                actor=request.user,
                number=data["number"],
                signed_on=data["signed_on"],
                issuer=data["issuer"],
                area=data.get("area"),
                note=data.get("note", ""),
                certifications=[certification],
                expected_versions={certification.pk: version} if version is not None else None,
            )
        return self._respond(certification)


class RecognitionDecisionViewSet(_RecordViewSet):
    """Recognition decisions in the user's scope; `POST /recognition-decisions/recognise/` records one and
    recognises every listed approved certification under it (all or nothing)."""

    output_serializer_class = RecognitionDecisionOutputSerializer
    ordering_fields = ["signed_on", "number"]

    def get_queryset(self):
        return selectors.recognition_decision_list(actor=self.request.user)

    @extend_schema(request=BulkRecogniseInputSerializer, responses={201: RecognitionDecisionOutputSerializer})
    @action(detail=False, methods=["post"])
    def recognise(self, request):
        data = self._payload(BulkRecogniseInputSerializer)
        ids = data.pop("certifications")
        visible = list(selectors.certification_list(actor=request.user).filter(pk__in=ids))
        missing = sorted(set(ids) - {c.pk for c in visible})
        if missing:
            message = _("Unknown certifications: %(ids)s.") % {"ids": ", ".join(str(i) for i in missing)}
            raise ApplicationError(message, field_errors={"certifications": [message]})
        decision = services.recognition_decision_create(actor=request.user, certifications=visible, **data)
        return self._respond(decision, status.HTTP_201_CREATED)


class AwardDecisionViewSet(_RecordViewSet):
    """Award decisions: every issued decision is public (recipients' names and titles only for anonymous
    readers); drafts and annulled decisions are visible in the user's scope. Create and PATCH drafts;
    transitions are POST actions issue and annul; recipients are nested (recipients/, recipients/{id}/),
    and import-recipients reads a CSV or XLSX file (dry run by default)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = AwardDecisionFilter
    ordering_fields = ["signed_on", "number", "updated_at"]

    def _public_reader(self) -> bool:
        """Anonymous, or signed in without any role: the public representation (issued decisions only;
        recipients' names and titles, no linked units, source or conference)."""
        user = self.request.user
        return not user.is_authenticated or not has_any_capability(actor=user, capability=Capability.READ_UNPUBLISHED)

    def get_queryset(self):
        if self._public_reader():
            return selectors.award_decision_public_list()
        return selectors.award_decision_list(actor=self.request.user)

    def get_serializer_class(self):
        if self._public_reader():
            return AwardDecisionPublicSerializer
        return AwardDecisionOutputSerializer

    @extend_schema(request=AwardDecisionInputSerializer, responses={201: AwardDecisionOutputSerializer})
    def create(self, request):
        data = self._payload(AwardDecisionInputSerializer)
        decision = services.award_decision_create(
            actor=request.user, area=data.pop("area"), recipients=data.pop("recipients", []), **data
        )
        return self._respond(decision, status.HTTP_201_CREATED)

    @extend_schema(request=AwardDecisionInputSerializer, responses=AwardDecisionOutputSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, pk=None):
        decision = self.get_object()
        data = self._payload(AwardDecisionInputSerializer, partial=True)
        if "recipients" in data:
            message = _("Recipients are changed through recipients/ and import-recipients/, not here.")
            raise ApplicationError(message, field_errors={"recipients": [message]})
        decision = services.award_decision_update(
            actor=request.user, decision=decision, expected_version=required_version(request), **data
        )
        return self._respond(decision)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request, pk=None):
        services.award_decision_delete(
            actor=request.user, decision=self.get_object(), expected_version=required_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=AwardDecisionOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        decision = services.award_decision_issue(
            actor=request.user, decision=self.get_object(), expected_version=required_version(request)
        )
        return self._respond(decision)

    @extend_schema(request=ReasonInputSerializer, responses=AwardDecisionOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def annul(self, request, pk=None):
        decision = self.get_object()
        data = self._payload(ReasonInputSerializer)
        decision = services.award_decision_annul(
            actor=request.user, decision=decision, expected_version=required_version(request), **data
        )
        return self._respond(decision)

    @extend_schema(
        methods=["POST"],
        request=AwardRecipientInputSerializer,
        responses={201: AwardRecipientOutputSerializer},
        parameters=[IF_MATCH],
    )
    @extend_schema(
        methods=["GET"],
        responses=AwardRecipientPublicSerializer(many=True),
        description="The recipients. Everyone gets order, kind, name and title as printed; signed-in readers "
        "also get the id, the linked unit and the area (AwardRecipientOutput).",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)  # a plain list
    def recipients(self, request, pk=None):
        decision = self.get_object()
        if request.method == "GET":
            serializer = AwardRecipientPublicSerializer if self._public_reader() else AwardRecipientOutputSerializer
            return Response(serializer(decision.recipients.all(), many=True).data)
        data = self._payload(AwardRecipientInputSerializer)
        recipient = services.award_recipient_add(
            actor=request.user, decision=decision, expected_version=required_version(request), **data
        )
        return Response(
            AwardRecipientOutputSerializer(
                AwardRecipient.objects.select_related("unit", "area").get(pk=recipient.pk)
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["PATCH"],
        request=AwardRecipientInputSerializer,
        responses=AwardRecipientOutputSerializer,
        parameters=[IF_MATCH],
    )
    @extend_schema(methods=["DELETE"], parameters=[IF_MATCH])
    @action(detail=True, methods=["patch", "delete"], url_path=r"recipients/(?P<recipient_id>[0-9]+)")
    def recipient_detail(self, request, pk=None, recipient_id=None):
        decision = self.get_object()
        recipient = get_object_or_404(decision.recipients.all(), pk=recipient_id)
        if request.method == "DELETE":
            services.award_recipient_delete(
                actor=request.user, recipient=recipient, expected_version=required_version(request)
            )
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = self._payload(AwardRecipientInputSerializer, partial=True)
        recipient = services.award_recipient_update(
            actor=request.user, recipient=recipient, expected_version=required_version(request), **data
        )
        return Response(
            AwardRecipientOutputSerializer(
                AwardRecipient.objects.select_related("unit", "area").get(pk=recipient.pk)
            ).data
        )

    @extend_schema(
        request={"multipart/form-data": ImportRecipientsInputSerializer}, responses=None, parameters=[IF_MATCH]
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import-recipients",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        throttle_classes=[ImportRateThrottle],
    )
    def import_recipients(self, request, pk=None):
        """Check (dry_run=true, the default) or save the recipients listed in a CSV/XLSX file. Nothing is saved
        unless every row is valid; errors give the row number of the file (the header is row 1)."""
        decision = self.get_object()
        data = self._payload(ImportRecipientsInputSerializer)
        rows = read_recipient_file(data["file"])
        result = services.award_recipients_import(
            actor=request.user,
            decision=decision,
            rows=rows,
            dry_run=data["dry_run"],
            expected_version=required_version(request),
        )
        code = status.HTTP_200_OK if result.dry_run else status.HTTP_201_CREATED
        return Response(result.as_dict(), status=code)


class RatingViewSet(_RecordViewSet):
    """Movement ratings in the user's scope: data entry self-scores (POST, PATCH); a police reviewer in
    scope approves the score (POST …/approve/), which fixes the resulting class."""

    output_serializer_class = RatingOutputSerializer
    filterset_class = RatingFilter
    ordering_fields = ["year", "score", "self_score", "updated_at"]

    def get_queryset(self):
        return selectors.rating_list(actor=self.request.user)

    @extend_schema(request=RatingCreateInputSerializer, responses={201: RatingOutputSerializer})
    def create(self, request):
        data = self._payload(RatingCreateInputSerializer)
        rating = services.rating_create(actor=request.user, **data)
        return self._respond(rating, status.HTTP_201_CREATED)

    @extend_schema(request=RatingUpdateInputSerializer, responses=RatingOutputSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, pk=None):
        rating = self.get_object()
        data = self._payload(RatingUpdateInputSerializer, partial=True)
        rating = services.rating_update(
            actor=request.user, rating=rating, expected_version=required_version(request), **data
        )
        return self._respond(rating)

    @extend_schema(request=RatingApproveInputSerializer, responses=RatingOutputSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        rating = self.get_object()
        data = self._payload(RatingApproveInputSerializer)
        rating = services.rating_approve(
            actor=request.user, rating=rating, expected_version=required_version(request), **data
        )
        return self._respond(rating)
