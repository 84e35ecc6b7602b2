import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_vietnamese_is_the_default_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]


def _po_files():
    return sorted(p for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_vietnamese_translations_are_complete():
    files = _po_files()
    assert files, "no Vietnamese catalogue found"
    for po in files:
        result = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, f"{po}: {result.stderr}"


def test_vietnamese_number_and_date_formats():
    import datetime
    from decimal import Decimal

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.number_format(3071, use_l10n=True, force_grouping=True) == "3.071"
        assert formats.number_format(Decimal("12.5"), decimal_pos=1, use_l10n=True) == "12,5"
        assert formats.date_format(datetime.date(2019, 9, 11), "SHORT_DATE_FORMAT") == "11/9/2019"


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **extra})
    return env


def test_production_settings_refuse_to_start_without_secrets():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=_production_env(), capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.filterwarnings("ignore")
def test_production_settings_pass_check_deploy():
    env = _production_env(
        DJANGO_SECRET_KEY="x7!" + "k" * 60 + "Zq#9-production-test-secret",
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'portal.sqlite3'}"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
