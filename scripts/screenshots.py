"""Screenshots of the public pages at desktop and phone widths (`make screenshots`).

Starts the development server on a free port (the database of DATABASE_URL, which `make data` filled with
the demo data), opens each page in headless Debian Chromium through Playwright, saves full-page PNGs into
the output folder, reports JavaScript errors and Content-Security-Policy violations, and stops the server.
Exits non-zero when a page fails to load or logs an error.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--chromium /usr/bin/chromium]
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own local server)
                return
        except Exception:  # noqa: BLE001 (not up yet)
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url} within {timeout:.0f} s")


def pages() -> list[tuple[str, str]]:
    """(name, path) of each page, with ids read from the demo data."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from movement.models import AdministrativeUnit as AU
    from reports.models import Conference

    quang_tri = AU.objects.get(generation="2025", level="province", code="44")
    vinh_long = AU.objects.get(generation="2025", level="province", code="86")
    thanh_hoa = Conference.objects.filter(status="published", area__code="38", area__generation="legacy").first()
    review = "/programmes/CT07-2014/review/?period=2014-2019"
    listed = [
        ("home", "/"),
        ("review-current", f"{review}&mode=current"),
        ("review-as-recorded", f"{review}&mode=as_recorded"),
        ("province-quang-tri", f"/provinces/{quang_tri.pk}/"),
        ("province-vinh-long", f"/provinces/{vinh_long.pk}/"),
        ("annual-2020-quang-tri", f"/annual/2020/?area={quang_tri.pk}&mode=current"),
    ]
    if thanh_hoa is not None:
        listed.append(("conference-thanh-hoa", f"/conferences/{thanh_hoa.pk}/"))
    return listed


def _console(message, errors: list[str]) -> None:
    # Failed requests are reported with their address by _response; CSP violations and script errors here.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def _response(response, errors: list[str]) -> None:
    if response.status >= 400 and not response.url.endswith("/favicon.ico"):
        errors.append(f"HTTP {response.status} {response.url}")


def shoot(base: str, out: Path, chromium: str, listed: list[tuple[str, str]]) -> int:
    from playwright.sync_api import sync_playwright

    problems = 0
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="vi-VN", device_scale_factor=1
            )
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda msg, errors=errors: _console(msg, errors))
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.on("response", lambda response, errors=errors: _response(response, errors))
            for name, path in listed:
                errors.clear()
                response = page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)  # charts draw after DOMContentLoaded
                target = out / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True)
                status = response.status if response else 0
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
                note = []
                if status != 200:
                    note.append(f"HTTP {status}")
                if errors:
                    note.append("errors: " + " | ".join(errors))
                if overflow:
                    note.append("the page is wider than the screen")
                problems += bool(status != 200 or errors)
                print(
                    f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  {'; '.join(note) or 'ok'}"
                )
            context.close()
        browser.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--base-url", help="use a server already running instead of starting one")
    args = parser.parse_args()
    if not Path(args.chromium).exists():
        raise SystemExit(f"{args.chromium} is missing: apt-get install -y chromium")
    server = None
    base = args.base_url
    if base is None:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        wait_for(base + "/")
        problems = shoot(base.rstrip("/"), Path(args.out), args.chromium, pages())
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots in {args.out}" + (f"; {problems} page(s) with problems" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
