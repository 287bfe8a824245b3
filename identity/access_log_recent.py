"""The citizen's own recent accesses, remembered in the cache so that a repeat
within OWN_ACCESS_WINDOW is recognised without a query (issue 21).

identity.access_log writes an own access identical to one of the last ten
minutes only once. Finding that earlier entry was a SELECT over ten columns on
every view of a case page (~1 ms of the page). Here the entry is remembered
under a hash of its identifying fields once its transaction has committed (a
rolled-back entry is never remembered), until the window ends. A miss (another
process's local-memory cache, an evicted key) falls back to the SELECT, so the
cache only ever saves work; it never decides what is written.

The key is a SHA-256 of the fields (the subject is already a keyed hash of the
BSN, decision 0028); the value holds the entry's own columns that are not among
those fields (ids, times, status, detail: ids and field names, never values),
so the entry returned on a hit is the row as it is in the database.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from portal.cache_scope import database_scope

PREFIX = "access-log:own:"
_REST = ("trace_id", "span_id", "occurred_at", "ended_at", "status", "detail")


def _key(fields: dict) -> str:
    identity = repr(
        sorted(
            (name, getattr(value, "pk", None) if name == "actor_user" else str(value))
            for name, value in fields.items()
        )
    )
    # Per database: the value names an entry by its id (portal.cache_scope).
    return PREFIX + hashlib.sha256(f"{database_scope()}:{identity}".encode()).hexdigest()


def recall(model, fields: dict, *, window: timedelta, now: datetime):
    """The remembered entry identical to `fields` that occurred within `window`
    before `now`, as a saved instance of `model`; None when none is remembered."""
    remembered = cache.get(_key(fields))
    if remembered is None or remembered["occurred_at"] < now - window:
        return None
    entry = model(pk=remembered["pk"], **fields, **{n: remembered[n] for n in _REST})
    entry._state.adding = False
    entry._state.db = "default"
    return entry


def remember(entry, fields: dict, *, window: timedelta) -> None:
    """Remember `entry` once the transaction it was written in commits (at once
    outside one), for as long as it can stand for an identical access."""

    def store() -> None:
        left = entry.occurred_at + window - timezone.now()
        if left.total_seconds() > 1:
            value = {"pk": entry.pk, **{name: getattr(entry, name) for name in _REST}}
            cache.set(_key(fields), value, timeout=int(left.total_seconds()))

    transaction.on_commit(store)
