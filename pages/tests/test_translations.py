"""English pages (docs/decisions/0025): Wagtail locales, the English demo
catalogue, search and request forms in the active language."""

import io

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from demo import agencies_and_cases as cases_demo
from demo import site as demo
from pages.models import ContentPage, HomePage, LifeEventPage, ProductIndexPage, ProductPage
from pages.search import search_pages
from product_requests.views import _product_or_404

pytestmark = pytest.mark.django_db

PAGE_TYPES = (HomePage, ProductIndexPage, ProductPage, LifeEventPage, ContentPage)


def _counts(language: str) -> dict[str, int]:
    return {
        model.__name__: model.objects.filter(locale__language_code=language).count()
        for model in PAGE_TYPES
    }


def test_seed_adds_english_to_an_existing_dutch_catalogue_once(monkeypatch):
    cases_demo.seed(io.StringIO())
    # A database seeded before translations existed: Dutch pages only.
    with monkeypatch.context() as patched:
        patched.setattr(demo, "_translate_all", lambda *args: 0)
        demo.seed(io.StringIO())
    dutch = _counts("nl")
    assert _counts("en") == dict.fromkeys(dutch, 0)

    out = io.StringIO()
    demo.seed(out)
    assert _counts("nl") == dutch  # nothing Dutch duplicated
    assert _counts("en") == dutch  # every demo page translated
    assert f"{sum(dutch.values())} English translations added" in out.getvalue()

    out = io.StringIO()
    demo.seed(out)
    assert _counts("nl") == dutch
    assert _counts("en") == dutch
    assert "0 English translations added" in out.getvalue()

    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.get_translation(Locale.get_default()).specific.intro == (
        "Uw zaken bij de overheid op één plek."
    )
    assert english_home.intro == "Your dealings with the government in one place."


@pytest.fixture
def seeded():
    cases_demo.seed(io.StringIO())
    demo.seed(io.StringIO())


def test_search_stays_in_the_active_language(seeded, client):
    with translation.override("en"):
        assert "Apply for a passport" in [page.title for page in search_pages("passport")]
    assert [page.title for page in search_pages("passport")] == []
    assert "Paspoort aanvragen" in [page.title for page in search_pages("paspoort")]

    html = client.get("/en/zoeken/", {"q": "passport"}).content.decode()
    assert 'href="/en/producten/paspoort-aanvragen/"' in html


def test_english_home_and_product_pages_link_to_english_pages(seeded, client):
    home = client.get("/en/").content.decode()
    assert "Your dealings with the government in one place." in home
    # Popular products and life events are the English pages, at /en/ URLs.
    assert 'href="/en/producten/paspoort-aanvragen/"' in home
    assert 'href="/en/verhuizen/"' in home
    assert 'href="/producten/' not in home.split("<main", 1)[1].split("</main>")[0]

    product = client.get("/en/producten/paspoort-aanvragen/").content.decode()
    assert "Apply for a passport" in product
    assert 'href="/en/producten/identiteitskaart-aanvragen/"' in product  # related, English
    assert "Paspoort aanvragen" not in product.split("<main", 1)[1]

    dutch = client.get("/producten/paspoort-aanvragen/").content.decode()
    assert "Paspoort aanvragen" in dutch


def test_request_form_uses_the_product_in_the_active_language(seeded):
    with translation.override("en"):
        english = _product_or_404("verhuizing-doorgeven")
    assert english.locale.language_code == "en"
    assert english.case_type_id is not None
    labels = list(english.request_form_fields.values_list("label", flat=True))
    assert labels[:2] == ["Moving date", "New address"]
    dutch = _product_or_404("verhuizing-doorgeven")
    assert dutch.locale.language_code == "nl"
    assert dutch.request_form_fields.first().label == "Verhuisdatum"
    # Both trees hang under the one tree root; the site's root page is Dutch.
    assert Page.objects.filter(depth=2).count() == 2


def test_language_switch_leads_to_the_translation_or_that_languages_home(seeded, client):
    dutch = client.get("/producten/paspoort-aanvragen/").content.decode()
    assert 'href="/en/producten/paspoort-aanvragen/" hreflang="en"' in dutch
    english = client.get("/en/producten/paspoort-aanvragen/").content.decode()
    assert 'href="/producten/paspoort-aanvragen/" hreflang="nl"' in english

    # A Dutch page nobody translated: English goes to the English home page.
    ContentPage.objects.get(locale__language_code="en", slug="privacy").unpublish()
    dutch_only = client.get("/privacy/").content.decode()
    assert 'href="/en/" hreflang="en"' in dutch_only
    assert client.get("/en/privacy/").status_code == 404
