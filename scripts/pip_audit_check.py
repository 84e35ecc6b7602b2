#!/usr/bin/env python3
"""`make audit`, part 1: known vulnerabilities in the installed, pinned dependencies (pip-audit on .venv).

pip-audit asks a vulnerability service (PyPI's JSON API by default) about each installed version. When the
service cannot be reached, or does not know a version (an offline mirror), pip-audit skips the package
and still exits 0, which would look like a clean audit. This wrapper says so plainly:

- exit 1 when any known vulnerability is found (IDs listed in PIP_AUDIT_IGNORE, comma-separated, are
  reported but not counted; each must be justified in docs/security.md);
- exit 0 otherwise, with a loud NOT AUDITED line for every package the service could not check;
- with AUDIT_STRICT=1, unaudited packages (or an unreachable service) fail too (use where the network is).
"""

import json
import os
import subprocess  # nosec B404  # runs pip-audit with a fixed argument list
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def main() -> int:
    strict = os.environ.get("AUDIT_STRICT") == "1"
    ignored = {v.strip() for v in os.environ.get("PIP_AUDIT_IGNORE", "").split(",") if v.strip()}
    command = [str(PIP_AUDIT), "--format", "json", "--progress-spinner", "off"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603  # nosec B603  # fixed argument list, no shell
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"pip-audit: could not run ({exc}); dependencies NOT AUDITED")
        return 1 if strict else 0
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: the vulnerability service could not be reached ({last}); dependencies NOT AUDITED")
        return 1 if strict else 0

    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    findings = []
    for dep in audited:
        for vuln in dep.get("vulns", []):
            aliases = {vuln["id"], *vuln.get("aliases", [])}
            status = "ignored (justified in docs/security.md)" if aliases & ignored else "VULNERABLE"
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"{status}: {dep['name']} {dep['version']} {vuln['id']} (fixed in: {fixed})")
            if status == "VULNERABLE":
                findings.append(vuln["id"])

    print(f"pip-audit: {len(audited)} of {len(dependencies)} installed packages audited, {len(findings)} finding(s).")
    if skipped:
        print(
            f"pip-audit: NOT AUDITED: {len(skipped)} package(s) the vulnerability service could not check "
            "(offline, or versions it does not know):"
        )
        print("  " + ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped))
        if strict:
            return 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
