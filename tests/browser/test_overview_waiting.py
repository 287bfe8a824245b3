"""Mijn overzicht in Chromium: what waits for the citizen is on top and summarised,
cases with the same title show when they started (issue 15.9)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from cases.tests.factories import CaseFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_waiting_case_is_on_top_and_summarised(suzanne_page):
    page = suzanne_page
    bsn = page.citizen.bsn
    waiting = CaseFactory(bsn=bsn, action_required=True, title="Bijzondere bijstand")
    Case.objects.filter(pk=waiting.pk).update(last_changed_at=timezone.now() - timedelta(30))
    today = timezone.localdate()
    CaseFactory(bsn=bsn, in_progress=True, title="Verhuizing doorgeven", received_on=today)
    CaseFactory(
        bsn=bsn, in_progress=True, title="Verhuizing doorgeven", received_on=today - timedelta(60)
    )
    page.goto("/mijn/")

    summary = page.get_by_role("region", name="1 zaak wacht op u")
    expect(summary).to_be_visible()
    expect(page.locator(".ol-case-card").first).to_contain_text("Bijzondere bijstand")
    cards = page.locator(".ol-case-card", has_text="Verhuizing doorgeven")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Gestart op")
    assert cards.nth(0).locator("time").nth(0).inner_text() != (
        cards.nth(1).locator("time").nth(0).inner_text()
    )
    assert_accessible(page, context="on Mijn overzicht with a case waiting")

    summary.get_by_role("link", name="Bijzondere bijstand").click()
    page.wait_for_url(f"**{waiting.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Wat moet u doen?")).to_be_visible()
