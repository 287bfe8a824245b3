"""An editor changes a product text through moderation: log in at /beheer/ (password
and TOTP), edit, submit for review; a moderator approves; only then does the public
product page show the new text."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Collection

from backoffice.tests.factories_backoffice import TEST_TOTP_SECRET, EditorFactory, add_totp
from identity.tests.factories import StaffUserFactory
from pages.editorial import MODERATORS_GROUP, ensure_editorial_setup
from pages.models import ProductPage
from pages.tests.factories import ProductPageFactory
from tests.browser.conftest import assert_accessible, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # StaffUserFactory's
OLD = "Vraag een paspoort aan bij uw gemeente."
NEW = "Vraag uw paspoort aan; u krijgt het binnen een week."


@pytest.fixture
def scene(home_page):
    # Transactional tests before this one flushed the root collection Wagtail's
    # migration made; the editors' media permissions hang on it.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_editorial_setup(home_page)
    product = ProductPageFactory(title="Paspoort aanvragen", summary=OLD)
    product.save_revision().publish()
    editor = EditorFactory(username="redacteur")
    moderator = StaffUserFactory(username="eindredacteur")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    add_totp(moderator)
    return {"product": ProductPage.objects.get(pk=product.pk), "editor": editor}


def _log_in(page, username: str, code: str) -> None:
    """The staff login as it is: /beheer/ -> username and password -> TOTP code."""
    page.goto("/beheer/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code)
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(re.compile(r"/beheer/$"))


def _more_actions(page):
    page.locator("footer").get_by_role(
        "button", name=re.compile("Meer acties|More actions")
    ).click()


def _public_summary(browser, live_server, product) -> str:
    """The product page as an anonymous visitor sees it (a fresh browser context)."""
    context = new_context(browser, live_server)
    try:
        visitor = context.new_page()
        visitor.goto(product.url)
        return visitor.locator("main").inner_text()
    finally:
        context.close()


def test_editor_change_goes_live_only_after_approval(page, browser, live_server, scene, totp_code):
    product = scene["product"]
    edit_url = f"/beheer/pages/{product.pk}/edit/"

    _log_in(page, "redacteur", totp_code(TEST_TOTP_SECRET))
    page.goto(edit_url)
    page.locator("#id_summary").fill(NEW)
    _more_actions(page)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page, context="on the page editor after submitting for review")

    live = ProductPage.objects.get(pk=product.pk)
    assert live.summary == OLD
    assert live.current_workflow_state is not None
    assert NEW not in _public_summary(browser, live_server, product)
    assert OLD in _public_summary(browser, live_server, product)

    page.context.clear_cookies()
    _log_in(page, "eindredacteur", totp_code(TEST_TOTP_SECRET))
    page.goto(edit_url)
    expect(page.locator("#id_summary")).to_have_value(NEW)
    _more_actions(page)
    page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    expect(page.locator(".messages")).to_be_visible()

    assert ProductPage.objects.get(pk=product.pk).summary == NEW
    assert NEW in _public_summary(browser, live_server, product)
