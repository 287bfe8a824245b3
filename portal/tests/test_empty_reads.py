"""portal.empty_reads: an emptiness is believed only while nothing changed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from portal import empty_reads

# changed() and remember_empty() act at commit: these run outside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_remembered_until_changed(settings):
    first = empty_reads.probe("scope", 7)
    assert not first.empty  # never read
    empty_reads.remember_empty(first)
    assert empty_reads.probe("scope", 7).empty
    assert not empty_reads.probe("scope", 8).empty  # another key
    assert not empty_reads.probe("other", 7).empty  # another scope
    empty_reads.changed("scope", 7)
    assert not empty_reads.probe("scope", 7).empty


def test_a_change_during_the_read_wins():
    """The version is read before the query: a write that lands while the query
    runs makes the remembered emptiness stale at once."""
    before = empty_reads.probe("scope", "k")
    empty_reads.changed("scope", "k")  # a message is written meanwhile
    empty_reads.remember_empty(before)  # the query did not see it
    assert not empty_reads.probe("scope", "k").empty


def test_a_lost_version_never_revives_an_old_mark():
    found = empty_reads.probe("scope", "k")
    empty_reads.remember_empty(found)
    version_key, _mark_key = empty_reads._keys("scope", "k")
    cache.delete(version_key)  # evicted
    assert not empty_reads.probe("scope", "k").empty


def test_nothing_is_remembered_without_a_shared_cache(settings):
    settings.EMPTY_READ_CACHE = False
    found = empty_reads.probe("scope", 1)
    empty_reads.remember_empty(found)
    assert not empty_reads.probe("scope", 1).empty
    empty_reads.changed("scope", 1)  # and a change costs nothing


def test_the_commit_moves_the_version_again():
    """Another process that read between the change and its commit cannot keep
    an emptiness it saw then."""
    with transaction.atomic():
        empty_reads.changed("scope", 3)  # a row written, not committed yet
        between = empty_reads.probe("scope", 3)
        # Another process read then (it cannot see the row) and remembered it.
        cache.set(empty_reads._keys("scope", 3)[1], between.version)
        assert empty_reads.probe("scope", 3).empty
    assert not empty_reads.probe("scope", 3).empty  # the commit moved it on


def test_a_rolled_back_reader_remembers_nothing():
    """A reader inside a transaction may have seen its own uncommitted deletes."""
    with pytest.raises(RuntimeError), transaction.atomic():
        empty_reads.remember_empty(empty_reads.probe("scope", 4))
        raise RuntimeError("rolled back")
    assert not empty_reads.probe("scope", 4).empty


def test_another_database_has_its_own_marks(settings):
    """A case id names another case in another database (two tenants on one
    Redis, or the benchmark's two databases in one process)."""
    from django.db import connections

    found = empty_reads.probe("scope", 9)
    empty_reads.remember_empty(found)
    assert empty_reads.probe("scope", 9).empty
    default = connections["default"].settings_dict
    original = default["NAME"]
    try:
        default["NAME"] = f"{original}-other"
        assert not empty_reads.probe("scope", 9).empty
    finally:
        default["NAME"] = original
    assert empty_reads.probe("scope", 9).empty
