from django.urls import path

from reports import draft_views, entry_views, views

urlpatterns = [
    path("staff/conferences/", views.conference_list, name="conference-list"),
    path("staff/conferences/new/", views.conference_create, name="conference-create"),
    path("staff/conferences/<int:pk>/", views.conference_detail, name="conference-detail"),
    path("staff/conferences/<int:pk>/edit/", views.conference_edit, name="conference-edit"),
    path("staff/conferences/<int:pk>/figures/", views.conference_figures, name="conference-figures"),
    path("staff/conferences/<int:pk>/tallies/", views.conference_tallies, name="conference-tallies"),
    path("staff/conferences/<int:pk>/entry/", entry_views.conference_entry, name="conference-entry"),
    path("staff/conferences/<int:pk>/template.xlsx", entry_views.conference_template, name="conference-template"),
    path("staff/conferences/<int:pk>/import/", entry_views.conference_import, name="conference-import"),
    path("staff/conferences/<int:pk>/delete/", draft_views.conference_delete, name="conference-delete"),
    path("staff/conferences/<int:pk>/sources/new/", views.conference_source_create, name="conference-source-create"),
    path(
        "staff/conferences/<int:pk>/<slug:name>/",
        views.conference_transition,
        name="conference-transition",
    ),
]
