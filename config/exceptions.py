"""DRF glue: turn domain errors into readable 4xx answers in the user's language."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from movement.errors import (
    ApplicationError,
    ConflictError,
    PermissionDeniedError,
    PreconditionFailedError,
    PreconditionRequiredError,
)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, PermissionDeniedError | DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, PreconditionRequiredError):
        return Response(
            {"detail": str(exc), "code": "precondition_required"}, status=status.HTTP_428_PRECONDITION_REQUIRED
        )
    elif isinstance(exc, PreconditionFailedError):
        return Response({"detail": str(exc), "code": "precondition_failed"}, status=status.HTTP_412_PRECONDITION_FAILED)
    elif isinstance(exc, ConflictError):
        return Response({"detail": str(exc), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, ApplicationError):
        body = {"detail": str(exc)}
        if exc.field_errors:
            body.update(exc.field_errors)
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, OverflowError | DataError):
        # A number too large for the database (?parent=99999999999999999999, an id list): bad input.
        return Response(
            {"detail": _("A number in the request is out of range."), "code": "out_of_range"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    elif isinstance(exc, IntegrityError):
        return Response({"detail": _("This record conflicts with an existing one.")}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
