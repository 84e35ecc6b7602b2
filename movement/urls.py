from django.urls import path
from django.views.generic import TemplateView

from movement import views

urlpatterns = [
    path("areas/", views.area_index, name="area-index"),
    path("areas/<int:pk>/", views.area_detail, name="area-detail"),
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
]
