"""Public pages: the home page, programme reviews, area pages, annual results and conference reports
(published data only; included in config/urls.py before the other apps' pages)."""

from django.urls import path

from reports import public_views

urlpatterns = [
    path("", public_views.home, name="home"),
    path("programmes/<slug:code>/review/", public_views.programme_review, name="public-programme-review"),
    path("provinces/<int:pk>/", public_views.province, name="public-province"),
    path("annual/<int:year>/", public_views.annual, name="public-annual"),
    path("conferences/<int:pk>/", public_views.conference, name="public-conference"),
]
