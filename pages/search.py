"""Site search over products, life events (their FAQ included) and content pages.

The Wagtail database backend picks PostgreSQL full-text search on PostgreSQL
(with the "dutch" text search configuration from settings, so "verhuizen"
finds "verhuizing") and SQLite FTS5 elsewhere.

Snippets are built from the page's own text, never from stored HTML: the text
is split around the matched terms and every piece is escaped before the
<mark> elements are added, so neither the query nor page content can inject
markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page

from .models import ContentPage, LifeEventPage, ProductPage

MAX_QUERY_LENGTH = 200
# The form allows 200 characters; more words than this only make the query slower.
MAX_QUERY_WORDS = 32
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 220
SEARCHED_TYPES = (ProductPage, LifeEventPage, ContentPage)


@dataclass(frozen=True)
class SearchHit:
    page: Page
    kind: str
    snippet: SafeString


def search_text(query: str) -> str:
    """The query as plain words, safe to hand to any search backend.

    The backends quote each word but do not escape everything inside it: a double
    quote ends SQLite FTS5's string early (a syntax error, issue 14), and FTS5 and
    PostgreSQL's to_tsquery each have operators of their own (AND OR NOT NEAR * ^
    ( ) : & | ! <->). Keeping only word characters leaves nothing a backend can
    parse as syntax and loses nothing: both tokenisers split on everything else.
    """
    return " ".join(re.findall(r"\w+", query)[:MAX_QUERY_WORDS])


def search_pages(query: str):
    """Live, public pages in the active language (/en/ searches the English pages)
    matching `query`, best match first (a lazy search result)."""
    pages = Page.objects.live().public().type(*SEARCHED_TYPES).filter(locale=Locale.get_active())
    text = search_text(query)
    if not text:
        # Nothing but punctuation: no backend accepts an empty query.
        return pages.none()
    return pages.search(text)


def query_terms(query: str) -> list[str]:
    """The words of a query, without duplicates, longest first (so they highlight whole)."""
    words = {w.lower() for w in re.findall(r"\w+", query) if len(w) > 1}
    return sorted(words, key=len, reverse=True)


def _plain(rich_text: str) -> str:
    """Rich text as plain text; block ends become spaces so list items do not run together."""
    return strip_tags(re.sub(r"(</(?:p|li|h2|h3)>|<br\s*/?>)", r"\1 ", rich_text))


def page_text(page: Page) -> str:
    """The plain text a citizen would read on the page, for snippets."""
    parts: list[str] = [getattr(page, "summary", "") or getattr(page, "intro", "")]
    for field in ("what_is_it", "conditions", "what_you_need"):
        parts.append(_plain(getattr(page, field, "") or ""))
    for stream_name in ("faq", "body"):
        stream = getattr(page, stream_name, None)
        for block in stream or []:
            value = block.value
            if block.block_type == "faq":
                parts.append(f"{value['question']} {_plain(value['answer'].source)}")
            elif block.block_type == "paragraph":
                parts.append(_plain(value.source))
    text = html.unescape(" ".join(p for p in parts if p))
    return re.sub(r"\s+", " ", text).strip()


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    """Matches a term, or a word sharing its stem-like prefix (verhuizing ~ verhuizen)."""
    alternatives = []
    for term in terms:
        alternatives.append(re.escape(term))
        if len(term) >= 6:
            alternatives.append(r"\b" + re.escape(term[: max(4, len(term) - 3)]) + r"\w*")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of the terms wrapped in <mark>."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return escape(text)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f'<mark class="utrecht-mark">{escape(match.group(0))}</mark>')
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, terms: list[str]) -> SafeString:
    """A short, highlighted excerpt around the first match (or the start of the text)."""
    pattern = _term_pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - SNIPPET_BEFORE) if match else 0
    if start:
        # Start at a word boundary so the excerpt does not begin mid-word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (match.start() if match else start) else start
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(excerpt, terms) + suffix)  # noqa: S308


def hits(pages, query: str) -> list[SearchHit]:
    terms = query_terms(query)
    return [
        SearchHit(
            page=page,
            kind=str(page._meta.verbose_name),
            snippet=snippet(page_text(page), terms),
        )
        for page in pages
    ]
