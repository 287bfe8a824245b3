"""Mijn taken in Chromium (issue 21): open tasks (one due soon, one to pay),
finished ones with what was received, and the panel on Mijn overzicht; axe at
320 and 1280 px, and no sideways scrolling on a phone (WCAG 1.4.10)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import services
from messaging.kinds import MessageKind, TaskKind
from messaging.tests.factories import upload
from messaging.tests.task_helpers import make_task
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (320, 1280)


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_open_tasks_and_the_overview_panel(suzanne_page, width):
    page = suzanne_page
    page.set_viewport_size({"width": width, "height": 900})
    case = CaseFactory(bsn=page.citizen.bsn, in_progress=True, title="Bijzondere bijstand")
    make_task(case, days=3, title="Stuur uw bankafschriften vóór vrijdag")
    make_task(case, days=20, kind=TaskKind.PAY, title="Betaal de leges")

    page.goto("/mijn/taken/")
    expect(page.get_by_role("heading", level=1, name="Mijn taken")).to_be_visible()
    expect(page.get_by_role("heading", name="2 taken te doen")).to_be_visible()
    soon = page.locator(".ol-task--soon")
    expect(soon).to_have_count(1)
    expect(soon).to_contain_text("nog 3 dagen")
    expect(soon.get_by_role("link", name="Documenten sturen")).to_be_visible()
    expect(page.locator(".ol-task", has_text="Betaal de leges")).to_contain_text(
        "Betalen kan nog niet in Open Loket"
    )
    expect(page.get_by_role("link", name="Mijn taken (2 open)")).to_have_attribute(
        "aria-current", "page"
    )
    _no_sideways_scroll(page)
    assert_accessible(page, context=f"on Mijn taken with open tasks at {width} px")

    page.goto("/mijn/")
    panel = page.get_by_role("region", name="U hebt 2 taken")
    expect(panel).to_contain_text("Stuur uw bankafschriften vóór vrijdag")
    _no_sideways_scroll(page)
    assert_accessible(page, context=f"on Mijn overzicht with the tasks panel at {width} px")
    panel.get_by_role("link", name="Naar Mijn taken").click()
    page.wait_for_url("**/mijn/taken/")


@pytest.mark.parametrize("width", WIDTHS)
def test_completed_and_withdrawn_tasks(suzanne_page, width):
    page = suzanne_page
    page.set_viewport_size({"width": width, "height": 900})
    citizen = page.citizen
    case = CaseFactory(bsn=citizen.bsn, in_progress=True, title="Bijzondere bijstand")
    done = make_task(case, title="Stuur uw bankafschriften")
    services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.AANVULLING,
        body="Hierbij de afschriften.",
        idempotency_key="browser-1",
        task=done,
        uploads=[upload("afschriften-oktober.png")],
        level=LevelOfAssurance.MIDDEN,
    )
    withdrawn = make_task(case, title="Stuur uw loonstrook")
    services.cancel_task(task=withdrawn, actor=Actor.system("test"))

    page.goto("/mijn/taken/")
    expect(page.get_by_text("U hoeft op dit moment niets te doen.")).to_be_visible()
    finished = page.get_by_role("region", name="Gedaan en vervallen")
    completed = finished.locator(".ol-task", has_text="Stuur uw bankafschriften")
    expect(completed).to_contain_text("Gedaan")
    expect(completed).to_contain_text("afschriften-oktober.png")
    expect(finished.locator(".ol-task", has_text="Stuur uw loonstrook")).to_contain_text(
        "u hoeft hier niets meer voor te doen"
    )
    _no_sideways_scroll(page)
    assert_accessible(page, context=f"on Mijn taken with finished tasks at {width} px")
