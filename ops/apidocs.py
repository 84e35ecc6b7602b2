"""The API documentation pages under the Content Security Policy.

- Swagger UI: drf-spectacular's split view (the init script is served from the same URL with ?script,
  not inline) with a template whose page styles come from a static file: no CSP exemption at all.
- ReDoc: its bundle injects <style> elements at run time and starts a blob: web worker, so that one view
  relaxes style-src with 'unsafe-inline' and allows worker-src blob: (no inline scripts). The web fonts
  drf-spectacular's template loads from the internet are dropped (the portal works offline).
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "ops/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "ops/redoc.html"


def swagger_view():
    return SwaggerView.as_view(url_name="schema")


def redoc_view():
    return csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
        RedocView.as_view(url_name="schema")
    )
