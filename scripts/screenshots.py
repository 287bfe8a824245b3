"""Screenshots of every citizen page at 320, 768 and 1280 px, to compare a change.

    .venv/bin/python scripts/screenshots.py [--out var/screenshots] [--only overview]

Self-contained: a throw-away SQLite database in var/ (migrated, `seed_demo`, plus
twelve factory cases for one extra citizen so the overview's table form is shown),
the portal on a live-server thread with its static files, and the system Chromium
through Playwright's `executable_path` (never a downloaded browser). A citizen is
logged in by a session cookie at DigiD level Midden, as tests/browser does. Writes
`<out>/<page>-<width>.png` (full page) and prints the list.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WIDTHS = (320, 768, 1280)
DB = ROOT / "var" / "screenshots.sqlite3"
TABLE_BSN = "999990032"  # a valid test BSN (11-proof) without demo cases


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["TEST_DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def _prepare_data() -> dict[str, str]:
    """Migrate and seed a fresh database; returns {page name: path} to capture."""
    from django.core.management import call_command

    from cases.models import Case
    from cases.tests.factories import CaseFactory

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    demo = Case.objects.for_bsn("999993653")
    waiting = next((c for c in demo.select_related("agency") if c.action_required), None)
    closed = demo.closed().select_related("agency").first()
    open_case = demo.open().select_related("agency").order_by("received_on").first()
    case_type = CaseFactory(bsn=TABLE_BSN, in_progress=True).case_type
    for index in range(11):
        CaseFactory(
            bsn=TABLE_BSN,
            case_type=case_type,
            title=f"Parkeervergunning bewoners {index + 1}",
            closed=index % 4 == 0,
            action_required=index == 1,
            overdue=index == 2,
        )
    pages = {
        "overview-cards": ("999993653", "/mijn/"),
        "overview-table": (TABLE_BSN, "/mijn/"),
        "overview-empty": ("999991772", "/mijn/"),
        "personal-data": ("999993653", "/mijn/gegevens/"),
        "access-log": ("999993653", "/mijn/inzage/"),
        "correction": ("999993653", "/mijn/gegevens/correctie/?gegeven=address"),
    }
    for name, case in (
        ("case-waiting", waiting),
        ("case-closed", closed),
        ("case-open", open_case),
    ):
        if case is not None:
            pages[name] = ("999993653", case.get_absolute_url())
    return pages


def _session_cookie(bsn: str) -> str:
    from django.test import Client

    from identity.loa import SESSION_KEY, LevelOfAssurance
    from identity.models import User
    from identity.tests.factories import CitizenFactory

    user = User.objects.filter(bsn=bsn).first() or CitizenFactory(bsn=bsn)
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    return session.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "var" / "screenshots"))
    parser.add_argument("--only", help="capture only pages whose name contains this")
    args = parser.parse_args()
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    _setup_django()
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    pages = _prepare_data()
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://localhost:{server.port}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cookies = {bsn: _session_cookie(bsn) for bsn, _ in pages.values()}
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for name, (bsn, path) in pages.items():
            if args.only and args.only not in name:
                continue
            for width in WIDTHS:
                context = browser.new_context(
                    base_url=base, viewport={"width": width, "height": 900}, reduced_motion="reduce"
                )
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": cookies[bsn], "url": base}]
                )
                page = context.new_page()
                page.goto(path)
                file = out / f"{name}-{width}.png"
                page.screenshot(path=str(file), full_page=True)
                written.append(file)
                context.close()
        browser.close()
    server.terminate()
    for file in written:
        print(file.relative_to(ROOT) if file.is_relative_to(ROOT) else file)


if __name__ == "__main__":
    main()
