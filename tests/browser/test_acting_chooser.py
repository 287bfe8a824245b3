"""Issue 19 in Chromium with axe, by keyboard only, at 320 and 1280 px: a
parent with gezag chooses her child on "Voor wie wilt u iets regelen?", every
personal page then says "U regelt dit voor Noah de Vries · wisselen", and when
the child comes of age the page says once that the choice ended."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 1280)


@pytest.fixture
def family(db):
    from identity.registry.models import LocalAuthority
    from identity.tests.factories import LocalPersonFactory

    parent = LocalPersonFactory(bsn="999993653")
    child = LocalPersonFactory(
        bsn="999998456",
        first_names="Noah",
        prefix="de",
        surname="Vries",
        date_of_birth=date(2016, 9, 8),
        address=None,
    )
    parent.children.add(child)
    LocalAuthority.objects.create(holder=parent, minor=child)
    return child


def _tab_to(page, locator, *, limit: int = 60) -> None:
    """Press Tab until `locator` has the focus (keyboard only, like a visitor)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError("never reached by Tab")


def _no_horizontal_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_choose_the_child_by_keyboard_and_the_banner_says_so(suzanne_page, family, width):
    page = suzanne_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/mijn/voor-wie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie wilt u iets regelen?")
    expect(page.get_by_role("heading", name="Uzelf (Suzanne Moulin)")).to_be_visible()
    expect(page.get_by_role("heading", name="Noah de Vries")).to_be_visible()
    expect(page.get_by_text("U heeft het ouderlijk gezag")).to_be_visible()
    expect(page.get_by_text("7 september 2034")).to_be_visible()
    assert "999998456" not in page.content()
    _no_horizontal_scroll(page, width)
    assert_accessible(page, context=f"on the chooser at {width}px")

    choose_noah = page.get_by_role("button", name="Kiezen Noah de Vries")
    _tab_to(page, choose_noah)
    page.keyboard.press("Enter")

    banner = page.get_by_role("region", name="Voor wie u iets regelt")
    expect(banner).to_contain_text("U regelt dit voor Noah de Vries")
    switch = banner.get_by_role("link", name="wisselen voor wie u iets regelt")
    expect(switch).to_be_visible()
    assert "999998456" not in page.content() and "999998456" not in page.url
    _no_horizontal_scroll(page, width)
    assert_accessible(page, context=f"with the banner at {width}px")

    # "wisselen" leads back to the chooser, where Noah is the current choice.
    _tab_to(page, switch)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dit is uw huidige keuze.")).to_be_visible()
    back_to_self = page.get_by_role("button", name="Kiezen Uzelf (Suzanne Moulin)")
    _tab_to(page, back_to_self)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Voor wie u iets regelt")).to_have_count(0)


def test_a_child_coming_of_age_ends_the_choice_with_a_one_time_notice(suzanne_page, family):
    from identity.registry.models import LocalPerson

    page = suzanne_page
    page.goto("/mijn/voor-wie/")
    page.get_by_role("button", name="Kiezen Noah de Vries").click()
    expect(page.get_by_role("region", name="Voor wie u iets regelt")).to_contain_text(
        "Noah de Vries"
    )

    LocalPerson.objects.filter(pk=family.pk).update(date_of_birth=date(2000, 1, 1))
    # A registry correction reaches an open session when its cached contexts'
    # window ends (decision 0050, at most 5 minutes); end it now.
    from identity.acting import contexts_changed

    contexts_changed()
    page.goto("/mijn/gegevens/")
    notice = page.get_by_role("region", name="Voor wie u iets regelt")
    expect(notice).to_contain_text("U kunt niet meer iets regelen voor de persoon")
    expect(notice.get_by_role("link", name="Kies opnieuw")).to_be_visible()
    assert_accessible(page, context="with the notice that the choice ended")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_role("region", name="Voor wie u iets regelt")).to_have_count(0)
