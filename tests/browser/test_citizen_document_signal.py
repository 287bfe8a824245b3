"""Issue 15.5 and 15.11: the citizen sends the document that was asked for; the
case page stops saying "Wacht op u"; the caseworker's dashboard counts it
and the case list marks it (in Dutch words and dates) until the case is opened."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from documents.tests import samples
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUTCH_DATE = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december) \d{4}\b"
)


@pytest.fixture
def no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


def _staff_login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


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


def test_citizen_upload_answers_the_request_and_signals_the_caseworker(
    citizen_page, live_server, no_scanner, tmp_path
):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer")
    case = CaseFactory(
        bsn=citizen.bsn,
        action_required=True,
        case_type=CaseTypeFactory(agency=agency, citizen_uploads=True),
        title="Bijzondere bijstand wasmachine",
    )

    _no_open_task(case)
    page.goto(case.get_absolute_url())
    # The case's status group (issue 21) says the agency waits for the citizen.
    expect(page.locator(".ol-group--wacht_op_u").first).to_be_visible()
    upload = tmp_path / "loonstrook.png"
    upload.write_bytes(samples.png())
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_label("Omschrijving (niet verplicht)").fill("Loonstrook mei")
    page.get_by_role("button", name="Document sturen").click()
    expect(page.get_by_role("heading", name="Wij hebben uw document ontvangen")).to_be_visible()
    expect(page.locator(".ol-group--wacht_op_u")).to_have_count(0)
    expect(page.get_by_role("heading", name="Wat moet u doen?")).to_have_count(0)
    assert_accessible(page, context="on the case page after the asked document was sent")

    _staff_login(page, live_server, CaseworkerFactory(agency=agency, mfa=True))
    page.goto("/beheer/")
    expect(page.get_by_text("1 zaak met nieuwe documenten van inwoners")).to_be_visible()
    expect(page.get_by_text("0 zaken wachten op de inwoner")).to_be_visible()
    assert_accessible(page, context="on the dashboard with new citizen documents")

    page.goto("/beheer/zaken/")
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row.get_by_text("Nieuwe documenten van inwoner")).to_be_visible()
    # Status in words, not its code; dates in Dutch.
    expect(row.get_by_text("Wij hebben meer informatie van u nodig")).to_be_visible()
    expect(page.get_by_text("aanvulling_nodig")).to_have_count(0)
    assert DUTCH_DATE.search(row.inner_text()), row.inner_text()
    status_filter = page.get_by_label("Huidige status")
    expect(status_filter.locator("option", has_text="Uw aanvraag is in behandeling")).to_have_count(
        1
    )
    assert_accessible(page, context="on the case list with a new-documents marker")

    row.get_by_role("link", name=case.reference).click()
    expect(page.get_by_text("nieuwe documenten gestuurd").first).to_be_visible()
    trail = page.locator("section", has=page.get_by_role("heading", name="Audittrail"))
    expect(trail.get_by_text("Document toegevoegd: Loonstrook mei")).to_be_visible()
    expect(trail.get_by_text("Inwoner", exact=True)).to_be_visible()
    expect(page.get_by_text(citizen.username)).to_have_count(0)
    expect(page.get_by_text("uzelf")).to_have_count(0)
    assert_accessible(page, context="on the case screen with the citizen's new document")

    page.goto("/beheer/zaken/")
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_have_count(1)
    expect(row.get_by_text("Nieuwe documenten van inwoner")).to_have_count(0)


def test_date_picker_and_operator_screens_are_dutch_and_accessible(page, live_server):
    """Issue 15.11 (the English "Save Selected" buttons of the page editor) and 15.15 (the agency
    screen, and the page a superuser without a membership gets at /beheer/zaken/)."""
    from django.contrib.auth import get_user_model

    from backoffice.tests.factories_backoffice import add_totp

    AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer")
    operator = get_user_model().objects.create_superuser("operator", password="x" * 16)
    add_totp(operator)
    _staff_login(page, live_server, operator)

    page.goto("/beheer/zaken/")
    expect(
        page.get_by_role("heading", name="U bent nog geen medewerker van een organisatie")
    ).to_be_visible()
    assert_accessible(page, context="on the no-membership page")

    page.goto("/beheer/organisaties/")
    expect(page.get_by_role("link", name="Gemeente Zoetermeer")).to_be_visible()
    assert_accessible(page, context="on the agency listing")

    # The page editor's schedule dialog has two date/time pickers, each with the
    # vendored picker's (hidden until used) "Save Selected" button.
    # Earlier transactional tests may have flushed the site; make sure it exists.
    from pages.site import ensure_site

    home = ensure_site()
    page.goto(f"/beheer/pages/{home.pk}/edit/")
    buttons = page.locator(".xdsoft_save_selected")
    expect(buttons.first).to_have_text("Keuze opslaan")
    assert set(buttons.all_text_contents()) == {"Keuze opslaan"}
