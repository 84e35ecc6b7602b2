from django.urls import path

from movement import views

urlpatterns = [
    path("areas/", views.area_index, name="area-index"),
    path("areas/<int:pk>/", views.area_detail, name="area-detail"),
]
