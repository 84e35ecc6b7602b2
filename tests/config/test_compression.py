"""Compression and page weight (issue 16, item 6): HTML, JSON and CSV are sent gzip-compressed to clients
that accept it (and plain to the others); production serves static files under hashed names, compressed,
with a long cache lifetime."""

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(hierarchy):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/programmes/CT07-2014/review/?period=2014-2019", "text/html"),
        ("/api/v1/summaries/programme-review/?programme=CT07-2014&period=2014-2019", "application/json"),
        ("/programmes/CT07-2014/review/?period=2014-2019&format=csv&table=figures", "text/csv"),
    ],
)
def test_html_json_and_csv_are_compressed_when_accepted(client, demo, url, kind):
    plain = client.get(url)
    assert plain.status_code == 200 and plain["Content-Type"].startswith(kind)
    assert not plain.has_header("Content-Encoding")
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed.status_code == 200 and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = b"".join(packed.streaming_content) if packed.streaming else packed.content
    expected = b"".join(plain.streaming_content) if plain.streaming else plain.content
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')  # a token of each visitor's own
    assert token.sub(b"", gzip.decompress(body)) == token.sub(b"", expected)
    assert len(body) < len(expected) / 2


def test_production_serves_hashed_compressed_long_cached_static_files(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 64,
        "DJANGO_ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT_FOR_TEST": str(tmp_path / "static"),
    }
    code = (
        "import django, os; django.setup();"
        "from django.conf import settings; settings.STATIC_ROOT = os.environ['STATIC_ROOT_FOR_TEST'];"
        "settings.STATICFILES_DIRS = [settings.BASE_DIR / 'static'];"  # the portal's own files only (fast)
        "settings.STATICFILES_FINDERS = ['django.contrib.staticfiles.finders.FileSystemFinder'];"
        "from django.core.management import call_command; call_command('collectstatic', '--noinput', verbosity=0);"
        "from django.templatetags.static import static; url = static('css/portal.css');"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='portal.example').get(url, secure=True, HTTP_ACCEPT_ENCODING='gzip');"
        "print(r.status_code, r.get('Cache-Control'), r.get('Content-Encoding')); print(url)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    *_, answer, url = done.stdout.strip().splitlines()
    assert answer == "200 max-age=315360000, public, immutable gzip"
    name = url.rsplit("/", 1)[-1]
    assert name.startswith("portal.") and name.endswith(".css") and name.count(".") == 2  # portal.<hash>.css
    written = tmp_path / "static" / "css"
    assert (written / name).exists() and (written / (name + ".gz")).exists()
