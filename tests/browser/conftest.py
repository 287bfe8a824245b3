"""Browser tests: real Debian Chromium driven by Playwright, axe-core for WCAG.

Playwright never downloads a browser here: we launch the system `chromium`
through `executable_path`. `make test` installs the Debian package when missing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# Waits for every finite animation or transition on the page (infinite ones, such
# as a spinner, would never finish and are left running).
SETTLE_ANIMATIONS = """async () => {
  const finite = document.getAnimations().filter(
    (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity
  );
  await Promise.all(finite.map((a) => a.finished.catch(() => null)));
}"""
# WCAG 2.2 AA (EN 301 549 is adopting 2.2): axe tags every A and AA rule per version.
# Every id an ARIA relation or a label names must exist: a reference to a missing
# element is silently read as nothing (WCAG 1.3.1, 4.1.2) and axe does not report it
# when the attribute is otherwise valid (the staff login's "id_password_helptext").
BROKEN_ID_REFERENCES = """() => {
  const broken = [];
  const attrs = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage'];
  for (const attr of attrs) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          broken.push(`<${el.tagName.toLowerCase()} id="${el.id}"> ${attr}="${id}"`);
        }
      }
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    if (!document.getElementById(label.htmlFor)) broken.push(`<label for="${label.htmlFor}">`);
  }
  return broken;
}"""
# On our own layout the page's h1 is the first heading of <main>: an error summary or
# notice above it would be read before the page says what it is (1.3.1, 2.4.6).
HEADINGS_BEFORE_H1 = """() => {
  const main = document.querySelector('main.ol-main');
  if (!main) return [];
  const headings = [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const h1 = headings.findIndex((h) => h.tagName === 'H1');
  return (h1 === -1 ? headings : headings.slice(0, h1)).map(
    (h) => `${h.tagName.toLowerCase()}: ${h.textContent.trim().slice(0, 60)}`
  );
}"""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses that unless told it is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium is not installed: browser tests need the Debian package 'chromium' "
            "(make test installs it when run as root: apt-get install chromium).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_context(browser, live_server, *, locale: str = "nl-NL"):
    """A fresh browser context on the live server, asking for reduced motion like a
    visitor whose system setting says so (WCAG 2.3.3). Wagtail honours it: without it
    the admin's notification badge pings for 25 s (`ping-warning 5s 5`) and axe would
    wait that out, and messages fading in are caught mid-fade on a busy machine.
    `assert_accessible` still waits for any finite animation that ignores it."""
    return browser.new_context(base_url=live_server.url, locale=locale, reduced_motion="reduce")


@pytest.fixture
def page(browser, live_server):
    context = new_context(browser, live_server)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda msg: _collect_csp_violation(page, msg))
    yield page
    # Leave the page first: an open Wagtail editor keeps pinging the live server,
    # and a request still writing when the test database is flushed makes the
    # flush fail ("couldn't be flushed") and the next test start on stale rows.
    page.goto("about:blank")
    context.close()


def _collect_csp_violation(page, msg) -> None:
    """Chromium reports a blocked script or style as "Refused to ... Content Security
    Policy", and a blocked form submission (form-action, redirects included) as
    "Sending form data to '...' violates the following Content Security Policy
    directive"; both are console errors."""
    text = msg.text
    if "Content Security Policy" in text or (msg.type == "error" and "violates" in text):
        page.csp_violations.append(text)


def assert_no_csp_violation(page, *, context: str = "") -> None:
    assert not page.csp_violations, f"CSP violations {context}: {page.csp_violations}"


@pytest.fixture
def digid_portal(live_server, move_dev_idp):
    """The portal at http://localhost:<port>, the development IdP at
    http://127.0.0.1:<port> (same live server): every login, step-up and logout
    crosses origins like it does with the real DigiD, so the browser applies
    the CSP (form-action) and SameSite rules as in production. Returns
    (portal URL, IdP origin)."""
    portal = live_server.url
    assert "//localhost:" in portal, portal
    idp = portal.replace("//localhost:", "//127.0.0.1:")
    move_dev_idp(portal=portal, idp=idp)
    return portal, idp


def assert_accessible(page, *, context: str = "") -> None:
    """Run axe-core on the current page and fail on any WCAG 2.2 A/AA violation.

    axe is evaluated through the DevTools protocol, not injected as a <script>,
    so the page's strict CSP stays in force while we test it. Running CSS
    transitions and animations (Wagtail's messages fade in) are let finish first:
    mid-fade text has too little contrast, and on a busy machine axe catches it.
    """
    page.evaluate(SETTLE_ANIMATIONS)
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert not violations, f"axe found WCAG violations {context}:\n" + json.dumps(
        violations, indent=2
    )
    broken = page.evaluate(BROKEN_ID_REFERENCES)
    assert not broken, f"references to missing ids {context}: {broken}"
    before_h1 = page.evaluate(HEADINGS_BEFORE_H1)
    assert not before_h1, f"headings before (or without) the page's h1 {context}: {before_h1}"
    assert_no_csp_violation(page, context=context)


@pytest.fixture
def citizen_page(browser, live_server, page):
    """Log a citizen in without the SAML flow and return (page, login).

    `login(user)` creates a Django session for the citizen with level of
    assurance Midden (as DigiD would; `level=` and further session keys, e.g. a
    broker's mandate claims, may be given) and puts its cookie in the browser:

        page, login = citizen_page
        login(CitizenFactory(bsn="999993653"))
        page.goto("/mijn/")
    """
    from django.conf import settings
    from django.test import Client

    from identity.loa import SESSION_KEY, LevelOfAssurance

    def login(user, *, level=LevelOfAssurance.MIDDEN, **session_data):
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = int(level)
        session.update(session_data)
        session.save()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )
        return user

    return page, login


@pytest.fixture
def suzanne_page(citizen_page):
    """A page logged in as demo citizen 999993653 (Suzanne Moulin) at level Midden."""
    from identity.tests.factories import CitizenFactory

    page, login = citizen_page
    page.citizen = login(CitizenFactory(bsn="999993653", first_name="Suzanne", last_name="Moulin"))
    return page


@pytest.fixture
def totp_code(settings):
    """`totp_code(secret)` gives the code an authenticator app shows now (RFC 6238,
    allauth's own maths). Like a person, a test may type it just after the 30 s
    period turned, so the server also accepts the previous period's code here
    (MFA_TOTP_TOLERANCE = 1) instead of the test sleeping past the boundary."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django.utils import timezone

    settings.MFA_TOTP_TOLERANCE = 1

    def code(secret: str) -> str:
        counter = int(timezone.now().timestamp()) // app_settings.TOTP_PERIOD
        return format_hotp_value(hotp_value(secret, counter))

    return code
