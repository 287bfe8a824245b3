from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import storages


def stored_files() -> set[str]:
    """Every file in the private storage (the test settings use a local folder)."""
    root = Path(storages["private"].location)
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch():
    """Assertions are on the Dutch text; a request to /en/ in an earlier test must
    not leave English active in this thread."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture(scope="session")
def s3_server():
    """moto in server mode, once per test process (documents/tests/s3_server.py)."""
    from documents.tests.s3_server import running_s3_server

    with running_s3_server() as server:
        yield server
