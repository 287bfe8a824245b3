"""Where the page cache's site-wide version lives (decision 0015).

Rendered pages live in each process's memory; the version that invalidates them
must be seen by every process. With Redis (REDIS_URL) it lives in the shared
cache. Without Redis the default cache is LocMemCache, private to each process:
a publish by the periodic process (scheduled publishing) or by another web worker
never reached the page-serving process, which kept the old page for up to
PAGE_CACHE_SECONDS (issue 15.12). So without Redis the version lives in the
database, which every process already shares: one row, read at most once every
PAGE_CACHE_VERSION_SECONDS per process (pages/page_cache.py keeps the memo).

PAGE_CACHE_VERSION_STORE chooses: "cache" (the PAGE_CACHE_VERSION_ALIAS cache)
or "database" (this table); portal/settings/base.py picks "cache" exactly when
REDIS_URL is set.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, models, transaction
from django.db.models import F

VERSION_KEY = "pagecache:version"
_ROW = 1


class PageCacheVersion(models.Model):
    """The one row holding the version (id 1). Not shown in any admin."""

    version = models.BigIntegerField()

    class Meta:
        app_label = "pages"

    def __str__(self) -> str:
        return str(self.version)


def _uses_database() -> bool:
    return settings.PAGE_CACHE_VERSION_STORE == "database"


def read() -> int:
    """The current version; created from the clock when there is none, so a lost
    version never falls back to a number old entries still carry."""
    if _uses_database():
        version = PageCacheVersion.objects.filter(pk=_ROW).values_list("version", flat=True).first()
        if version is None:
            try:
                with transaction.atomic():
                    PageCacheVersion.objects.create(pk=_ROW, version=time.time_ns())
            except IntegrityError:  # another process created it first
                pass
            version = PageCacheVersion.objects.values_list("version", flat=True).get(pk=_ROW)
        return version
    cache = caches[settings.PAGE_CACHE_VERSION_ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump() -> None:
    """Move the version on. In the database one UPDATE; inside a publish's
    transaction the row stays locked until it commits (publishes serialise on it,
    which is fine: they are rare), and other processes see the new number from
    the commit on."""
    if _uses_database():
        if not PageCacheVersion.objects.filter(pk=_ROW).update(version=F("version") + 1):
            read()  # no row yet: creating one is a fresh, newer version
        return
    cache = caches[settings.PAGE_CACHE_VERSION_ALIAS]
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: any fresh one is newer than none
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
