"""Remembering that a read found nothing, until what it reads changes
(decision 0056, issue 21).

Most cases have no messages and most citizens no saved requests, yet the case
page and Mijn overzicht asked the database every time (~1.5 ms each of Django's
work, docs/performance.md). A reader that finds nothing remembers it in the
shared cache under a version of what it read (a case's messages, a subject's
drafts); a writer moves that version on, at once and again at commit, so an
emptiness read before a change is never believed after it:

    probe = empty_reads.probe("case-messages", case.pk)
    rows = [] if probe.empty else list(query)
    if not rows:
        empty_reads.remember_empty(probe)

The version is read before the query, and the mark holds that version: a
change that lands while the query runs moves the version past the mark. A lost
version starts again from the clock, never from a number an old mark holds.
Only the fact "nothing" is kept, never a row, and keys are hashes (a subject's
key is the access log's keyed hash of the BSN, never the BSN).

Only with a cache every process shares (Redis: EMPTY_READ_CACHE, on with
REDIS_URL): another process's write must reach this one's reads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import cache_versions
from .cache_scope import database_scope

# A mark and its version live a day: a reader asks the database again after that.
SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Probe:
    scope: str
    key: str
    empty: bool
    version: int | None  # read before the query; None: nothing to remember


def _keys(scope: str, key: object) -> tuple[str, str]:
    # Per database: a key names rows by their ids (portal.cache_scope).
    digest = hashlib.sha256(f"{database_scope()}:{scope}:{key}".encode()).hexdigest()[:40]
    return f"empty-read:{scope}:version:{digest}", f"empty-read:{scope}:none:{digest}"


def probe(scope: str, key: object) -> Probe:
    """Whether the last read of `key` found nothing and nothing changed since."""
    if not settings.EMPTY_READ_CACHE:
        return Probe(scope, str(key), empty=False, version=None)
    version_key, mark_key = _keys(scope, key)
    found = cache.get_many([version_key, mark_key])  # one round trip
    version = cache_versions.read(version_key, found, timeout=SECONDS)
    if version is None:  # the cache is down
        return Probe(scope, str(key), empty=False, version=None)
    return Probe(scope, str(key), empty=found.get(mark_key) == version, version=version)


def remember_empty(found: Probe) -> None:
    """The read after `found` found nothing: remember it for that version, once
    the reader's transaction commits (at once outside one). A reader inside a
    transaction may see its own uncommitted deletes; a rollback brings the rows
    back, and then nothing was remembered."""
    if found.version is None or found.empty:
        return
    mark_key = _keys(found.scope, found.key)[1]
    transaction.on_commit(lambda: cache.set(mark_key, found.version, timeout=SECONDS))


def changed(scope: str, key: object) -> None:
    """What `key` reads changed: no earlier emptiness counts, now (this process,
    this transaction) and at commit (every process)."""
    if not settings.EMPTY_READ_CACHE:
        return
    cache_versions.move_on(_keys(scope, str(key))[0], timeout=SECONDS)
