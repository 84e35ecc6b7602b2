"""scripts/pip_audit_check.py: fails on real findings only, and says plainly what it could not audit."""

import json
import runpy
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pip_audit_check.py"


def run_with(monkeypatch, capsys, *, stdout: str, env: dict | None = None) -> tuple[int, str]:
    for key in ("AUDIT_STRICT", "PIP_AUDIT_IGNORE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(
        subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=stdout, stderr="boom")
    )
    main = runpy.run_path(str(SCRIPT))["main"]
    code = main()
    return code, capsys.readouterr().out


REPORT_CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
REPORT_VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.19",
            "vulns": [{"id": "PYSEC-1", "aliases": ["CVE-1"], "fix_versions": ["5.2.20"]}],
        }
    ]
}
REPORT_OFFLINE = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}


def test_clean_audit_passes(monkeypatch, capsys):
    code, out = run_with(monkeypatch, capsys, stdout=json.dumps(REPORT_CLEAN))
    assert code == 0 and "1 of 1 installed packages audited, 0 finding(s)" in out


def test_a_known_vulnerability_fails_unless_justified(monkeypatch, capsys):
    code, out = run_with(monkeypatch, capsys, stdout=json.dumps(REPORT_VULNERABLE))
    assert code == 1 and "VULNERABLE: django 5.2.19 PYSEC-1" in out
    code, out = run_with(monkeypatch, capsys, stdout=json.dumps(REPORT_VULNERABLE), env={"PIP_AUDIT_IGNORE": "CVE-1"})
    assert code == 0 and "ignored" in out


@pytest.mark.parametrize("stdout", [json.dumps(REPORT_OFFLINE), "not json: connection refused"])
def test_unreachable_service_is_reported_and_fails_only_when_strict(monkeypatch, capsys, stdout):
    code, out = run_with(monkeypatch, capsys, stdout=stdout)
    assert code == 0 and "NOT AUDITED" in out
    code, out = run_with(monkeypatch, capsys, stdout=stdout, env={"AUDIT_STRICT": "1"})
    assert code == 1
