"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture
def home_page(db):
    from pages.site import ensure_site

    return ensure_site()
