"""API routes of this app; config/api.py calls register() on the one router and includes `urlpatterns`."""

from django.urls import path

from extraction.api.views import ExtractionView

urlpatterns = [path("extractions/", ExtractionView.as_view(), name="extraction-propose")]


def register(router) -> None:
    pass
