"""Decisions at every demo agency (issue 15.2/15.4): a Belastingdienst caseworker
makes a decision with the seeded template, end to end; the citizen sees it as a
decision, the case at its decision status, and the objection term. A Belastingdienst
administrator maintains the agency's own templates. Every screen checked with axe."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.models import Agency, Case
from documents.models import Document, DocumentKind
from identity.models import User
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


@pytest.fixture
def demo():
    from wagtail.models import Collection

    # The root collection comes from a migration; an earlier transactional test's
    # flush removed it, and seed_demo gives editors permissions on it.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("seed_demo", stdout=io.StringIO())
    agency = Agency.objects.get(slug="belastingdienst")
    case = Case.objects.get(agency=agency, external_id="demo-5")
    return {"agency": agency, "case": case}


def test_belastingdienst_caseworker_makes_a_decision_the_citizen_sees(
    page, live_server, demo, citizen_page
):
    case = demo["case"]
    _log_in(page, live_server, CaseworkerFactory(agency=demo["agency"], mfa=True))
    page.goto(f"/beheer/zaken/{case.pk}/")
    page.get_by_role("link", name="Besluit maken").click()
    template = page.get_by_label("Sjabloon")
    expect(template).to_be_visible()
    expect(page.get_by_text("nog geen besluitsjabloon")).to_have_count(0)
    assert_accessible(page, context="on the Belastingdienst decision form")
    template.select_option(label="Besluit voorlopige aanslag (standaard)")
    page.get_by_label("Uitkomst").fill("Voorlopige aanslag vastgesteld")
    page.get_by_label("Besluittekst").fill("Wij stellen de voorlopige aanslag vast op € 1.234.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit wordt gemaakt").first).to_be_visible()
    # Wagtail fades its message in over 0.5 s; judge contrast once it is opaque.
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_accessible(page, context="on the case after the decision")

    decision = Document.objects.get(case=case, kind=DocumentKind.DECISION)
    assert decision.objection_deadline is not None

    # The citizen: a decision, the decision status reached, the objection term open.
    citizen, login = citizen_page  # the same browser page, now with Suzanne's session
    login(User.objects.get(bsn=BSN))
    citizen.goto(case.get_absolute_url())
    documents = citizen.locator("#documenten")
    expect(documents.get_by_text("Besluit", exact=True)).to_be_visible()
    expect(documents.get_by_text("U kunt bezwaar maken tot en met")).to_be_visible()
    step = citizen.locator(".ol-timeline__step", has_text="De voorlopige aanslag is vastgesteld")
    expect(step).not_to_contain_text("Nog niet zo ver:")
    expect(step).not_to_have_class(re.compile("ol-timeline__step--future"))
    assert_accessible(citizen, context="on the citizen's case with the decision")

    # The agency's administrator maintains its own templates.
    _log_in(page, live_server, CaseworkerFactory(agency=demo["agency"], agency_admin=True))
    page.goto("/beheer/")
    page.get_by_role("link", name="Besluitsjablonen").first.click()
    expect(page.get_by_role("link", name="Besluit voorlopige aanslag (standaard)")).to_be_visible()
    expect(page.get_by_text("Besluit WW-uitkering (standaard)")).to_have_count(0)
    assert_accessible(page, context="on the decision template list")
    page.get_by_role("link", name="Besluit voorlopige aanslag (standaard)").click()
    field = page.get_by_label("Bezwaar indienen bij")
    expect(field).to_be_visible()
    field.fill("")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.get_by_text("kon niet worden opgeslagen vanwege fouten").first).to_be_visible()
    # Wagtail fades its message in over 0.5 s; judge contrast once it is opaque.
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_accessible(page, context="on the decision template form with an error")
