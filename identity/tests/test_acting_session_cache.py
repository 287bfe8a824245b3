"""The acting contexts are found once per session window (identity.acting,
CONTEXTS_FRESH_SECONDS): a parent acting for a child does not ask the person
registry, nor write a registry-lookup entry, on every page; the chooser asks
again, a change to a representation ends the window, and an end date passed
within it still ends the context on the next page."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from identity import acting
from identity.access_log import AccessLogEntry, Purpose
from identity.acting import CONTEXTS_FRESH_SECONDS, CONTEXTS_SESSION_KEY, available_contexts
from identity.registry.models import LocalAuthority
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory

pytestmark = pytest.mark.django_db

PARENT, CHILD = "999993653", "999998456"


def _family(born: date):
    parent = LocalPersonFactory(bsn=PARENT, first_names="Suzanne", surname="Moulin")
    child = LocalPersonFactory(
        bsn=CHILD, first_names="Noah", prefix="de", surname="Vries", date_of_birth=born
    )
    parent.children.add(child)
    LocalAuthority.objects.create(holder=parent, minor=child)
    return CitizenFactory(bsn=PARENT, first_name="Suzanne", last_name="Moulin")


def _lookups() -> int:
    """Registry-lookup entries (the actor's own, so merged within the access
    log's own-access window: this counts entries, `_registry` counts lookups)."""
    return AccessLogEntry.objects.filter(purpose=Purpose.ACTING_CONTEXTS).count()


def _registry(sqls: list[str]) -> list[str]:
    return [sql for sql in sqls if "localperson" in sql or "localauthority" in sql]


@pytest.fixture
def acting_for_the_child(client):
    log_in(client, _family(date(2016, 9, 8)))
    page = client.get(reverse("identity:choose_subject"))
    [child] = [c for c in page.context["choices"] if c["name"] == "Noah de Vries"]
    response = client.post(
        reverse("identity:choose_subject"), {"key": child["key"], "next": "/mijn/"}
    )
    assert response.status_code == 302
    return client


def _page(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:overview"))
    assert response.status_code == 200
    assert "Noah de Vries" in response.content.decode()
    return [q["sql"] for q in queries.captured_queries]


def test_a_page_acting_for_a_child_asks_the_registry_once_per_session_window(
    acting_for_the_child,
):
    client = acting_for_the_child
    before = _lookups()
    _page(client)  # the first page after choosing fills the page's own caches
    cached = _page(client)
    again = _page(client)
    assert _lookups() == before  # no registry lookup, no access-log entry
    assert not _registry(cached) and not _registry(again)
    assert len(again) == len(cached)
    # The window over: the providers run again, once, and the page costs more.
    session = client.session
    session[CONTEXTS_SESSION_KEY]["at"] -= CONTEXTS_FRESH_SECONDS
    session.save()
    stale = _page(client)
    assert _registry(stale)
    assert len(stale) > len(cached)
    # Figures for the page-speed work (issue 21): printed with -s.
    print(f"/mijn/ acting for a child: {len(cached)} queries cached, {len(stale)} refreshing")


def test_the_chooser_always_asks_again(acting_for_the_child):
    client = acting_for_the_child
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("identity:choose_subject"))
    assert _registry([q["sql"] for q in queries.captured_queries])


def test_a_birthday_within_the_window_ends_the_context_on_the_next_page(acting_for_the_child):
    client = acting_for_the_child
    session = client.session
    [child] = [c for c in session[CONTEXTS_SESSION_KEY]["contexts"] if c["subject"][0] == CHILD]
    assert child["valid_until"] == "2034-09-07"
    later = date(2034, 9, 8)
    with mock.patch.object(timezone, "localdate", return_value=later):
        response = client.get(reverse("cases:overview"))
    assert response.status_code == 200
    assert "Noah de Vries" not in response.content.decode()


def test_a_change_to_who_may_act_ends_every_window(rf):
    citizen = _family(date(2016, 9, 8))
    session: dict = {}

    def request():
        r = rf.get("/mijn/")
        r.user, r.session = citizen, session
        return r

    assert len(available_contexts(request())) == 2
    LocalAuthority.objects.all().delete()
    assert len(available_contexts(request())) == 2  # within the window: cached
    acting.contexts_changed()
    assert len(available_contexts(request())) == 1


def test_another_login_never_reads_the_cached_contexts(rf):
    citizen = _family(date(2016, 9, 8))
    other = CitizenFactory(bsn="999990019")
    session: dict = {}
    first = rf.get("/mijn/")
    first.user, first.session = citizen, session
    assert len(available_contexts(first)) == 2
    second = rf.get("/mijn/")
    second.user, second.session = other, session
    assert [c.subject.bsn for c in available_contexts(second)] == ["999990019"]


def test_the_window_is_short():
    assert timedelta(seconds=CONTEXTS_FRESH_SECONDS) <= timedelta(minutes=5)


def test_without_a_shared_cache_every_page_asks_again(acting_for_the_child, settings):
    """Without Redis another process would never hear of a withdrawn
    representation: the contexts are then found anew on every page."""
    settings.ACTING_CONTEXTS_CACHE = False
    client = acting_for_the_child
    assert _registry(_page(client))
    assert _registry(_page(client))
