from django.urls import path

from awards import attachment_views, draft_views, views

urlpatterns = [
    path("files/<slug:kind>/<int:attachment_id>/", attachment_views.attachment_download, name="attachment-download"),
    path("staff/attachments/<slug:kind>/<int:pk>/add/", attachment_views.attachment_add, name="attachment-add"),
    path(
        "staff/attachments/<slug:kind>/<int:pk>/<int:attachment_id>/delete/",
        attachment_views.attachment_delete,
        name="attachment-delete",
    ),
    path("awards/decisions/", views.award_public_list, name="award-public-list"),
    path("awards/decisions/<int:pk>/", views.award_public_detail, name="award-public-detail"),
    path("staff/certifications/queue/", views.certification_queue, name="certification-queue"),
    path("staff/certifications/new/", views.certification_register, name="certification-register"),
    path("staff/certifications/recognise/", views.certification_bulk_recognise, name="certification-bulk-recognise"),
    path("staff/certifications/<int:pk>/", views.certification_detail, name="certification-detail"),
    path("staff/certifications/<int:pk>/assess/", views.certification_assess, name="certification-assess"),
    path("staff/certifications/<int:pk>/<slug:name>/", views.certification_transition, name="certification-transition"),
    path("staff/awards/", views.award_list, name="award-list"),
    path("staff/awards/new/", views.award_create, name="award-create"),
    path("staff/awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("staff/awards/<int:pk>/edit/", views.award_edit, name="award-edit"),
    path("staff/awards/<int:pk>/import/", views.award_import, name="award-import"),
    path("staff/awards/<int:pk>/delete/", draft_views.award_delete, name="award-delete"),
    path("staff/awards/<int:pk>/<slug:name>/", views.award_transition, name="award-transition"),
    path("staff/ratings/", views.rating_list, name="rating-list"),
    path("staff/ratings/new/", views.rating_create, name="rating-create"),
    path("staff/ratings/<int:pk>/approve/", views.rating_approve, name="rating-approve"),
]
