"""The product page says in plain words how the citizen logs in (issue 15.9), not
"betrouwbaarheidsniveau Basis"."""

import pytest
from django.utils import translation

from identity.loa import LevelOfAssurance
from pages.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "dutch", "english"),
    [
        (LevelOfAssurance.BASIS, "U logt in met DigiD.", "You log in with DigiD."),
        (
            LevelOfAssurance.MIDDEN,
            "U logt in met DigiD met de DigiD app of sms-controle.",
            "You log in with DigiD using the DigiD app or an SMS check.",
        ),
    ],
)
def test_product_page_says_how_to_log_in(client, home_page, level, dutch, english):
    product = ProductPageFactory(required_level_of_assurance=level.value)
    with translation.override("nl"):
        html = client.get(product.url).content.decode()
    assert dutch in html
    assert "betrouwbaarheidsniveau" not in html.lower()
    with translation.override("en"):
        assert level.how_to_log_in == english


def test_every_level_has_plain_words():
    for level in LevelOfAssurance:
        assert level.how_to_log_in.startswith("U logt in met DigiD")
