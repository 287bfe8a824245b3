"""The page cache (decision 0015): what is stored, who gets it, what empties it."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from identity.session import SLIDE_AFTER_SECONDS
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, StaffUserFactory
from pages import page_cache
from pages.editorial import EDITORS_GROUP

from .factories import (
    ContentPageFactory,
    LifeEventPageFactory,
    LifeEventProductFactory,
    PopularProductFactory,
    ProductPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _version_in_the_shared_cache(settings):
    """These tests are about what is stored and served, with the version where a
    deployment with Redis keeps it; the database store (no Redis) and two real
    processes: test_page_cache_version.py."""
    settings.PAGE_CACHE_VERSION_STORE = "cache"


@pytest.fixture(autouse=True)
def _dutch():
    """Page.url follows the active language, which a request to /en/ leaves behind
    in this thread; each test starts in Dutch and takes its URLs before going /en/."""
    with translation.override("nl"):
        yield


def _queries(client, url, **extra):
    """(response, number of SQL queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.fixture
def product():
    return ProductPageFactory(title="Paspoort aanvragen", slug="paspoort-aanvragen")


def test_a_hit_serves_the_same_bytes_without_a_query(client, product, django_assert_num_queries):
    first = client.get(product.url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(product.url)
    assert second.status_code == 200
    assert second.content == first.content
    assert "Paspoort aanvragen" in second.content.decode()
    assert not first.cookies
    assert not second.cookies


def test_every_public_page_kind_is_cached(client, product, django_assert_num_queries):
    event = LifeEventPageFactory(title="Verhuizen")
    content = ContentPageFactory(title="Privacyverklaring")
    for url in ["/", product.get_parent().url, event.url, content.url]:
        assert client.get(url).status_code == 200, url
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url


def test_each_language_has_its_own_entry(client, product):
    url = product.url
    dutch = client.get(url)
    english = client.get(f"/en{url}")
    assert '<html lang="nl"' in dutch.content.decode()
    assert '<html lang="en"' in english.content.decode()
    for path, first in [(f"/en{url}", english), (url, dutch)]:
        again, queries = _queries(client, path)
        assert queries == 0
        assert again.content == first.content


def test_query_string_and_host_are_part_of_the_key(client, product):
    client.get(product.url)
    assert _queries(client, f"{product.url}?a=1")[1] > 0
    assert _queries(client, f"{product.url}?a=1")[1] == 0
    assert _queries(client, product.url, HTTP_HOST="localhost")[1] > 0
    assert _queries(client, product.url, HTTP_HOST="localhost")[1] == 0


def test_a_long_query_string_is_not_stored(client, product):
    url = f"{product.url}?q={'x' * page_cache.MAX_QUERY_LENGTH}"
    client.get(url)
    assert _queries(client, url)[1] > 0


def test_publishing_a_product_updates_it_in_both_languages_and_where_it_is_listed(client, product):
    event = LifeEventPageFactory(title="Op reis")
    LifeEventProductFactory(page=event, product=product)
    PopularProductFactory(page=home_page(), product=product)
    product_url, event_url = product.url, event.url
    urls = [product_url, f"/en{product_url}", event_url, f"/en{event_url}", "/", "/en/"]
    for url in urls:
        client.get(url)
        assert "Paspoort aanvragen" in client.get(url).content.decode(), url

    _publish(product, title="Paspoort of identiteitskaart")

    for url in urls:
        html = client.get(url).content.decode()
        assert "Paspoort of identiteitskaart" in html, url
        # The old title as a heading or link text (the summary still quotes it).
        assert not re.search(r">\s*Paspoort aanvragen\s*<", html), url


def test_unpublishing_and_deleting_empty_the_cache(client, product):
    event = LifeEventPageFactory(title="Op reis")
    LifeEventProductFactory(page=event, product=product)
    client.get(product.url)
    client.get(event.url)

    product.unpublish()
    assert client.get(product.url).status_code == 404
    assert "Paspoort aanvragen" not in client.get(event.url).content.decode()

    other = ProductPageFactory(title="Rijbewijs verlengen")
    LifeEventProductFactory(page=event, product=other)
    assert "Rijbewijs verlengen" in client.get(event.url).content.decode()
    url = other.url
    other.delete()
    assert client.get(url).status_code == 404
    assert "Rijbewijs verlengen" not in client.get(event.url).content.decode()


def test_moving_a_page_empties_the_cache(client):
    parent = ContentPageFactory(title="Over ons", slug="over-ons")
    child = ContentPageFactory(title="Contact", slug="contact")
    old_url = child.url
    client.get(old_url)
    child.move(parent, pos="last-child")
    # Wagtail leaves a redirect at the old address; the cached page is gone.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == "/over-ons/contact/"
    assert "Contact" in client.get("/over-ons/contact/").content.decode()


def test_a_change_to_the_agency_reaches_its_product_pages(client, product):
    client.get(product.url)
    agency = product.agency
    agency.name = "Gemeente Nieuwegein"
    agency.save()
    assert "Gemeente Nieuwegein" in client.get(product.url).content.decode()


def test_the_second_bump_after_commit_drops_a_page_stored_during_the_publish(
    client, product, django_capture_on_commit_callbacks
):
    """A request that rendered the old page while the publish was still being
    committed may store it under the new version; the bump on commit drops it."""
    client.get(product.url)
    with django_capture_on_commit_callbacks() as callbacks:
        _publish(product, title="Nieuwe titel")
        stale = Client().get(product.url)  # the racing request, before the commit
        page_cache.store(
            _request_for(product.url), _as_old(stale, "Nieuwe titel"), page_cache.current_version()
        )
        assert "Oude titel" in client.get(product.url).content.decode()
    for callback in callbacks:
        callback()
    html = client.get(product.url).content.decode()
    assert "Nieuwe titel" in html
    assert "Oude titel" not in html


def _request_for(url):
    from django.test import RequestFactory

    return RequestFactory().get(url)


def _as_old(response, title):
    response.content = response.content.replace(title.encode(), b"Oude titel")
    return response


def test_a_draft_is_never_served_from_or_stored_in_the_cache(client, product):
    client.get(product.url)
    product.title = "Concepttitel"
    product.save_revision()  # a draft: the live page stays as it is
    assert "Concepttitel" not in client.get(product.url).content.decode()

    preview = product.make_preview_request()
    assert "Concepttitel" in preview.content.decode()
    assert "private" in preview["Cache-Control"]
    live = client.get(product.url).content.decode()
    assert "Paspoort aanvragen" in live
    assert "Concepttitel" not in live


def test_a_restricted_page_is_never_stored(client, product):
    secret = ContentPageFactory(title="Alleen ingelogd")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    citizen_client = log_in(Client(), CitizenFactory())
    assert "Alleen ingelogd" in citizen_client.get(secret.url).content.decode()
    anonymous = client.get(secret.url)
    assert anonymous.status_code == 302
    assert "Alleen ingelogd" not in anonymous.content.decode()


def test_a_logged_in_citizen_gets_the_shared_page_but_never_stores_one(client, product):
    citizen_client = log_in(Client(), CitizenFactory())
    own = citizen_client.get(product.url)  # miss: rendered for the citizen, not stored
    assert own.status_code == 200
    assert _queries(client, product.url)[1] > 0  # so the anonymous visitor missed too

    shared = client.get(product.url)
    assert not shared.cookies
    hit = citizen_client.get(product.url)
    assert hit.content == shared.content
    # Answered to a logged-in visitor: never kept by a shared proxy.
    assert "private" in hit["Cache-Control"]
    assert "public" not in hit["Cache-Control"]
    # A minute later the citizen's session slides (identity.session), and the hit
    # carries its cookie: still private.
    later = timezone.now() + timedelta(seconds=SLIDE_AFTER_SECONDS)
    with mock.patch("django.utils.timezone.now", return_value=later):
        hit = citizen_client.get(product.url)
    assert hit.content == shared.content
    assert set(hit.cookies) == {"sessionid"}
    assert "private" in hit["Cache-Control"]
    assert "public" not in hit["Cache-Control"]


def test_an_editor_never_stores_a_page_and_anonymous_visitors_get_no_editor_parts(client, product):
    editor = StaffUserFactory()
    editor.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(product.url).status_code == 200
    response, queries = _queries(client, product.url)
    assert queries > 0  # the editor's rendering was not stored
    html = response.content.decode()
    assert "wagtail-userbar" not in html
    assert "/beheer/" not in html


def test_pending_messages_bypass_the_cache_and_are_shown_once(client, home_page):
    citizen_client = log_in(client, CitizenFactory())
    Client().get("/")  # an anonymous visitor fills the cache
    response = citizen_client.post("/uitloggen/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "U bent uitgelogd." in response.content.decode()
    assert "U bent uitgelogd." not in citizen_client.get("/").content.decode()
    # The page with the message was not stored either.
    assert "U bent uitgelogd." not in Client().get("/").content.decode()


def test_post_is_never_served_from_or_stored_in_the_cache(client, product):
    client.get(product.url)
    with CaptureQueriesContext(connection) as queries:
        client.post(product.url, {"q": "x"})
    assert len(queries) > 0
    assert _queries(client, product.url)[1] == 0


def test_a_cached_page_keeps_its_headers_and_needs_no_nonce(client, product):
    miss = client.get(product.url)
    hit = client.get(product.url)
    assert hit["Cache-Control"] == miss["Cache-Control"] == "public, max-age=60"
    assert hit["Vary"] == miss["Vary"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Content-Language"] == "nl"
    csp = hit["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "nonce-" not in csp
    assert "'unsafe-inline'" not in csp
    html = hit.content.decode()
    assert "nonce" not in html
    # No inline script: every script element loads a file.
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_an_unavailable_cache_serves_pages_uncached(client, product, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.PAGE_CACHE_VERSION_ALIAS = "unreachable"
    assert client.get(product.url).status_code == 200
    assert client.get(product.url).status_code == 200


def test_switched_off_it_stores_nothing(client, product, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(product.url)
    assert _queries(client, product.url)[1] > 0


def test_a_worker_sees_another_workers_publish_within_the_version_interval(
    client, product, settings
):
    """Pages live in each process; the version is shared and read at most every
    PAGE_CACHE_VERSION_SECONDS, so another process's bump is seen after that."""
    from django.core.cache import caches

    settings.PAGE_CACHE_VERSION_SECONDS = 60
    page_cache.bump_version()  # start from a fresh look at the version
    client.get(product.url)
    caches["default"].incr(page_cache.VERSION_KEY)  # another process publishes
    assert _queries(client, product.url)[1] == 0  # not seen yet: still a hit
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    assert _queries(client, product.url)[1] > 0  # seen: the page is rendered again
