"""API routes of this app; config/api.py calls register() on the one router."""

from notifications.api.views import NotificationViewSet


def register(router) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")
