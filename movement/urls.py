from django.urls import path

from movement import unit_views, views

urlpatterns = [
    path("areas/", views.area_index, name="area-index"),
    path("areas/<int:pk>/", views.area_detail, name="area-detail"),
    path("staff/units/", unit_views.unit_list, name="unit-registry"),
    path("staff/units/new/", unit_views.unit_create, name="unit-create"),
    path("staff/units/import/", unit_views.unit_import_page, name="unit-import"),
    path("staff/units/<int:pk>/", unit_views.unit_edit, name="unit-edit"),
    path("staff/units/<int:pk>/active/", unit_views.unit_set_active, name="unit-set-active"),
]
