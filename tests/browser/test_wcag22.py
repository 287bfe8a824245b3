"""Findings of the WCAG 2.2 AA check (issue 22) and the new 2.2 criteria.

Each test names the success criterion it guards. Target size (2.5.8) is axe's
`target-size` rule, which runs in every `assert_accessible` with the wcag22aa tag.
"""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from identity.tests.factories import LocalPersonFactory
from messaging.tests.factories import global_message_types
from pages.tests.factories import ProductPageFactory, requestable_product
from tests.browser.conftest import assert_accessible
from tests.browser.test_reflow import WIDEST_ELEMENTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element is not hidden by anything drawn over it (2.4.11): the point at
# the centre of its box hits the element itself (or something inside it).
FOCUS_OBSCURED_BY = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  if (!hit || hit === el || el.contains(hit) || hit.contains(el)) return null;
  if (el.labels && [...el.labels].some((label) => label.contains(hit))) return null;
  const text = (el.textContent || el.value || '').trim().slice(0, 40);
  const cover = `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`;
  return `${el.tagName.toLowerCase()}#${el.id} "${text}" is covered by ${cover}`;
}"""
FOCUSED_RECT = """() => {
  const r = document.activeElement.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
          vw: window.innerWidth, vh: window.innerHeight};
}"""


def tab_through(page, *, stops: int = 60) -> list[str]:
    """Press Tab up to `stops` times; return every focus stop that something covers."""
    covered = []
    seen = set()
    for _ in range(stops):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => { const e = document.activeElement; return e === document.body ? null"
            " : e.tagName + '#' + e.id + '@' + Math.round(e.getBoundingClientRect().top"
            " + window.scrollY) + ':' + Math.round(e.getBoundingClientRect().left); }"
        )
        if key is None or key in seen:
            break  # back to the start of the page
        seen.add(key)
        problem = page.evaluate(FOCUS_OBSCURED_BY)
        if problem:
            covered.append(problem)
    return covered


# -- Staff login (1.3.1 / 4.1.2, and 3.3.8 accessible authentication) ----------------


def test_staff_login_fields_are_described_by_elements_that_exist(page, home_page):
    page.goto("/accounts/login/")
    password = page.get_by_label("Wachtwoord")
    described_by = (password.get_attribute("aria-describedby") or "").split()
    for element_id in described_by:
        expect(page.locator(f"[id='{element_id}']")).to_have_count(1)
    assert_accessible(page, context="on the staff login page")


def test_staff_login_allows_paste_and_password_managers(page, home_page):
    """WCAG 3.3.8: no cognitive test. A password manager fills the fields and a person
    may paste: no autocomplete="off" and no script that cancels a paste."""
    page.goto("/accounts/login/")
    username = page.get_by_label("Gebruikersnaam")
    password = page.get_by_label("Wachtwoord")
    assert username.get_attribute("autocomplete") == "username"
    assert password.get_attribute("autocomplete") == "current-password"
    for field in (username, password):
        assert field.get_attribute("onpaste") is None
        cancelled = field.evaluate(
            """(el) => {
              const data = new DataTransfer();
              data.setData('text/plain', 'geplakt-wachtwoord');
              const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                         cancelable: true});
              return !el.dispatchEvent(event);
            }"""
        )
        assert cancelled is False
    # Typing a pasted value (what the browser does after an uncancelled paste) sticks.
    password.focus()
    page.keyboard.insert_text("geplakt-wachtwoord")
    expect(password).to_have_value("geplakt-wachtwoord")


# -- Heading order on form error pages (1.3.1) ----------------------------------------


def test_form_error_page_starts_with_its_h1(suzanne_page):
    product = requestable_product(title="Verhuizing doorgeven")
    LocalPersonFactory(bsn=suzanne_page.citizen.bsn)
    suzanne_page.goto(f"/aanvragen/{product.slug}/")
    suzanne_page.get_by_role("button", name="Naar controleren").click()
    expect(suzanne_page.locator("[data-error-summary]")).to_be_focused()
    headings = suzanne_page.locator("main h1, main h2").evaluate_all(
        "(hs) => hs.map((h) => h.tagName)"
    )
    assert headings[:2] == ["H1", "H2"], headings
    assert_accessible(suzanne_page, context="on the request form with errors")


def test_contact_details_error_page_starts_with_its_h1(suzanne_page):
    suzanne_page.goto("/mijn/gegevens/contact/")
    suzanne_page.get_by_label("E-mailadres").fill("geen-adres")
    suzanne_page.get_by_role("button", name="Opslaan").click()
    expect(suzanne_page.locator("[data-error-summary]")).to_be_focused()
    first = suzanne_page.locator("main :is(h1, h2, h3)").first
    expect(first).to_have_text("Contactgegevens wijzigen")
    assert_accessible(suzanne_page, context="on the contact details form with errors")


# -- Visible focus on a date input (2.4.7) --------------------------------------------


def test_date_input_shows_where_the_focus_is(suzanne_page):
    product = requestable_product(title="Verhuizing doorgeven")
    LocalPersonFactory(bsn=suzanne_page.citizen.bsn)
    suzanne_page.goto(f"/aanvragen/{product.slug}/")
    date = suzanne_page.get_by_label("Verhuisdatum")
    expect(date).to_have_attribute("type", "date")
    # The clip is in viewport coordinates: bring the field into view first (a
    # longer navigation can push it below the fold).
    date.scroll_into_view_if_needed()
    box = date.bounding_box()
    clip = {
        "x": box["x"] - 12,
        "y": box["y"] - 12,
        "width": box["width"] + 24,
        "height": box["height"] + 24,
    }
    before = suzanne_page.screenshot(clip=clip)
    # Reach it with the keyboard as a person does: from the stop before it, Tab.
    date.focus()
    suzanne_page.keyboard.press("Shift+Tab")
    suzanne_page.keyboard.press("Tab")
    expect(date).to_be_focused()
    style = date.evaluate(
        "(el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2, style
    after = suzanne_page.screenshot(clip=clip)
    assert before != after, "focusing the date input changes nothing around it"


# -- Product titles stay inside their cards (1.4.10 / 1.4.4) --------------------------

CARDS_OVERFLOWING = """() => {
  const problems = [];
  const cards = [...document.querySelectorAll('.ol-card')];
  for (const card of cards) {
    const c = card.getBoundingClientRect();
    for (const child of card.querySelectorAll('*')) {
      const r = child.getBoundingClientRect();
      if (r.right > c.right + 0.5 || r.left < c.left - 0.5) {
        problems.push(`"${child.textContent.trim().slice(0, 40)}" sticks out of its card`);
      }
    }
    const grid = card.parentElement.getBoundingClientRect();
    if (c.right > grid.right + 0.5) {
      problems.push(`card "${card.textContent.trim().slice(0, 40)}" is wider than its list`);
    }
  }
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) {
    const a = cards[i].getBoundingClientRect(), b = cards[j].getBoundingClientRect();
    const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5
      || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
    if (!apart) problems.push(`cards ${i} and ${j} overlap`);
  }
  return problems;
}"""


@pytest.mark.parametrize(("width", "text_size"), [(320, "100%"), (640, "100%"), (1280, "200%")])
def test_long_product_titles_stay_inside_their_cards(page, home_page, width, text_size):
    """640 CSS px is a 1280 px screen at 200 % zoom (1.4.4), 320 px the reflow width
    (1.4.10), and 1280 px with the browser's text size at 200 % (1.4.4 resize text).
    A Dutch compound longer than a card's column must wrap inside it."""
    product = ProductPageFactory(
        title="Kinderopvangtoeslagwijzigingsformulierindiening aanvragen",
        summary="Een lange titel.",
    )
    ProductPageFactory(title="Paspoort")
    ProductPageFactory(title="Rijbewijs")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(product.get_parent().url)
    expect(page.get_by_role("link", name="Paspoort")).to_be_visible()
    # The browser's text-size setting scales the root font size (CSSOM, not a style attribute).
    page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    assert page.evaluate(CARDS_OVERFLOWING) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert_accessible(page, context=f"on the A-Z page at {width} px")


# -- Skip link (2.4.1, 2.4.7) ---------------------------------------------------------


@pytest.mark.parametrize("width", [320, 1280])
def test_skip_link_is_visible_when_focused_in_every_layout(suzanne_page, width):
    product = requestable_product(title="Verhuizing doorgeven")
    LocalPersonFactory(bsn=suzanne_page.citizen.bsn)
    case = CaseFactory(bsn=suzanne_page.citizen.bsn, action_required=True)
    suzanne_page.set_viewport_size({"width": width, "height": 700})
    for path in [
        "/",
        "/mijn/",
        case.get_absolute_url(),
        f"/aanvragen/{product.slug}/",
        "/accounts/login/",
        "/en/",
    ]:
        suzanne_page.goto(path)
        # Also from further down the page: a person who scrolled, then starts tabbing.
        for scroll in (0, 2000):
            suzanne_page.evaluate(f"window.scrollTo(0, {scroll})")
            suzanne_page.evaluate("document.activeElement && document.activeElement.blur()")
            suzanne_page.locator(".ol-skip-link").focus()
            skip = suzanne_page.get_by_role("link", name="Naar de inhoud")
            if path.startswith("/en/"):
                skip = suzanne_page.get_by_role("link", name="Skip to content")
            expect(skip).to_be_focused()
            rect = suzanne_page.evaluate(FOCUSED_RECT)
            assert rect["top"] >= 0 and rect["left"] >= 0, (path, scroll, rect)
            assert rect["bottom"] <= rect["vh"] and rect["right"] <= rect["vw"], (
                path,
                scroll,
                rect,
            )
            assert suzanne_page.evaluate(FOCUS_OBSCURED_BY) is None, (path, scroll)
            assert suzanne_page.evaluate(COVERED_BY_SKIP_LINK) == [], (path, scroll)


# What the shown skip link lies over: another control under it cannot be reached by
# pointer and fails target spacing (2.5.8); this is how it hid the brand link.
COVERED_BY_SKIP_LINK = """() => {
  const skip = document.querySelector('.ol-skip-link').getBoundingClientRect();
  return [...document.querySelectorAll('a, button, input, select, textarea')]
    .filter((el) => !el.classList.contains('ol-skip-link'))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width && r.height && r.left < skip.right && skip.left < r.right
        && r.top < skip.bottom && skip.top < r.bottom;
    })
    .map((el) => el.outerHTML.slice(0, 80));
}"""


# -- Focus not obscured (2.4.11) ------------------------------------------------------


def test_no_focus_stop_is_covered_on_key_pages(suzanne_page):
    product = requestable_product(title="Verhuizing doorgeven")
    LocalPersonFactory(bsn=suzanne_page.citizen.bsn, with_family=True)
    case = CaseFactory(bsn=suzanne_page.citizen.bsn, action_required=True)
    suzanne_page.set_viewport_size({"width": 1280, "height": 500})
    for path in [
        "/",
        "/mijn/",
        case.get_absolute_url(),
        "/mijn/gegevens/",
        f"/aanvragen/{product.slug}/",
        "/accounts/login/",
    ]:
        suzanne_page.goto(path)
        assert tab_through(suzanne_page) == [], path


def test_the_session_warning_does_not_cover_the_focus(suzanne_page, settings):
    """The session warning is fixed to the bottom of the window; while it shows, focus
    is in it and nothing it covers can be focused behind it."""
    settings.SESSION_COOKIE_AGE = 100
    suzanne_page.set_viewport_size({"width": 1280, "height": 500})
    suzanne_page.goto("/mijn/")
    expect(suzanne_page.get_by_role("alertdialog")).to_be_visible()
    assert tab_through(suzanne_page, stops=30) == []


# -- Reflow (1.4.10) on public, personal and English pages, at 320 and 1280 px -------


@pytest.mark.parametrize("width", [320, 1280])
def test_every_page_fits_the_window(suzanne_page, home_page, width):
    """At 320 CSS px (1280 px at 400 % zoom) and at 1280 px, no page scrolls sideways,
    in Dutch and in English, and axe stays clean at that width."""
    page = suzanne_page
    product = requestable_product(title="Zwangerschapsuitkering voor zelfstandigen aanvragen")
    LocalPersonFactory(bsn=page.citizen.bsn, with_family=True)
    case = CaseFactory(bsn=page.citizen.bsn, action_required=True, title="Bijzondere bijstand")
    global_message_types()  # a transactional test starts without the seeded types
    page.set_viewport_size({"width": width, "height": 800})
    paths = [
        "/",
        "/en/",
        product.url,
        product.get_parent().url,
        "/zoeken/?q=uitkering",
        "/hulp/",
        "/en/hulp/",
        "/toegankelijkheid/",
        "/en/toegankelijkheid/",
        "/accounts/login/",
        "/inloggen/",
        "/controleer-een-document/",
        "/mijn/",
        "/en/mijn/",
        case.get_absolute_url(),
        f"/en{case.get_absolute_url()}",
        "/mijn/gegevens/",
        "/en/mijn/gegevens/",
        "/mijn/gegevens/contact/",
        "/mijn/inzage/",
        f"/aanvragen/{product.slug}/",
        f"/en/aanvragen/{product.slug}/",
        f"/hulp/zaak/{case.agency.slug}/{case.reference}/",
        # Issues 17, 18 and 21; their states (a conversation, a sent message, the forms
        # with errors, ZGW cases) are in test_wcag22_new_pages.py at both widths.
        "/mijn/berichten/",
        "/en/mijn/berichten/",
        "/mijn/berichten/verzonden/",
        "/en/mijn/berichten/verzonden/",
        "/mijn/gegevens/berichten-en-meldingen/",
        "/en/mijn/gegevens/berichten-en-meldingen/",
        "/mijn/taken/",
        "/en/mijn/taken/",
        f"/digitaal-contact/{case.agency.slug}/",
        f"/en/digitaal-contact/{case.agency.slug}/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        width_now = page.evaluate("document.scrollingElement.scrollWidth")
        client = page.evaluate("document.scrollingElement.clientWidth")
        assert width_now <= client, f"{path} is {width_now} px wide in a {client} px window"
        assert_accessible(page, context=f"on {path} at {width} px")


# -- Text spacing (1.4.12) ------------------------------------------------------------

# The spacing the criterion names, as a constructed style sheet (CSSOM: the page's CSP
# still refuses a <style> element, as it should).
TEXT_SPACING = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
    p { margin-block-end: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return getComputedStyle(document.body).letterSpacing;
}"""
# Text cut off: an element that hides its overflow while its content is larger.
CLIPPED_TEXT = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getClientRects().length && !el.closest('.ol-visually-hidden, .ol-skip-link'))
  .filter((el) => {
    const style = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    return (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  })
  .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)"""


@pytest.mark.parametrize("width", [320, 1280])
def test_text_spacing_loses_no_content(suzanne_page, home_page, width):
    page = suzanne_page
    product = requestable_product(title="Zwangerschapsuitkering voor zelfstandigen aanvragen")
    LocalPersonFactory(bsn=page.citizen.bsn, with_family=True)
    case = CaseFactory(bsn=page.citizen.bsn, action_required=True, title="Bijzondere bijstand")
    global_message_types()  # a transactional test starts without the seeded types
    page.set_viewport_size({"width": width, "height": 800})
    paths = [
        "/",
        product.url,
        "/hulp/",
        "/toegankelijkheid/",
        "/accounts/login/",
        "/mijn/",
        case.get_absolute_url(),
        "/mijn/gegevens/",
        f"/aanvragen/{product.slug}/",
        f"/hulp/zaak/{case.agency.slug}/{case.reference}/",
        # Issues 17, 18 and 21; their states (a conversation, a sent message, the forms
        # with errors, ZGW cases) are in test_wcag22_new_pages.py at both widths.
        "/mijn/berichten/",
        "/en/mijn/berichten/",
        "/mijn/berichten/verzonden/",
        "/en/mijn/berichten/verzonden/",
        "/mijn/gegevens/berichten-en-meldingen/",
        "/en/mijn/gegevens/berichten-en-meldingen/",
        "/mijn/taken/",
        "/en/mijn/taken/",
        f"/digitaal-contact/{case.agency.slug}/",
        f"/en/digitaal-contact/{case.agency.slug}/",
    ]
    for path in paths:
        page.goto(path)
        assert page.evaluate(TEXT_SPACING) != "normal", "the spacing was not applied"
        assert page.evaluate(CLIPPED_TEXT) == [], path
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= width, (
            f"{path} is {scroll} px wide with text spacing: {page.evaluate(WIDEST_ELEMENTS, width)}"
        )
