"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: the page cache (decision 0015) and rate
    limits live in the local-memory cache, which outlives a test's database."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home_page(db):
    from pages.site import ensure_site

    return ensure_site()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to an /en/ page leaves
    English active in the test's thread (LocaleMiddleware activates, nothing
    deactivates), and the next test would search English pages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
