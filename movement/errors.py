"""Errors every app shares. Services raise these; config.exceptions turns them into HTTP answers."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain was broken by the input: answered with 400 and the message."""

    def __init__(self, message, *, field_errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}

    def __str__(self):
        return str(self.message)


class PermissionDeniedError(ApplicationError):
    """The actor lacks the capability for this write: answered with 403."""

    def __init__(self, capability=None):
        super().__init__(_("You do not have permission to do this here."))
        self.capability = capability


class ConflictError(ApplicationError):
    """The record changed state under us (another user acted first): answered with 409."""


class PreconditionFailedError(ApplicationError):
    """The client's If-Match version is stale: answered with 412."""


class PreconditionRequiredError(ApplicationError):
    """A write to a versioned record came without If-Match: answered with 428 (nobody's changes may be
    overwritten blindly)."""
