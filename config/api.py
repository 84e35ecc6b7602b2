"""The one DRF router: each app registers its resources in <app>/api/routes.py."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.urlpatterns import format_suffix_patterns

from awards.api import routes as awards_routes
from documents.api import routes as documents_routes
from extraction.api import routes as extraction_routes
from movement.api import routes as movement_routes
from notifications.api import routes as notifications_routes
from ops.api import routes as ops_routes
from reports.api import routes as reports_routes
from reports.api import summary_views as reports_summaries
from workday.api import routes as workday_routes

STANDARD_ACTIONS = {"list", "create", "retrieve", "update", "partial_update", "destroy"}


class PortalRouter(DefaultRouter):
    """DRF's router, with format suffixes (`.json`, `.api`) on the root, list and detail routes only. The
    extra actions (`…/{pk}/figures/`, `…/history/`, `…/approve/`) take no `format` argument: their suffixed
    URLs answered 500 (issue 12); without a suffixed pattern they answer 404."""

    include_format_suffixes = False

    def get_urls(self):
        patterns = []
        for url in super().get_urls():  # in the router's order: list actions before the detail route
            standard = set(getattr(url.callback, "actions", {}).values()) <= STANDARD_ACTIONS
            patterns += format_suffix_patterns([url]) if standard else [url]
        return patterns


router = PortalRouter()
APPS = (
    movement_routes,
    reports_routes,
    awards_routes,
    extraction_routes,
    ops_routes,
    notifications_routes,
    workday_routes,
)
for routes in APPS:
    routes.register(router)

extra_urlpatterns: list = []
for routes in APPS:
    extra_urlpatterns += getattr(routes, "urlpatterns", [])
extra_urlpatterns += reports_summaries.urlpatterns  # /api/v1/summaries/…
extra_urlpatterns += documents_routes.urlpatterns  # /api/v1/documents/… (.docx, PDF)

urlpatterns = [path("", include(extra_urlpatterns)), path("", include(router.urls))]
