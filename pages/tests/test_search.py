import re

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from pages.search import highlight, page_text, query_terms, search_pages, snippet

from .factories import ContentPageFactory, LifeEventPageFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


def _titles(query):
    return [page.title for page in search_pages(query)]


def _faq(question, answer):
    return [("faq", {"question": question, "answer": f"<p>{answer}</p>"})]


class TestSearchIndex:
    def test_finds_a_product_by_its_title(self):
        ProductPageFactory(title="Verhuizing doorgeven")
        ProductPageFactory(title="Paspoort aanvragen")
        assert _titles("verhuizing") == ["Verhuizing doorgeven"]

    def test_finds_a_product_by_its_faq(self):
        ProductPageFactory(
            title="Parkeervergunning",
            faq=_faq("Geldt mijn vergunning op de camping?", "Nee, alleen in uw wijk."),
        )
        assert _titles("camping") == ["Parkeervergunning"]

    def test_finds_a_life_event_by_its_intro_and_faq(self):
        LifeEventPageFactory(
            title="Kind krijgen",
            intro="Gefeliciteerd met de geboorte.",
            faq=_faq("Krijg ik kinderbijslag?", "Dat regelt de SVB."),
        )
        assert _titles("geboorte") == ["Kind krijgen"]
        assert _titles("kinderbijslag") == ["Kind krijgen"]

    def test_drafts_are_not_found(self):
        ProductPageFactory(title="Geheim product", draft=True)
        assert _titles("geheim") == []

    def test_dutch_stemming_where_the_backend_allows(self):
        ProductPageFactory(title="Verhuizing doorgeven")
        backend = get_search_backend()
        if connection.vendor == "postgresql":
            # PostgreSQL full-text search with the "dutch" configuration: the verb
            # finds the noun (both stem to "verhuiz").
            assert backend.config == "dutch"
            assert _titles("verhuizen") == ["Verhuizing doorgeven"]
        else:
            # SQLite FTS5 has no Dutch stemmer: the exact word still works.
            assert _titles("Verhuizing") == ["Verhuizing doorgeven"]


class TestHighlighting:
    def test_terms_are_wrapped_in_mark(self):
        assert str(highlight("Verhuizing doorgeven", ["verhuizing"])) == (
            '<mark class="utrecht-mark">Verhuizing</mark> doorgeven'
        )

    def test_page_text_is_escaped_before_highlighting(self):
        result = str(highlight('<script>alert("x")</script> verhuizing', ["verhuizing"]))
        assert "<script>" not in result
        assert "&lt;script&gt;" in result
        assert '<mark class="utrecht-mark">verhuizing</mark>' in result

    def test_a_query_cannot_inject_markup(self):
        terms = query_terms('"><img src=x onerror=alert(1)> amp')
        result = str(highlight("Tom & Jerry <b>amp</b>", terms))
        assert "<img" not in result
        assert "<b>" not in result
        # Matching happens on the raw text, never inside an escaped entity like &amp;.
        assert result.startswith("Tom &amp; Jerry &lt;b&gt;")
        assert '&lt;b&gt;<mark class="utrecht-mark">amp</mark>&lt;/b&gt;' in result

    def test_stem_like_matches_are_highlighted(self):
        assert "<mark" in str(highlight("Gaat u verhuizen?", ["verhuizing"]))

    def test_snippet_is_cut_around_the_first_match(self):
        text = "Begin. " + "vulling " * 60 + "Hier staat paspoort in de tekst. " + "rest " * 60
        result = str(snippet(text, ["paspoort"]))
        assert result.startswith("… ")
        assert result.endswith(" …")
        assert '<mark class="utrecht-mark">paspoort</mark>' in result
        assert "Begin." not in result


class TestSearchView:
    def test_results_show_highlighted_snippets(self, client):
        ProductPageFactory(title="Verhuizing doorgeven", summary="Geef uw verhuizing door.")
        response = client.get("/zoeken/", {"q": "verhuizing"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "1 resultaat voor “verhuizing”" in html
        assert 'href="/producten/verhuizing-doorgeven/"' in html
        assert 'Geef uw <mark class="utrecht-mark">verhuizing</mark> door.' in html

    def test_markup_in_a_page_or_the_query_is_escaped(self, client):
        ProductPageFactory(title="Kwaadaardig", summary="<script>alert('pagina')</script> paspoort")
        html = client.get("/zoeken/", {"q": "paspoort"}).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;pagina&#x27;)&lt;/script&gt;" in html
        assert '<mark class="utrecht-mark">paspoort</mark>' in html

        html = client.get("/zoeken/", {"q": "<script>alert('zoek')</script>"}).content.decode()
        assert "<script>alert" not in html
        assert "Geen resultaten voor “&lt;script&gt;alert(&#x27;zoek&#x27;)" in html

    def test_no_results_page_helps_the_citizen_on(self, client):
        ContentPageFactory(title="Privacyverklaring")
        response = client.get("/zoeken/", {"q": "xyzzyonbekend"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Geen resultaten voor “xyzzyonbekend”" in html
        assert "Controleer de spelling." in html
        assert 'href="/"' in html

    def test_no_results_links_to_the_product_overview(self, client):
        ProductPageFactory(title="Paspoort aanvragen")
        html = client.get("/zoeken/", {"q": "xyzzyonbekend"}).content.decode()
        assert 'href="/producten/"' in html

    def test_empty_query_shows_only_the_form(self, client):
        html = client.get("/zoeken/").content.decode()
        assert 'role="search"' in html
        assert "Geen resultaten" not in html

    def test_too_long_query_gets_a_clear_error(self, client):
        html = client.get("/zoeken/", {"q": "a" * 201}).content.decode()
        assert "Gebruik maximaal 200 tekens in uw zoekvraag." in html
        assert 'aria-invalid="true"' in html
        # The error summary links to the field.
        assert "Er is een probleem" in html
        assert 'href="#id_q">Gebruik maximaal' in html
        assert "<title>Fout: Zoeken" in html
        assert "resultaten voor" not in html

    def test_results_are_paginated(self, client):
        for n in range(12):
            ProductPageFactory(title=f"Vergunning {n}")
        first = client.get("/zoeken/", {"q": "vergunning"}).content.decode()
        assert "12 resultaten" in first
        assert first.count('class="ol-search-result"') == 10
        second = client.get("/zoeken/", {"q": "vergunning", "pagina": "2"}).content.decode()
        assert second.count('class="ol-search-result"') == 2
        assert "Pagina 2 van 2" in second


def test_snippet_text_keeps_list_items_apart():
    page = ProductPageFactory.build(
        summary="Kort.", what_is_it="<ul><li>Eerste punt.</li><li>Tweede punt.</li></ul>"
    )
    assert "Eerste punt. Tweede punt." in page_text(page)


# Input a citizen may type that means something to a full-text engine: FTS5 and
# to_tsquery syntax, unbalanced quotes and brackets, control characters (issue 14).
FUZZ_QUERIES = [
    '"',
    '""',
    '"paspoort',
    "paspoort\"'",
    "'",
    "paspoort AND verhuizing",
    "paspoort OR",
    "NOT paspoort",
    "AND",
    "paspoort NEAR verhuizing",
    "NEAR(paspoort verhuizing, 2)",
    "paspoort*",
    "*",
    "^paspoort",
    "title:paspoort",
    "{title}: paspoort",
    "(paspoort",
    "paspoort)",
    "((()))",
    "paspoort & !verhuizing | <-> :*",
    "\\",
    "paspoort\\",
    "-paspoort",
    "+",
    "paspoort\tverhuizing\r\n\x0b\x1b\x7f",
    "\x00",
    "pas\x00poort",
    "é ß 中文 🙂",
    "paspoort " * 1300,  # about 10 kB
]


@pytest.mark.parametrize("query", FUZZ_QUERIES)
def test_any_search_box_input_is_answered_without_an_error(client, query):
    """Runs on SQLite (FTS5) and PostgreSQL (to_tsquery): `make test` runs both."""
    ProductPageFactory(title="Paspoort aanvragen", summary="Een paspoort voor reizen.")
    for path in ("/zoeken/", "/en/zoeken/"):
        response = client.get(path, {"q": query})
        assert response.status_code == 200, (path, query[:40])


@pytest.mark.parametrize("query", FUZZ_QUERIES)
def test_search_pages_accepts_any_query(query):
    # The function on its own too (the view's form stops NUL and over-long input first).
    ProductPageFactory(title="Paspoort aanvragen")
    titles = _titles(query)
    if set(re.findall(r"\w+", query.lower())) == {"paspoort"}:
        # The syntax around the word is ignored, the word still finds the page.
        assert titles == ["Paspoort aanvragen"], query[:40]


def test_quotes_and_operators_do_not_hide_the_words_around_them(client):
    ProductPageFactory(title="Paspoort aanvragen")
    html = client.get("/zoeken/", {"q": '"paspoort'}).content.decode()
    assert "1 resultaat voor" in html
