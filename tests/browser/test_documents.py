"""The citizen downloads a decision and uploads a requested document; the public
"Controleer een document" page confirms the decision. Every page and error state
gets an axe check."""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory, CaseTypeFactory
from documents.models import Document, DocumentKind
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


def _no_open_task(case):
    """These tests are about the generic upload form, which the case page shows
    only while no upload/answer task asks for the documents: then the task's
    aanvulling is the one way (docs/decisions/0030; messaging/tests/
    test_one_supplement_path.py). The status's own task is withdrawn here."""
    from identity.actors import Actor
    from messaging.models import Task
    from messaging.services import cancel_task

    for task in Task.objects.filter(case=case):
        cancel_task(task=task, actor=Actor.system("test"))
    return case


def test_download_decision_and_upload_a_document(citizen_page, home_page, no_scanner, tmp_path):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(
        bsn=citizen.bsn,
        action_required=True,
        case_type=CaseTypeFactory(citizen_uploads=True),
        title="Bijzondere bijstand wasmachine",
    )
    decision = DocumentFactory(case=case, decision=True, title="Besluit bijzondere bijstand")

    _no_open_task(case)
    page.goto(case.get_absolute_url())
    documents = page.locator("#documenten")
    assert documents.get_by_text("Besluit", exact=True).is_visible()
    assert_accessible(page, context="on the case page with documents and the upload form")

    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Besluit bijzondere bijstand").click()
    download = download_info.value
    assert download.suggested_filename == decision.download_name
    saved = tmp_path / "besluit.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == samples.pdf()

    # A bad file: the error is on the page, linked to the field, and axe-clean.
    bad = tmp_path / "besluit.pdf"
    bad.write_bytes(samples.HTML_PAGE)
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Document sturen").click()
    summary = page.get_by_role("alert")
    assert "Dit is een webpagina (HTML)" in summary.inner_text()
    assert_accessible(page, context="on the upload page with an error")

    good = tmp_path / "loonstrook.png"
    good.write_bytes(samples.png())
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_label("Omschrijving (niet verplicht)").fill("Loonstrook mei")
    page.get_by_role("button", name="Document sturen").click()
    page.wait_for_url(f"**{case.get_absolute_url()}*")
    assert page.get_by_text("Wij hebben uw document “Loonstrook mei” ontvangen.").is_visible()
    assert page.locator("#documenten").get_by_role("link", name="Loonstrook mei").is_visible()
    assert Document.objects.filter(case=case, kind=DocumentKind.UPLOAD).count() == 1
    assert_accessible(page, context="on the case page after an upload")


def test_large_upload_shows_progress_and_lands_on_the_case(
    citizen_page, home_page, no_scanner, tmp_path
):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(
        bsn=citizen.bsn, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )
    _no_open_task(case)
    page.goto(case.get_absolute_url())
    big = tmp_path / "scan.pdf"
    big.write_bytes(samples.pdf(body=b"%" + b"x" * 900_000 + b"\n"))
    page.get_by_label("Bestand").set_input_files(str(big))
    # A marker on this window survives only if the page is not reloaded.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Document sturen").click()
    # The script sends it with XMLHttpRequest and shows the case page's answer.
    page.get_by_text("Wij hebben uw document “scan.pdf” ontvangen.").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.url.endswith(case.get_absolute_url())
    assert Document.objects.filter(case=case).count() == 1
    assert_accessible(page, context="after a large upload")


def test_verify_page(page, home_page):
    decision = DocumentFactory(case=CaseFactory(bsn="999993653"), decision=True)
    page.goto("/controleer-een-document/")
    assert_accessible(page, context="on Controleer een document")
    page.get_by_label("Of plak de SHA-256-code").fill("niet-een-hash")
    page.get_by_role("button", name="Controleren").click()
    assert "64 tekens" in page.get_by_role("alert").inner_text()
    assert_accessible(page, context="on Controleer een document with an error")
    page.get_by_label("Of plak de SHA-256-code").fill(decision.sha256)
    page.get_by_role("button", name="Controleren").click()
    assert page.get_by_role(
        "heading", name="Ja, dit besluit is via dit loket verstuurd"
    ).is_visible()
    assert_accessible(page, context="on Controleer een document with a result")


def test_description_survives_a_refused_upload(
    citizen_page, home_page, no_scanner, settings, tmp_path
):
    # Issue 15.9: the description typed before an upload error was lost, because the
    # server stops reading a too-large upload at the file and the description came after it.
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(
        bsn=citizen.bsn, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )
    _no_open_task(case)
    page.goto(case.get_absolute_url())
    big = tmp_path / "loonstrook.pdf"
    big.write_bytes(samples.pdf(body=b"%" + b"x" * 4_000 + b"\n"))
    page.get_by_label("Omschrijving (niet verplicht)").fill("Loonstrook mei")
    page.get_by_label("Bestand").set_input_files(str(big))
    page.get_by_role("button", name="Document sturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is te groot")
    expect(page.get_by_label("Omschrijving (niet verplicht)")).to_have_value("Loonstrook mei")
    assert_accessible(page, context="on the upload page after a refused file")

    # The same for a file refused for its contents.
    bad = tmp_path / "loonstrook.pdf"
    bad.write_bytes(samples.HTML_PAGE)
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Document sturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is een webpagina (HTML)")
    expect(page.get_by_label("Omschrijving (niet verplicht)")).to_have_value("Loonstrook mei")
