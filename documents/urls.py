from django.urls import path

from documents import views

urlpatterns = [
    path("staff/documents/report/", views.report_document, name="document-report"),
    path("staff/documents/recognition-decisions/<int:pk>/", views.recognition_document, name="document-recognition"),
    path("staff/documents/award-decisions/<int:pk>/", views.award_document, name="document-award"),
]
