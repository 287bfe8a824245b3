"""Formal messages to the government (issue 17), in Chromium with axe: each
kind's form and its error state, the objection countdown, a late objection, the
outage banner, the public channel page, the sent message with its ledger, and
one form done with the keyboard only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import StatusType
from cases.services import set_status
from cases.tests.factories import FACTORY_ACTOR, CaseFactory
from documents.models import Document
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from messaging import services
from messaging.eligibility import objection_term
from messaging.kinds import MessageKind, TaskKind, TaskOrigin
from messaging.models import ChannelOutage, ChannelRule, Message
from messaging.tests.factories import objection_and_complaint_channels
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture
def decided_case(suzanne_page):
    case = CaseFactory(bsn=suzanne_page.citizen.bsn, closed=True, title="Bijzondere bijstand")
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True, title="Besluit bijzondere bijstand")
    return case, decision


def compose_path(case, kind: str) -> str:
    return f"/mijn/zaken/{case.agency.slug}/{case.reference}/bericht/{kind}/"


def submit(page) -> None:
    page.get_by_role("button", name="Versturen").click()


def test_objection_with_countdown_errors_file_receipt_and_ledger(
    suzanne_page, decided_case, tmp_path
):
    page = suzanne_page
    case, decision = decided_case
    term = objection_term(decision)

    page.goto(case.get_absolute_url())
    actions = page.locator("#berichten")
    expect(actions.get_by_text(f"Nog {term.days_left} dagen")).to_be_visible()
    assert_accessible(page, context="on the case page with the objection countdown")

    actions.get_by_role("link", name="Bezwaar maken").click()
    expect(page.get_by_role("heading", level=1, name="Bezwaar")).to_be_visible()
    assert_accessible(page, context="on the objection form")

    submit(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Schrijf waarom u het niet eens bent met het besluit.")
    expect(summary).to_contain_text("Kies of u gehoord wilt worden.")
    assert_accessible(page, context="on the objection form with errors")
    assert Message.objects.count() == 0

    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill("Mijn inkomen is lager.")
    page.get_by_label("Ja", exact=True).check()
    proof = tmp_path / "loonstrook.png"
    proof.write_bytes(samples.png())
    page.get_by_label("Bestanden (niet verplicht)").set_input_files(str(proof))
    submit(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bezwaar BER-")
    expect(page.get_by_role("link", name="Download de ontvangstbevestiging (PDF)")).to_be_visible()
    expect(page.get_by_role("link", name="loonstrook.png")).to_be_visible()
    expect(page.get_by_text("Verzonden", exact=True)).to_be_visible()
    expect(page.get_by_text("Ontvangstbevestiging gemaakt")).to_be_visible()
    assert_accessible(page, context="on the sent objection with its ledger")
    message = Message.objects.get()

    # The agency opens it in the back office: the citizen sees who received it.
    services.record_agency_opened(
        message=message, actor=Actor.api_client(reference="zaaksysteem", agency=case.agency)
    )
    page.reload()
    expect(page.get_by_text(f"Ontvangen door {case.agency.name}")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Bewijs als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(case.get_absolute_url())
    expect(
        page.locator("#berichten").get_by_role("link", name="Bezwaar BER-", exact=False)
    ).to_be_visible()


def test_late_objection_explains_and_asks_why(suzanne_page, decided_case):
    page = suzanne_page
    case, decision = decided_case
    Document.objects.filter(pk=decision.pk).update(created_at=timezone.now() - timedelta(weeks=9))

    page.goto(case.get_absolute_url())
    expect(page.locator("#berichten").get_by_text("De bezwaartermijn is voorbij.")).to_be_visible()
    page.goto(compose_path(case, "bezwaar"))
    expect(page.locator("#te-laat")).to_be_visible()
    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill("Niet eens.")
    page.get_by_label("Nee", exact=True).check()
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Schrijf waarom u later bent.")
    assert_accessible(page, context="on a late objection without a reason")
    page.get_by_label("Waarom maakt u pas nu bezwaar?").fill("Ik was in het ziekenhuis.")
    submit(page)
    expect(page.get_by_text("Ik was in het ziekenhuis.")).to_be_visible()
    assert Message.objects.get().details["late"] is True


def test_complaint_form_and_its_errors(suzanne_page, decided_case):
    page = suzanne_page
    case, _decision = decided_case
    page.goto(compose_path(case, "klacht"))
    assert_accessible(page, context="on the complaint form")
    submit(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Schrijf over wie of wat uw klacht gaat.")
    expect(summary).to_contain_text("Schrijf wanneer het gebeurde.")
    assert_accessible(page, context="on the complaint form with errors")
    summary.get_by_role("link", name="Schrijf over wie of wat uw klacht gaat.").click()
    expect(page.get_by_label("Over wie of wat gaat uw klacht?")).to_be_focused()
    page.get_by_label("Over wie of wat gaat uw klacht?").fill("De medewerker aan de balie")
    page.get_by_label("Wanneer gebeurde het?").fill("3 november")
    page.get_by_label("Wat is er gebeurd?").fill("Ik werd niet geholpen.")
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Klacht BER-")
    assert Message.objects.get().opened_case.case_type.code == "klacht"


def test_notice_of_default_by_keyboard_only(suzanne_page):
    page = suzanne_page
    case = CaseFactory(bsn=page.citizen.bsn, overdue=True, title="Omgevingsvergunning schuur")
    page.goto(case.get_absolute_url())
    link = page.locator("#berichten").get_by_role("link", name="In gebreke stellen")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#gevolg")).to_contain_text("twee weken")
    assert_accessible(page, context="on the notice-of-default form")
    # Empty first: the error summary takes the focus.
    page.get_by_label("Uw ingebrekestelling").focus()
    page.keyboard.press("Tab")  # files
    page.keyboard.press("Tab")  # the button
    expect(page.get_by_role("button", name="Versturen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_focused()
    assert_accessible(page, context="on the notice-of-default form with an error")
    page.keyboard.press("Tab")  # the link in the summary
    page.keyboard.press("Enter")
    expect(page.get_by_label("Uw ingebrekestelling")).to_be_focused()
    page.keyboard.type("Beslis nu op mijn aanvraag.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ingebrekestelling BER-")
    assert Message.objects.get().expects_action_by is not None


def test_view_and_supplement_forms(suzanne_page, tmp_path):
    page = suzanne_page
    case = CaseFactory(bsn=page.citizen.bsn, in_progress=True)
    draft = StatusType.objects.create(
        case_type=case.case_type,
        order=50,
        name="ontwerp",
        citizen_text="Ontwerpbesluit",
        views_term_days=14,
    )
    set_status(case=case, status_type=draft, actor=FACTORY_ACTOR)
    page.goto(case.get_absolute_url())
    expect(page.locator("#berichten")).to_contain_text("Er is een ontwerpbesluit.")
    page.locator("#berichten").get_by_role("link", name="Zienswijze geven").click()
    assert_accessible(page, context="on the view form")
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Vul dit veld in.")
    assert_accessible(page, context="on the view form with an error")
    page.get_by_label("Uw zienswijze").fill("Ik kan mij vinden in het ontwerp.")
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zienswijze BER-")

    task = services.create_task(
        actor=Actor.system("test"),
        agency=case.agency,
        citizen_bsn=page.citizen.bsn,
        case=case,
        kind=TaskKind.UPLOAD,
        title="Stuur uw bankafschriften",
        origin=TaskOrigin.CASEWORKER,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    page.goto(case.get_absolute_url())
    page.locator("#berichten").get_by_role("link", name="Stuur wat is gevraagd").click()
    expect(page.locator("#gevraagd")).to_contain_text("Stuur uw bankafschriften")
    assert_accessible(page, context="on the supplement form for a task")
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Kies de bestanden die u wilt sturen.")
    assert_accessible(page, context="on the supplement form with an error")
    bad = tmp_path / "afschrift.pdf"
    bad.write_bytes(samples.HTML_PAGE)
    page.get_by_label("Bestanden (niet verplicht)").set_input_files(str(bad))
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text("afschrift.pdf")
    good = tmp_path / "afschrift.png"
    good.write_bytes(samples.png())
    page.get_by_label("Bestanden (niet verplicht)").set_input_files(str(good))
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanvulling BER-")
    task.refresh_from_db()
    assert not task.is_open


def test_outage_banner_and_public_channel_page(suzanne_page, decided_case):
    page = suzanne_page
    case, _decision = decided_case
    now = timezone.now()
    ChannelOutage.objects.create(agency=case.agency, starts_at=now - timedelta(minutes=30))
    ChannelOutage.objects.create(
        agency=case.agency,
        starts_at=now - timedelta(days=5),
        ends_at=now - timedelta(days=5) + timedelta(hours=2),
        reason="Onderhoud aan de koppeling",
    )
    ChannelRule.objects.filter(agency=case.agency, kind=MessageKind.KLACHT).update(
        accepted_digitally=False, alternative="Stuur uw klacht per post naar Postbus 15."
    )
    page.goto(case.get_absolute_url())
    expect(page.locator("#berichten").get_by_text("Storing bij digitaal contact")).to_be_visible()
    assert_accessible(page, context="on the case page during an outage")
    page.goto(compose_path(case, "bezwaar"))
    expect(page.get_by_text("Storing bij digitaal contact")).to_be_visible()
    assert_accessible(page, context="on the compose page during an outage")
    page.goto(compose_path(case, "klacht"))
    expect(page.locator("#niet-digitaal")).to_contain_text("Postbus 15")
    assert_accessible(page, context="on a kind the agency does not take digitally")

    page.get_by_role("link", name=f"Digitaal contact met {case.agency.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Digitaal contact met {case.agency.name}"
    )
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Bezwaar")).to_contain_text("Midden")
    expect(table.get_by_role("row", name="Klacht")).to_contain_text("Postbus 15")
    expect(page.get_by_text("Onderhoud aan de koppeling")).to_be_visible()
    assert_accessible(page, context="on the public channel page")


def test_sent_messages_list_in_english(browser, live_server, decided_case, suzanne_page):
    page = suzanne_page
    case, decision = decided_case
    services.send_message_to_agency(
        actor=Actor.citizen(page.citizen),
        citizen_bsn=page.citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.BEZWAAR,
        body="Niet eens.",
        related_document=decision,
        details={"wants_hearing": False},
        idempotency_key="b" * 32,
        level=20,
    )
    page.goto("/en/mijn/berichten/verzonden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My sent messages")
    page.get_by_role("link", name="Objection BER-", exact=False).click()
    expect(page.get_by_role("heading", name="What happened to your message?")).to_be_visible()
    assert_accessible(page, context="on the sent message in English")
