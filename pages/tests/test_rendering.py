from decimal import Decimal

import pytest

from identity.tests.factories import CitizenFactory

from .factories import (
    ContentPageFactory,
    LifeEventPageFactory,
    LifeEventProductFactory,
    PopularProductFactory,
    ProductPageFactory,
    RelatedProductFactory,
    home_page,
    product_index,
)

pytestmark = pytest.mark.django_db


def _faq(question, answer):
    return [("faq", {"question": question, "answer": f"<p>{answer}</p>"})]


def test_product_page_shows_every_section(client):
    product = ProductPageFactory(
        title="Paspoort aanvragen",
        agency__slug="zoetermeer",
        agency__name="Gemeente Zoetermeer",
        conditions="<p>U heeft de Nederlandse nationaliteit.</p>",
        what_you_need="<p>Een pasfoto.</p>",
        costs=[
            ("cost", {"description": "Paspoort", "amount": Decimal("1084.70"), "note": "10 jaar"}),
            ("cost", {"description": "Aanvraag", "amount": Decimal("0"), "note": ""}),
        ],
        how_to_apply=[
            ("online", {"description": "<p>Met DigiD.</p>"}),
            ("appointment", {"description": "<p>In het Stadhuis.</p>"}),
        ],
        processing_time="Binnen 5 werkdagen.",
        faq=_faq("Hoe lang is een paspoort geldig?", "Tien jaar."),
    )
    response = client.get(product.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Wat is het?",
        "Voorwaarden",
        "U heeft de Nederlandse nationaliteit.",
        "Wat heeft u nodig?",
        "Gemeente Zoetermeer",
        "€&nbsp;1.084,70",  # Dutch number format, structured amount
        "Gratis",
        "Online",
        "Op afspraak",
        "Binnen 5 werkdagen.",
        "U logt in met DigiD.",
    ):
        assert text in html, text
    assert "Per post" not in html
    # FAQ as details/summary: usable by keyboard and screen readers without script.
    assert '<summary class="ol-faq__question">Hoe lang is een paspoort geldig?</summary>' in html
    # Breadcrumbs: home > product index > product (current).
    assert 'aria-label="Kruimelpad"' in html
    assert f'href="{product_index().url}"' in html
    assert 'aria-current="page"' in html


def test_product_page_lists_only_live_related_products(client):
    product = ProductPageFactory()
    RelatedProductFactory(page=product, product=ProductPageFactory(title="Uittreksel BRP"))
    RelatedProductFactory(page=product, product=ProductPageFactory(title="Geheim", draft=True))
    html = client.get(product.url).content.decode()
    assert "Uittreksel BRP" in html
    assert "Geheim" not in html


def test_life_event_page_shows_its_products_and_faq(client):
    event = LifeEventPageFactory(title="Verhuizen", faq=_faq("Wie krijgt mijn adres?", "Veel."))
    LifeEventProductFactory(page=event, product=ProductPageFactory(title="Verhuizing doorgeven"))
    html = client.get(event.url).content.decode()
    assert "Verhuizing doorgeven" in html
    assert "Wie krijgt mijn adres?" in html
    assert '<h1 class="utrecht-heading-1">Verhuizen</h1>' in html


def test_home_page_shows_search_life_events_popular_products_and_login_link(client):
    LifeEventPageFactory(title="Kind krijgen")
    LifeEventPageFactory(title="Verborgen", draft=True)
    PopularProductFactory(product=ProductPageFactory(title="Paspoort aanvragen"))
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert 'action="/zoeken/"' in html
    assert "Kind krijgen" in html
    assert "Verborgen" not in html
    assert "Paspoort aanvragen" in html
    assert 'href="/inloggen/?next=/mijn/"' in html
    assert "Inloggen met DigiD" in html


def test_public_pages_render_the_same_for_a_logged_in_citizen(client):
    """No per-user content on catalogue pages, so they can be cached."""
    product = ProductPageFactory()
    anonymous = {url: client.get(url) for url in ("/", product.url)}
    citizen = CitizenFactory(first_name="Zeldzamevoornaam")
    client.force_login(citizen)
    for url, before in anonymous.items():
        after = client.get(url)
        assert "Zeldzamevoornaam" not in after.content.decode()
        assert citizen.bsn not in after.content.decode()
        assert "no-store" not in after.get("Cache-Control", "")
        assert after.content.decode().count("<a ") == before.content.decode().count("<a ")


def test_product_index_lists_live_products_a_to_z(client):
    ProductPageFactory(title="Zorgtoeslag aanvragen")
    ProductPageFactory(title="Afschrift akte")
    ProductPageFactory(title="Concept", draft=True)
    html = client.get(product_index().url).content.decode()
    assert html.index("Afschrift akte") < html.index("Zorgtoeslag aanvragen")
    assert "Concept" not in html


def test_content_page_renders_and_footer_links_point_at_fixed_slugs(client):
    page = ContentPageFactory(title="Privacyverklaring", slug="privacy")
    html = client.get(page.url).content.decode()
    assert "Privacyverklaring" in html
    assert 'href="/privacy/"' in html
    assert 'href="/toegankelijkheid/"' in html
    assert client.get("/en/privacy/").status_code == 200


@pytest.mark.parametrize("factory", [ProductPageFactory, LifeEventPageFactory, ContentPageFactory])
def test_pages_render_in_preview(factory):
    """Editors preview before submitting for review: the templates render unsaved changes."""
    page = factory()
    page.title = "Nog niet gepubliceerde titel"
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "Nog niet gepubliceerde titel" in response.content.decode()


def test_home_page_renders_in_preview():
    home = home_page()
    home.intro = "Nieuwe introductie"
    response = home.make_preview_request()
    assert response.status_code == 200
    assert "Nieuwe introductie" in response.content.decode()


def test_content_page_image_renders_with_its_alt_text(client):
    from wagtail_factories import ImageFactory

    image = ImageFactory(title="Stadhuis")
    page = ContentPageFactory(
        body=[
            ("paragraph", "<p>Welkom.</p>"),
            ("image", {"image": image, "alt_text": "Het stadhuis van Zoetermeer", "caption": ""}),
        ]
    )
    html = client.get(page.url).content.decode()
    assert 'alt="Het stadhuis van Zoetermeer"' in html
    assert "<p>Welkom.</p>" in html
