"""Where the page cache's version lives when there is no Redis (issue 15.12).

A scheduled publish by the periodic process stayed invisible on the public page
for up to PAGE_CACHE_SECONDS: the version lived in each process's LocMemCache.
Without Redis it now lives in the database (pages/cache_version.py). The last
test runs two real processes on one database: a web server, and
`manage.py publish_scheduled` as the periodic jobs run it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Revision

from pages import cache_version, page_cache

from .factories import ProductPageFactory

ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def database_store(settings):
    settings.PAGE_CACHE_VERSION_STORE = "database"
    page_cache.bump_version()  # forget this process's last look


@pytest.mark.parametrize(
    ("redis_url", "store"), [("", "database"), ("redis://127.0.0.1:6379/0", "cache")]
)
def test_the_version_lives_in_redis_when_configured_else_in_the_database(redis_url, store):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "REDIS_URL": redis_url}
    env.pop("PAGE_CACHE_VERSION_STORE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.PAGE_CACHE_VERSION_STORE)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == store


@pytest.mark.django_db
def test_the_version_is_created_once_and_bumped_in_the_database(database_store):
    first = cache_version.read()
    assert cache_version.PageCacheVersion.objects.get().version == first
    cache_version.bump()
    assert cache_version.read() == first + 1
    # A lost row restarts from the clock, never at a number old entries carry.
    cache_version.PageCacheVersion.objects.all().delete()
    assert cache_version.read() > first + 1


@pytest.mark.django_db
def test_a_hit_reads_the_version_at_most_once_per_interval(client, database_store, settings):
    product = ProductPageFactory(title="Paspoort aanvragen")
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    client.get(product.url)  # stored
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert client.get(product.url).status_code == 200
    assert len(queries) == 0
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        client.get(product.url)
    assert len(queries) == 1  # one SELECT of one row; the page itself still a hit


@pytest.mark.django_db
def test_a_publish_in_this_process_is_seen_at_once(client, database_store, settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    product = ProductPageFactory(title="Paspoort aanvragen")
    client.get(product.url)
    product.title = "Paspoort of ID-kaart aanvragen"
    product.save_revision().publish()
    assert "Paspoort of ID-kaart aanvragen" in client.get(product.url).content.decode()


def _subprocess_database_url() -> str:
    """The test database, for another process. SQLite's test database lives in
    this process's memory: copy it to a file both other processes open."""
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        path = ROOT / "var" / f"test-page-cache-{os.getpid()}.sqlite3"
        path.unlink(missing_ok=True)
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    return (
        f"postgres://{data['USER']}:{data['PASSWORD']}@{data['HOST'] or '127.0.0.1'}"
        f":{data['PORT'] or 5432}/{data['NAME']}"
    )


SERVE = """
import sys, django
django.setup()
from wsgiref.simple_server import WSGIRequestHandler, make_server
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
print(server.server_port, flush=True)
server.serve_forever()
"""


def _title_served(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        html = response.read().decode()
    return html.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0].strip()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("store", "seen"),
    [
        ("database", "Paspoort of ID-kaart aanvragen"),
        # The store before the fix without Redis: the web process never learns.
        ("cache", "Paspoort aanvragen"),
    ],
)
def test_a_scheduled_publish_by_another_process_reaches_the_web_process(store, seen):
    product = ProductPageFactory(title="Paspoort aanvragen")
    path = product.url
    product.title = "Paspoort of ID-kaart aanvragen"
    revision = product.save_revision()
    # Due a moment ago: the next publish_scheduled run publishes it.
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "TEST_DATABASE_URL": _subprocess_database_url(),
        "PAGE_CACHE_VERSION_STORE": store,
    }
    env.pop("REDIS_URL", None)
    web = subprocess.Popen(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SERVE], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(web.stdout.readline())
        assert _title_served(port, path) == "Paspoort aanvragen"
        assert _title_served(port, path) == "Paspoort aanvragen"  # now from the cache
        subprocess.run(
            [sys.executable, "manage.py", "publish_scheduled"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        # The test settings read the version on every request (no 1 s memo).
        assert _title_served(port, path) == seen
    finally:
        web.terminate()
        web.wait(timeout=30)
        if env["TEST_DATABASE_URL"].startswith("sqlite:///"):
            for suffix in ("", "-wal", "-shm"):
                Path(env["TEST_DATABASE_URL"][len("sqlite:///") :] + suffix).unlink(missing_ok=True)
