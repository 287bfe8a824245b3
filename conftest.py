"""Fixtures shared by every app's tests."""

import importlib.util

import pytest


def _dev_idp_installed() -> bool:
    from django.conf import settings

    return (
        importlib.util.find_spec("identity.devidp") is not None
        and "identity.devidp" in settings.INSTALLED_APPS
    )


def pytest_collection_modifyitems(config, items):
    """Tests marked `devidp` play against the development IdP: without it (deleted,
    or DIGID_DEV_IDP=false) they are skipped, the SP's own tests still run (0027)."""
    if _dev_idp_installed():
        return
    skip = pytest.mark.skip(reason="needs the development IdP (identity.devidp)")
    for item in items:
        if item.get_closest_marker("devidp"):
            item.add_marker(skip)


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


@pytest.fixture
def move_dev_idp(settings, tmp_path):
    """Move the portal and the development IdP to other addresses, for this test.

    The SP knows its IdP only from the metadata file its settings name (decision
    0027), as in production: when the IdP moves, the SP gets a new copy, here in
    the test's own directory, so parallel test runs never share it.

        move_dev_idp(portal=live_server.url)                  # IdP on the portal's origin
        move_dev_idp(portal=portal, idp="http://127.0.0.1:8000")  # IdP on its own origin
    """

    def move(*, portal: str, idp: str | None = None) -> None:
        from identity.devidp.files import write_idp_metadata

        settings.PORTAL_BASE_URL = portal
        if idp is not None:
            settings.DIGID_DEV_IDP_BASE_URL = idp
        path = write_idp_metadata(tmp_path / "dev-idp-metadata.xml")
        settings.DIGID_IDP_METADATA_FILE = str(path)

    return move


@pytest.fixture
def citizen(db):
    """Suzanne Moulin, a demo citizen with a DigiD account (test BSN)."""
    from identity.tests.factories import CitizenFactory

    return CitizenFactory(bsn="999993653", first_name="Suzanne", last_name="Moulin")


@pytest.fixture
def citizen_client(client, citizen):
    """A test client logged in as `citizen` at DigiD level midden (no SAML)."""
    from identity.tests.conftest import log_in

    return log_in(client, citizen)
