"""The request pages a business meets (issue 19), in Chromium with axe: the form
prefilled from the business registry, and the page that says a product is not
for you (a person on a businesses-only product, a business on a citizens-only
one)."""

import pytest
from playwright.sync_api import expect

from identity.acting import BROKER_SESSION_KEY
from identity.loa import LevelOfAssurance
from identity.models import User
from identity.tests.business_factories import KVK, MAIN_BRANCH, make_demo_business
from identity.tests.factories import CitizenFactory
from pages.models import Audience
from pages.tests.factories import requestable_product
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVICE = "urn:etoegang:DV:00000001001918000000:services:1"


def _log_in_as_the_company(citizen_page, services=(SERVICE,)):
    """What an eHerkenning login through the broker leaves: a user without a
    BSN, level substantieel, and the mandate's claims (decision 0042)."""
    page, login = citizen_page
    login(
        User.objects.create(username="eh-demo-medewerker-1"),
        level=LevelOfAssurance.SUBSTANTIEEL,
        **{
            BROKER_SESSION_KEY: {
                "broker": "eherkenning",
                "means": "eherkenning",
                "level": "substantieel",
                "kvk": KVK,
                "branch": MAIN_BRANCH,
                "name": "Bakkerij De Vries B.V.",
                "actor_pseudonym": "eh-demo-medewerker-1",
                "services": list(services),
            }
        },
    )
    return page


@pytest.fixture
def terrace_permit(home_page):
    from representation.models import MandateService

    product = requestable_product(title="Terrasvergunning", audience=Audience.BUSINESSES)
    service = MandateService.objects.create(
        agency=product.agency, service_id=SERVICE, name="Terrasvergunning aanvragen"
    )
    service.case_types.add(product.case_type)
    service.products.add(product)
    return product


def test_the_company_sees_its_prefilled_form(citizen_page, terrace_permit):
    make_demo_business()
    page = _log_in_as_the_company(citizen_page)
    page.goto(f"/aanvragen/{terrace_permit.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terrasvergunning")
    main = page.get_by_role("main")
    expect(main.get_by_text("Bakkerij De Vries B.V.").first).to_be_visible()
    expect(main.get_by_text(KVK).first).to_be_visible()
    expect(main.get_by_text("Dorpsstraat 40").first).to_be_visible()
    assert_accessible(page, context="on a business's request form")


def test_a_person_reads_that_a_business_product_is_not_for_them(citizen_page, terrace_permit):
    page, login = citizen_page
    login(CitizenFactory(bsn="999993653"))
    response = page.goto(f"/aanvragen/{terrace_permit.slug}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dit product kunt u hier niet aanvragen"
    )
    expect(page.get_by_test_id("not-offered")).not_to_be_empty()
    expect(page.locator("main form[method=post]")).to_have_count(0)
    assert_accessible(page, context="on the not-offered page for a person")


def test_a_business_reads_that_a_citizens_product_is_not_for_it(citizen_page, home_page):
    make_demo_business()
    product = requestable_product(title="Verhuizing doorgeven", audience=Audience.CITIZENS)
    # A mandate for the whole company (no service limit): the audience decides,
    # not the scope (a mandate that does not cover a product is a 404).
    page = _log_in_as_the_company(citizen_page, services=())
    response = page.goto(f"/aanvragen/{product.slug}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dit product kunt u hier niet aanvragen"
    )
    expect(page.get_by_test_id("not-offered")).not_to_be_empty()
    expect(page.locator("main form[method=post]")).to_have_count(0)
    assert_accessible(page, context="on the not-offered page for a business")
