from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from extraction import services
from extraction.api.serializers import ExtractionInputSerializer, ExtractionOutputSerializer
from movement.throttling import ImportRateThrottle


class ExtractionView(APIView):
    """Propose the figures, award tallies and conference facts of a Vietnamese report text. Nothing is
    saved: the answer is a draft for a person to confirm. Needs the right to enter conference reports
    somewhere (403 otherwise); the text is at most 200,000 characters (400 otherwise)."""

    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [ImportRateThrottle]  # API_THROTTLE_IMPORT: every extraction counts

    @extend_schema(request=ExtractionInputSerializer, responses=ExtractionOutputSerializer)
    def post(self, request):
        payload = ExtractionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = services.extraction_propose(
            actor=request.user,
            text=payload.validated_data["text"],
            reference_date=payload.validated_data.get("reference_date"),
        )
        return Response(result.to_dict())
