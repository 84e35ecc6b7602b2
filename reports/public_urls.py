"""Public pages: the home page, programme reviews, area pages, annual results and conference reports
(published data only; included in config/urls.py before the other apps' pages)."""

from django.urls import path

from reports import public_views, summary_sources
from reports.summary_cache import cached_page  # cached per data version, ETag/304 (reports/summary_cache.py)

urlpatterns = [
    path("", cached_page(public_views.home), name="home"),
    path(
        "programmes/<slug:code>/review/",
        cached_page(public_views.programme_review, scope="page-programme-review"),
        name="public-programme-review",
    ),
    path("provinces/<int:pk>/", cached_page(public_views.province, scope="page-province"), name="public-province"),
    path("annual/<int:year>/", cached_page(public_views.annual, scope="page-annual"), name="public-annual"),
    path("conferences/<int:pk>/", cached_page(public_views.conference), name="public-conference"),
    path("sources/", cached_page(summary_sources.sources_page, scope="api-sources"), name="public-sources"),
]
