"""Versions in the shared cache that say when cached reads went stale
(decisions 0051 and 0056: the channel register, the catalogue, remembered
empty reads).

A reader fetches the version with what it cached under it, and believes the
entry only when both agree. A writer moves the version on at once (this
process, inside its transaction) and again at commit, so a process that read
the old rows between the two cannot keep them under the new version. A missing
version starts from the clock, never from a number an old entry may hold.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


def read(key: str, found: dict | None = None, *, timeout: int | None = None) -> int | None:
    """The version under `key` (taken from `found`, a get_many that asked for it,
    when given); None when the cache is down (portal.cache.TolerantRedisCache)."""
    version = (found if found is not None else {}).get(key)
    if version is None and found is None:
        version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=timeout)
        version = cache.get(key)
    return version


def move_on(key: str, *, timeout: int | None = None) -> None:
    """What `key` versions changed: now and at commit."""
    _bump(key, timeout)
    transaction.on_commit(lambda: _bump(key, timeout))


def _bump(key: str, timeout: int | None) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no version yet: any fresh one is newer than none
        cache.set(key, time.time_ns(), timeout=timeout)
