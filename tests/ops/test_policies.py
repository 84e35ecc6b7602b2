"""Content Security Policy, rate limits, session lifetime and the production overlay."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from movement.throttling import ExportRateThrottle, ImportRateThrottle, rate_limit

ROOT = Path(django_settings.BASE_DIR)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


# Content Security Policy -------------------------------------------------------------------------


def test_pages_carry_a_strict_csp_without_inline_scripts(client, hierarchy):
    policy = directives(client.get("/areas/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)


def test_no_template_has_inline_scripts_or_styles():
    """The CSP forbids them; every template of the project must do without (JS and CSS in static files)."""
    offenders = []
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]:
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        if "/documents/templates/documents/pdf/" in template.as_posix():
            # rendered to PDF on the server (WeasyPrint), never served to a browser: no CSP applies; still no script
            assert not INLINE_SCRIPT.search(text), template
            continue
        if INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_swagger_ui_works_under_the_csp_without_exemption(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert not INLINE_SCRIPT.search(html) and not INLINE_STYLE.search(html)
    assert directives(page)["script-src"] == ["'self'"]
    script_url = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html).group(1).replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_redoc_relaxes_styles_for_its_own_view_only(client):
    page = client.get("/api/redoc/")
    assert page.status_code == 200
    policy = directives(page)
    assert "'unsafe-inline'" in policy["style-src"] and policy["script-src"] == ["'self'"]
    assert "fonts.googleapis.com" not in page.content.decode()  # the portal works offline


def test_django_admin_loads_under_the_csp(client, make_signed_user):
    admin = make_signed_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in ("/admin/", "/admin/movement/auditevent/", "/admin/auth/user/add/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        assert not INLINE_SCRIPT.search(response.content.decode()), url


# Rate limits --------------------------------------------------------------------------------------


@pytest.fixture
def rates(settings):
    cache.clear()

    def _set(**scopes):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": scopes}

    yield _set
    cache.clear()


def test_rate_limit_decorator_answers_429_with_retry_after(rates, make_user):
    rates(export="2/min")

    @rate_limit("export")
    def export_view(request):
        return HttpResponse("csv")

    user = make_user()
    request = RequestFactory().get("/reports/export.csv")
    request.user = user
    assert [export_view(request).status_code for _ in range(3)] == [200, 200, 429]
    refused = export_view(request)
    assert int(refused["Retry-After"]) >= 1
    other = RequestFactory().get("/reports/export.csv")
    other.user = make_user()
    assert export_view(other).status_code == 200  # counted per user


def test_rate_limit_rejects_unknown_scopes():
    with pytest.raises(ValueError, match="unknown rate-limit scope"):
        rate_limit("downloads")


def test_import_throttle_class_limits_a_drf_view(rates, make_user):
    rates(**{"import": "1/hour"})

    class ImportView(APIView):
        throttle_classes = [ImportRateThrottle]

        def post(self, request):
            return Response({"ok": True})

    view, user = ImportView.as_view(), make_user()
    factory = APIRequestFactory()
    statuses = []
    for _ in range(2):
        request = factory.post("/api/v1/imports/", {})
        force_authenticate(request, user)
        statuses.append(view(request).status_code)
    assert statuses == [200, 429]


def test_export_throttle_counts_anonymous_clients_by_address(rates):
    rates(export="1/min")

    class ExportView(APIView):
        permission_classes = []
        throttle_classes = [ExportRateThrottle]

        def get(self, request):
            return Response([])

    view, factory = ExportView.as_view(), APIRequestFactory()
    first = view(factory.get("/x", REMOTE_ADDR="10.0.0.1")).status_code
    second = view(factory.get("/x", REMOTE_ADDR="10.0.0.1")).status_code
    elsewhere = view(factory.get("/x", REMOTE_ADDR="10.0.0.2")).status_code
    assert (first, second, elsewhere) == (200, 429, 200)


def test_sign_in_page_is_rate_limited_per_address(rates, hierarchy):
    rates(login="3/min")
    client = Client()
    statuses = [
        client.post("/accounts/login/", {"username": f"nobody{i}", "password": "x"}).status_code for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/accounts/login/").status_code == 200  # reading the form is not counted


# Sessions and production --------------------------------------------------------------------------


def test_sessions_end_after_eight_hours_by_default():
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def _production_settings(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OTP_", "AXES_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x7!" + "k" * 60 + "Zq#9-production-test-secret",
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'portal.sqlite3'}"),
        **extra,
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.OTP_REQUIRED_FOR_STAFF, s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.AXES_ENABLED, "
        "'axes.middleware.AxesMiddleware' in s.MIDDLEWARE, 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


@pytest.mark.filterwarnings("ignore")
def test_production_requires_two_factor_for_staff_and_secures_sessions():
    values = _production_settings()
    assert values == ["True", "28800", "True", "True", "True", "True", "True", "True", "True"]
    assert _production_settings(OTP_REQUIRED_FOR_STAFF="false")[0] == "False"
