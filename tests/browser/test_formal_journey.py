"""Issue 17's "Done when", end to end on the demo data (seed_demo): 999993653
objects to the decision on demo case 3 with a file, gets the receipt, the
municipality's caseworker (medewerker-zoetermeer) sees the objection case in
the back office and opens it, the citizen then reads "Ontvangen door Gemeente
Zoetermeer" and downloads the evidence ledger as PDF and JSON. Then the same
journey's pages in English. Every page passes axe.

The receipt is rendered by a task (messaging.tasks.render_receipt), never in the
request. The tests' default task backend runs a task at once; here the journey
uses the database backend like production, so the confirmation page first says
"wordt gemaakt", a worker run renders it, and the citizen's reload finds it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case
from documents.models import DocumentKind
from documents.tests import samples
from identity.models import User
from messaging.models import Message
from messaging.receipts import message_reference
from tests.browser.conftest import _collect_csp_violation, assert_accessible, new_context
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture
def demo(citizen_page):
    from wagtail.models import Collection

    # The root collection comes from a migration; an earlier transactional test's
    # flush removed it, and seed_demo gives editors permissions on it.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("seed_demo", stdout=io.StringIO())
    page, login = citizen_page
    login(User.objects.get(bsn=BSN))
    case = Case.objects.get(agency__slug="zoetermeer", external_id="demo-3")
    return page, case


def _staff_page(browser, live_server, *, locale: str = "nl-NL"):
    """The demo caseworker of Zoetermeer in a browser context of their own, so the
    citizen's session in the other context stays as it is."""
    context = new_context(browser, live_server, locale=locale)
    staff = context.new_page()
    staff.csp_violations = []
    staff.on("console", lambda msg: _collect_csp_violation(staff, msg))
    _log_in(staff, live_server, User.objects.get(username="medewerker-zoetermeer"))
    return context, staff


def _run_task_worker() -> None:
    """What `manage.py db_worker` does in production, once, until the queue is empty."""
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())


def _object(page, case, proof) -> Message:
    page.goto(case.get_absolute_url())
    page.locator("#berichten").get_by_role("link", name="Bezwaar maken").click()
    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill(
        "De voorwaarden in het besluit zijn strenger dan de regels toestaan."
    )
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label("Bestanden (niet verplicht)").set_input_files(str(proof))
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bezwaar BER-")
    return Message.objects.get(case=case, kind="bezwaar")


def test_objection_to_the_demo_decision_from_receipt_to_ledger(
    browser, live_server, demo, settings, tmp_path
):
    page, case = demo
    decision = case.documents.get(kind=DocumentKind.DECISION)
    proof = tmp_path / "bouwtekening.png"
    proof.write_bytes(samples.png())

    # 1. The citizen objects; the receipt task is queued, not rendered in the request.
    settings.TASKS = DATABASE_TASKS
    message = _object(page, case, proof)
    assert message.related_document == decision
    pending = page.locator("#bevestiging-wordt-gemaakt")
    expect(pending).to_contain_text("De ontvangstbevestiging wordt gemaakt.")
    expect(page.get_by_role("link", name="bouwtekening.png")).to_be_visible()
    assert_accessible(page, context="on the sent objection while its receipt is being made")

    _run_task_worker()
    page.get_by_role("link", name="Pagina opnieuw laden").click()
    receipt_link = page.get_by_role("link", name="Download de ontvangstbevestiging (PDF)")
    expect(receipt_link).to_be_visible()
    expect(page.get_by_text("Ontvangstbevestiging gemaakt")).to_be_visible()
    receipt = page.request.get(receipt_link.get_attribute("href"))
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    assert_accessible(page, context="on the sent objection with its receipt")

    # The case page lists it and leads to all sent messages.
    page.goto(case.get_absolute_url())
    messages = page.locator("#berichten")
    messages.get_by_role("link", name="Mijn verzonden berichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn verzonden berichten")
    expect(page.get_by_role("link", name="Bezwaar BER-", exact=False)).to_be_visible()
    assert_accessible(page, context="on Mijn verzonden berichten")

    # 2. The municipality's caseworker sees the objection case and opens it.
    staff_context, staff = _staff_page(browser, live_server)
    staff.goto("/beheer/")
    objection_case = message.opened_case
    new_objections = staff.get_by_test_id("new-objections")
    expect(new_objections.get_by_role("link", name=objection_case.reference)).to_be_visible()
    assert_accessible(staff, context="on the caseworker's dashboard with the new objection")
    new_objections.get_by_role("link", name=objection_case.reference).click()
    panel = staff.get_by_test_id("formal-messages-panel")
    expect(panel.get_by_text("De voorwaarden in het besluit zijn strenger")).to_be_visible()
    expect(panel.get_by_text("bouwtekening.png")).to_be_visible()
    assert_accessible(staff, context="on the objection case in the back office")
    # The objection case and the original case link to each other.
    panel.get_by_role("link", name=case.reference).click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text(case.title)
    back = staff.get_by_test_id("formal-messages-panel")
    expect(back.get_by_role("link", name=objection_case.reference)).to_be_visible()
    assert_accessible(staff, context="on the original case with the objection")
    staff.goto("about:blank")
    staff_context.close()

    # 3. The citizen sees that the municipality received it and downloads the ledger.
    page.goto(f"/mijn/berichten/verzonden/{message.public_id}/")
    expect(page.get_by_text(f"Ontvangen door {case.agency.name}")).to_be_visible()
    assert case.agency.name == "Gemeente Zoetermeer"
    assert_accessible(page, context="on the sent objection after the municipality opened it")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Bewijs als PDF").click()
    assert pdf.value.suggested_filename == f"bewijs-{message_reference(message)}.pdf"
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as exported:
        page.get_by_role("link", name="Bewijs als JSON (voor computers)").click()
    events = json.loads(Path(exported.value.path()).read_text(encoding="utf-8"))
    assert "delivered_to_agency" in json.dumps(events)


def test_the_journeys_pages_in_english(browser, live_server, demo, tmp_path):
    page, case = demo
    proof = tmp_path / "drawing.png"
    proof.write_bytes(samples.png())
    page.goto("/en" + case.get_absolute_url())
    messages = page.locator("#berichten")
    messages.get_by_role("link", name="Object", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Objection")
    assert_accessible(page, context="on the English objection form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Write why you disagree with the decision.")
    assert_accessible(page, context="on the English objection form with errors")
    grounds = page.get_by_label("Why do you disagree with the decision?")
    grounds.fill("The conditions are too strict.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Files (optional)").set_input_files(str(proof))
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Objection BER-")
    receipt = page.get_by_role("link", name="Download the confirmation of receipt (PDF)")
    expect(receipt).to_be_visible()
    assert_accessible(page, context="on the English sent objection")

    message = Message.objects.get(case=case, kind="bezwaar")
    staff_context, staff = _staff_page(browser, live_server, locale="en-GB")
    staff.goto(f"/beheer/zaken/{message.opened_case.pk}/")
    expect(staff.get_by_test_id("formal-messages-panel")).to_be_visible()
    staff.goto("about:blank")
    staff_context.close()

    page.reload()
    expect(page.get_by_text(f"Received by {case.agency.name}")).to_be_visible()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Proof as PDF").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Back to My sent messages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My sent messages")
    assert_accessible(page, context="on My sent messages in English")
