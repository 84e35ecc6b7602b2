"""Issue 12, item 2: the import limit applies to every import and extraction (API and staff pages);
forwarded headers are trusted only for DJANGO_TRUSTED_PROXY_COUNT proxies; wrong HTTP Basic credentials
are limited per address, whatever the user name."""

import base64
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from awards import services as award_services
from movement.models import AdministrativeUnit as AU
from movement.models import Role
from movement.throttling import ExportRateThrottle
from reports.models import AwardForm, IssuingAuthority
from tests.ops.helpers import PASSWORD, with_password

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Tổ chức 12 buổi tuyên truyền."


@pytest.fixture
def rates(settings):
    cache.clear()

    def _set(**scopes):
        base = {"login": "10000/min", "import": "10000/min", "export": "10000/min"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**base, **scopes}}

    yield _set
    cache.clear()


@pytest.fixture
def clerk(make_user, thanh_hoa):
    return make_user(Role.DATA_ENTRY, thanh_hoa)


@pytest.fixture
def decision(clerk):
    return award_services.award_decision_create(
        actor=clerk,
        area=AU.objects.get(generation="legacy", level="province", code="38"),
        number="100/QĐ-UBND",
        signed_on=datetime.date(2019, 9, 11),
        issuing_authority=IssuingAuthority.objects.get(code="provincial_chair"),
        form=AwardForm.objects.get(code="certificate_of_merit"),
        achievement="Thành tích xuất sắc",
        recipients=[{"kind": "collective", "name_as_printed": "Đã có sẵn"}],
    )


def _csv():
    return SimpleUploadedFile("ds.csv", "name,kind\nSở Tư pháp,tập thể\n".encode(), content_type="text/csv")


@pytest.mark.django_db
def test_the_extraction_api_is_limited(rates, api, clerk):
    rates(**{"import": "2/hour"})
    client = api(clerk)
    statuses = [client.post("/api/v1/extractions/", {"text": TEXT}, format="json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_the_recipient_import_api_is_limited(rates, api, clerk, decision):
    rates(**{"import": "2/hour"})
    client = api(clerk)
    url = f"/api/v1/award-decisions/{decision.pk}/import-recipients/"
    statuses = []
    for _ in range(3):
        decision.refresh_from_db()
        response = client.post(url, {"file": _csv()}, format="multipart", HTTP_IF_MATCH=f'"v{decision.version}"')
        statuses.append(response.status_code)
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_the_staff_extraction_and_import_pages_are_limited(rates, client, clerk, decision):
    rates(**{"import": "2/hour"})
    client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    pages = [client.post("/staff/extractions/", {"text": TEXT}).status_code for _ in range(3)]
    assert pages == [200, 200, 429]
    assert client.get("/staff/extractions/").status_code == 200  # showing the form does not count
    cache.clear()
    url = f"/staff/awards/{decision.pk}/import/"
    imports = [client.post(url, {"file": _csv()}).status_code for _ in range(3)]
    assert imports[:2] != [429, 429] and imports[2] == 429


def _anonymous_export_statuses(settings_proxies, settings, headers_list):
    settings.TRUSTED_PROXY_COUNT = settings_proxies

    class ExportView(APIView):
        permission_classes = []
        throttle_classes = [ExportRateThrottle]

        def get(self, request):
            return Response([])

    view, factory = ExportView.as_view(), APIRequestFactory()
    return [view(factory.get("/x", REMOTE_ADDR="10.0.0.1", **headers)).status_code for headers in headers_list]


def test_a_spoofed_forwarded_for_does_not_give_a_new_address_without_proxies(rates, settings):
    rates(export="1/min")
    spoofed = [{"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"} for i in range(3)]
    assert _anonymous_export_statuses(0, settings, spoofed) == [200, 429, 429]


def test_behind_one_proxy_only_the_address_it_saw_counts(rates, settings):
    rates(export="1/min")
    # the client prepends whatever it likes; the proxy appends the address it saw (198.51.100.7)
    spoofed = [{"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}, 198.51.100.7"} for i in range(2)]
    assert _anonymous_export_statuses(1, settings, spoofed) == [200, 429]
    cache.clear()
    two_clients = [{"HTTP_X_FORWARDED_FOR": "198.51.100.7"}, {"HTTP_X_FORWARDED_FOR": "198.51.100.8"}]
    assert _anonymous_export_statuses(1, settings, two_clients) == [200, 200]


def _basic(username, password):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


@pytest.mark.django_db
def test_http_basic_guesses_across_user_names_are_limited_per_address(rates, make_user, api):
    rates(login="3/min")
    user = with_password(make_user(Role.VIEWER, None, username="xem_basic"))
    client = api()
    url = "/api/v1/award-decisions/"
    guesses = [client.get(url, REMOTE_ADDR="10.9.9.9", **_basic(f"user{i}", "sai")).status_code for i in range(5)]
    assert guesses == [403, 403, 403, 429, 429]  # DRF answers 403 to bad credentials here
    # even the right password is not checked from that address now
    right = client.get(url, REMOTE_ADDR="10.9.9.9", **_basic(user.username, PASSWORD))
    assert right.status_code == 429 and int(right["Retry-After"]) >= 1
    # another address is not affected
    assert client.get(url, REMOTE_ADDR="10.9.9.10", **_basic("user9", "sai")).status_code == 403


def _proxy_ssl_header(proxies: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OTP_", "AXES_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x7!" + "k" * 60 + "Zq#9-production-test-secret",
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'portal.sqlite3'}"),
        DJANGO_TRUSTED_PROXY_COUNT=proxies,
    )
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, s.REST_FRAMEWORK['NUM_PROXIES'])"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.filterwarnings("ignore")
def test_forwarded_proto_is_trusted_only_behind_configured_proxies():
    assert _proxy_ssl_header("0") == "None 0"
    assert _proxy_ssl_header("1") == "('HTTP_X_FORWARDED_PROTO', 'https') 1"
