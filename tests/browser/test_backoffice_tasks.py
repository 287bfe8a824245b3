"""A caseworker asks the citizen for documents by a date and withdraws a task
(issue 21); the form, its error state and the case screen's panel pass axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory
from messaging.kinds import TaskState
from messaging.models import Task
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BSN = "999993653"


def test_caseworker_creates_and_withdraws_a_task(page, live_server):
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN, in_progress=True)
    _log_in(page, live_server, CaseworkerFactory(agency=agency, mfa=True))

    page.goto(f"/beheer/zaken/{case.pk}/")
    panel = page.get_by_test_id("case-tasks-panel")
    expect(panel).to_contain_text("Er zijn nog geen taken voor de inwoner.")
    panel.get_by_role("link", name="Taak voor de inwoner maken").click()
    page.locator("#id_title").fill("Stuur uw bankafschriften")
    page.locator("#id_reason").fill("Wij hebben uw inkomen nodig.")
    page.locator("#id_due_on").fill("2020-01-01")
    page.get_by_role("button", name="Taak maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een datum vandaag of later.")
    assert_accessible(page, context="on the task form with an error")

    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    page.locator("#id_due_on").fill(due)
    page.get_by_role("button", name="Taak maken").click()
    page.wait_for_url(f"**/beheer/zaken/{case.pk}/")
    expect(panel).to_contain_text("Stuur uw bankafschriften")
    assert_accessible(page, context="on the case screen with a task")

    panel.get_by_role("button", name="Intrekken Stuur uw bankafschriften").click()
    # Back on the same case screen: the task is withdrawn, nothing left to withdraw.
    expect(page.get_by_text("De taak is ingetrokken")).to_be_visible()
    expect(panel.get_by_role("button", name="Intrekken Stuur uw bankafschriften")).to_have_count(0)
    assert Task.objects.get(case=case).state == TaskState.CANCELLED
