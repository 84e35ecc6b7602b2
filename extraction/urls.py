from django.urls import path

from extraction import views

urlpatterns = [
    path("staff/extractions/", views.extraction_start, name="extraction-start"),
    path("staff/extractions/confirm/", views.extraction_confirm, name="extraction-confirm"),
]
