"""The pages of issues 17, 18, 20 and 21 under the WCAG 2.2 AA proof of issue 22:
each page and state at 320 px (1.4.10 reflow: 1280 px at 400 % zoom) and at
1280 px, in Dutch and in English, clean under axe with the WCAG 2.2 tags and never
wider than the viewport. docs/accessibility/evaluation.yaml names these tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.models import StatusType
from cases.services import set_status
from cases.tests.factories import FACTORY_ACTOR, AgencyFactory, CaseFactory
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.kinds import CITIZEN_FORMAL_KINDS, MessageKind
from messaging.tests.factories import objection_and_complaint_channels
from messaging.tests.task_helpers import make_task
from tests.browser.conftest import assert_accessible
from tests.browser.test_messages_inbox import request_for_information  # noqa: F401 (fixture)
from tests.browser.test_reflow import WIDEST_ELEMENTS
from tests.browser.test_zgw_cases import zgw_source  # noqa: F401 (fixture)
from zgw.tests.conftest import case_system_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 1280)
LANGUAGES = ("", "/en")  # Dutch at the root, English under /en/


@pytest.fixture(autouse=True)
def _no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


def assert_fits_and_accessible(page, *, context: str) -> None:
    viewport = page.evaluate("window.innerWidth")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport, (
        f"{context} is {width} px wide at a {viewport} px viewport; "
        f"too wide: {page.evaluate(WIDEST_ELEMENTS, viewport)}"
    )
    assert_accessible(page, context=context)


def each_width_and_language(page, path: str, *, context: str, status: int = 200, then=None):
    """Load `path` at every width in both languages and check it; `then(page)`
    brings the page into a further state (an error) that is checked as well."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for prefix in LANGUAGES:
            where = f"{context} ({prefix or '/nl'}, {width} px)"
            response = page.goto(prefix + path)
            assert response is not None and response.status == status, where
            expect(page.locator("main h1")).to_be_visible()
            assert_fits_and_accessible(page, context=where)
            if then is not None:
                then(page)
                assert_fits_and_accessible(page, context=f"{where}, error state")


def submit_empty(page) -> None:
    # The form with the text field: a page may hold other forms (archive, mark read).
    page.locator("main form:has(textarea) button[type=submit]").last.click()
    expect(page.locator("[data-error-summary]")).to_be_focused()


def test_messaging_pages_and_states(suzanne_page, request_for_information):  # noqa: F811
    page = suzanne_page
    case = CaseFactory(bsn=page.citizen.bsn, closed=True, title="Bijzondere bijstand")
    objection_and_complaint_channels(case.agency)
    DocumentFactory(case=case, decision=True, title="Besluit bijzondere bijstand")
    sent = services.send_message_to_agency(
        actor=Actor.citizen(page.citizen),
        citizen_bsn=page.citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.KLACHT,
        body="Ik wachtte drie uur aan de balie.",
        details={"complaint_about": "De balie", "complaint_when": ""},
        idempotency_key="a11y",
        level=LevelOfAssurance.MIDDEN,
    )
    open_case = CaseFactory(bsn=page.citizen.bsn, title="Verhuizing doorgeven")
    make_task(open_case)
    # A case past its decision term (ingebrekestelling, Awb 4:17) and one with a draft
    # decision (zienswijze, Awb 4:8): their forms and error states.
    overdue = CaseFactory(bsn=page.citizen.bsn, overdue=True, title="Omgevingsvergunning")
    drafted = CaseFactory(bsn=page.citizen.bsn, in_progress=True, title="Kapvergunning")
    draft = StatusType.objects.create(
        case_type=drafted.case_type,
        order=50,
        name="ontwerp",
        citizen_text="Ontwerpbesluit",
        views_term_days=14,
    )
    set_status(case=drafted, status_type=draft, actor=FACTORY_ACTOR)
    case_for = {MessageKind.INGEBREKESTELLING: overdue, MessageKind.ZIENSWIJZE: drafted}

    each_width_and_language(page, "/mijn/berichten/", context="Mijn berichten")
    each_width_and_language(
        page,
        f"/mijn/berichten/gesprek/{request_for_information.thread.public_id}/",
        context="a conversation",
        then=submit_empty,
    )
    each_width_and_language(
        page, "/mijn/gegevens/berichten-en-meldingen/", context="Berichten en meldingen"
    )
    each_width_and_language(page, "/mijn/berichten/verzonden/", context="sent messages")
    each_width_and_language(
        page, f"/mijn/berichten/verzonden/{sent.public_id}/", context="a sent message"
    )
    each_width_and_language(page, "/mijn/taken/", context="Mijn taken")
    each_width_and_language(
        page, f"/digitaal-contact/{case.agency.slug}/", context="the public channel page"
    )
    for kind in CITIZEN_FORMAL_KINDS:
        # aanvulling without a task: the page that says how to send it instead.
        target = case_for.get(kind, case)
        path = f"/mijn/zaken/{target.agency.slug}/{target.reference}/bericht/{kind}/"
        response = page.goto(path)
        assert response is not None
        if response.status == 404:
            continue  # this kind is not open for this case: nothing to show
        has_form = page.locator("main form:has(textarea) button[type=submit]").count() > 0
        assert has_form or kind == MessageKind.AANVULLING, kind
        each_width_and_language(
            page,
            path,
            context=f"the {kind} form",
            status=response.status,
            then=submit_empty if has_form else None,
        )


def test_zgw_case_page_and_its_unreachable_state(citizen_page, home_page, zgw_source):  # noqa: F811
    page, login = citizen_page
    login(CitizenFactory(bsn="999993653"))
    agency = AgencyFactory(name="Waterschap De Stichtse Rijnlanden", slug="hdsr")
    case_system_for(zgw_source, agency)
    zaak = zgw_source.fake.store[("zaken", "zaken")]
    uuid = next(
        row["uuid"] for row in zaak.values() if row["identificatie"] == "ZAAK-2026-0000000101"
    )
    path = f"/mijn/zaken-zgw/hdsr/{uuid}/"
    each_width_and_language(page, path, context="the ZGW zaak page")

    from django.core.cache import cache

    zgw_source.fake.fail_status = 500
    cache.clear()  # the live server shares this process's cache: forget the fresh answer
    each_width_and_language(page, path, context="the ZGW zaak page, not reachable", status=503)


def test_help_page(page, home_page):
    each_width_and_language(page, "/hulp/", context="the help page")
