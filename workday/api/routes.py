"""API routes of this app; config/api.py calls register() on the one router."""

from django.urls import path

from workday.api.views import MyWorkView


def register(router) -> None:
    pass


urlpatterns = [path("my-work/", MyWorkView.as_view(), name="my-work-api")]
