import pytest

from cases.tests.factories import CaseFactory
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overview_to_case_page(citizen_page, home_page):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(bsn=citizen.bsn, action_required=True, title="Dakkapel aan de achterkant")
    CaseFactory(bsn=citizen.bsn, closed=True, title="Schutting in de voortuin")
    CaseFactory(bsn=citizen.bsn, overdue=True, title="WW-uitkering")
    CaseFactory(bsn="999990019", title="Zaak van een ander")

    page.goto("/mijn/")
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    assert page.get_by_role("heading", name="Lopend").is_visible()
    assert page.get_by_role("heading", name="Afgerond").is_visible()
    assert page.get_by_text("Zaak van een ander").count() == 0
    assert_accessible(page, context="on Mijn overzicht")

    # Fewer than ten cases: cards, no search or filter (tests/browser/test_mijn_zaken.py
    # covers the table form with both).
    assert page.get_by_role("table").count() == 0

    page.get_by_role("link", name="Dakkapel aan de achterkant").click()
    page.wait_for_url(f"**{case.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Dakkapel aan de achterkant"
    assert page.get_by_text(case.reference).first.is_visible()
    assert page.get_by_role("heading", name="Wat moet u doen?").is_visible()
    current = page.locator("[aria-current=step]").inner_text()
    assert "Wij hebben meer informatie van u nodig" in current
    assert "Stuur ons een kopie van uw loonstrook." in current
    assert page.get_by_text("Er zijn nog geen documenten").is_visible()
    assert_accessible(page, context="on the case page")


def test_closed_case_page_is_accessible(citizen_page, home_page):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    case = CaseFactory(bsn=citizen.bsn, closed=True)
    page.goto(case.get_absolute_url())
    assert page.get_by_role("heading", name="Resultaat").is_visible()
    assert_accessible(page, context="on a closed case page")


def test_empty_overview(citizen_page, home_page):
    page, login = citizen_page
    login(CitizenFactory(bsn="999991772"))
    page.goto("/mijn/")
    assert page.get_by_role("heading", name="U hebt nog geen zaken").is_visible()
    assert_accessible(page, context="on the empty overview")
    page.get_by_role("link", name="Bekijk wat u kunt aanvragen").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == home_page.title


def test_others_case_is_not_found(citizen_page, home_page):
    page, login = citizen_page
    login(CitizenFactory(bsn="999993653"))
    theirs = CaseFactory(bsn="999990019")
    response = page.goto(theirs.get_absolute_url())
    assert response.status == 404
