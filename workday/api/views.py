from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workday.selectors import my_work

_Line = inline_serializer(
    "MyWorkLine",
    {
        "label": serializers.CharField(),
        "url": serializers.CharField(),
        "detail": serializers.CharField(),
        "when": serializers.CharField(allow_null=True),
        "overdue": serializers.BooleanField(),
    },
    many=True,
)


class MyWorkView(APIView):
    """ "Việc của tôi": what waits for the signed-in user, grouped by what they can do (the same as /staff/)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "MyWork",
            {
                "total": serializers.IntegerField(),
                "groups": inline_serializer(
                    "MyWorkGroup",
                    {
                        "key": serializers.CharField(),
                        "title": serializers.CharField(),
                        "count": serializers.IntegerField(),
                        "lines": _Line,
                    },
                    many=True,
                ),
            },
        )
    )
    def get(self, request):
        groups = my_work(actor=request.user)
        return Response(
            {
                "total": sum(g.count for g in groups),
                "groups": [
                    {
                        "key": g.key,
                        "title": g.title,
                        "count": g.count,
                        "lines": [
                            {
                                "label": line.label,
                                "url": line.url,
                                "detail": line.detail,
                                "when": line.when.isoformat() if line.when else None,
                                "overdue": line.overdue,
                            }
                            for line in g.lines
                        ],
                    }
                    for g in groups
                ],
            }
        )
