"""Included under /api/v1/ by config/api.py."""

from django.urls import path

from documents.api import views

urlpatterns = [
    path(
        "documents/programme-review/", views.ProgrammeReviewDocumentView.as_view(), name="document-api-programme-review"
    ),
    path("documents/annual/", views.AnnualDocumentView.as_view(), name="document-api-annual"),
    path(
        "documents/recognition-decisions/<int:pk>/",
        views.RecognitionDecisionDocumentView.as_view(),
        name="document-api-recognition",
    ),
    path("documents/award-decisions/<int:pk>/", views.AwardDecisionDocumentView.as_view(), name="document-api-award"),
]
