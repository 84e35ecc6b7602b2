from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from ops.apidocs import redoc_view, swagger_view

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ops.urls")),  # before auth and admin: two-step sign-in, /staff/audit/
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("config.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", swagger_view(), name="api-docs"),
    path("api/redoc/", redoc_view(), name="api-redoc"),
    path("", include("workday.urls")),  # /staff/ ("Việc của tôi"), coverage, confirmations, /corrections/
    path("", include("notifications.urls")),
    path("", include("reports.urls")),
    path("", include("awards.urls")),
    path("", include("extraction.urls")),
    path("", include("documents.urls")),
    path("", include("reports.public_urls")),  # the home page and the public dashboards
    path("", include("movement.urls")),
]

handler404 = "movement.views.page_not_found"
handler500 = "ops.views.server_error"  # 503 when the database is unavailable
