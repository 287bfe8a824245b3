"""A product is for citizens, businesses or both (issue 19): the page says so
and how to log in, and the request form is offered only to a fitting subject,
with a plain sentence for the other; the business prefill comes from the
business registry's data."""

import pytest

from identity.acting import Subject
from identity.business_registry.prefill import business_applicant_data
from identity.business_registry.types import Branch, Business
from identity.registry.types import Address
from pages.models import Audience, ProductPage
from pages.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db

PERSON = Subject(bsn="999993653")
COMPANY = Subject(kvk="68750110", branch="000038509504")


@pytest.mark.parametrize(
    ("audience", "person", "company"),
    [
        (Audience.CITIZENS, True, False),
        (Audience.BUSINESSES, False, True),
        (Audience.BOTH, True, True),
    ],
)
def test_request_form_is_offered_only_to_a_fitting_subject(audience, person, company):
    product = ProductPage(audience=audience)
    assert (product.offered_to(PERSON), product.offered_to(COMPANY)) == (person, company)


def test_the_other_subject_reads_a_plain_sentence():
    assert "alleen voor bedrijven" in ProductPage(audience=Audience.BUSINESSES).not_offered_text(
        PERSON
    )
    assert "alleen voor inwoners" in ProductPage(audience=Audience.CITIZENS).not_offered_text(
        COMPANY
    )


def test_business_product_page_says_for_whom_and_eherkenning(client, home_page):
    product = ProductPageFactory(title="Terrasvergunning", audience=Audience.BUSINESSES)
    html = client.get(product.url).content.decode()
    assert "Met eHerkenning." in html
    assert "Bedrijven" in html


def test_business_prefill_has_name_kvk_branch_and_address():
    business = Business(
        kvk="68750110",
        name="Bakkerij De Vries B.V.",
        branches=(
            Branch(
                number="000038509504",
                is_main=True,
                address=Address(
                    street="Dorpsstraat", house_number=40, postcode="2712AL", city="Zoetermeer"
                ),
            ),
        ),
    )
    assert business_applicant_data(business) == {
        "name": "Bakkerij De Vries B.V.",
        "kvk": "68750110",
        "branch": "000038509504",
        "address": "Dorpsstraat 40\n2712AL Zoetermeer",
        "date_of_birth": "",
    }
