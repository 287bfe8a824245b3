"""A Redis cache the portal can live without.

Everything the portal keeps in the cache can be rebuilt or skipped: cached
pages and fragments, rate-limit counters, allauth's short locks. So when Redis
is stopped or unreachable, `TolerantRedisCache` behaves as an empty cache that
stores nothing, instead of turning every request into a 500:

- reads are misses (`get` returns the default, `get_many` returns {}),
- writes are dropped (`set`, `set_many`, `delete`, `touch`, `clear`),
- `add` reports success (the key was absent; callers that use it as a lock,
  like allauth's rate limiter, then proceed instead of spinning for a second),
- `incr` raises ValueError, Django's "no such key", which callers handle.

Consequence, on purpose: while Redis is down, rate limits count from zero in
every process (they fail open) and nothing is cached. /readyz still reports the
cache as down (its write-then-read check fails), so operators see it.

After a failure the backend stops trying for RETRY_AFTER_SECONDS (a small
circuit breaker), so a Redis host that drops packets costs one socket timeout
per process per interval, not one per cache call. It logs once per interval,
with the exception class only: no keys, no values (house rule: never a BSN
in a log, and keys could be built from request data).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not there right now". A ResponseError (a bug, a
# wrong command) is not among them: that should still fail loudly.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
RETRY_AFTER_SECONDS = 5.0
LOG_INTERVAL_SECONDS = 60.0


class _Breaker:
    """Per-process state for one cache location (shared by all threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.last_logged = float("-inf")
        self.failures_since_log = 0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, exc: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.open_until = now + RETRY_AFTER_SECONDS
            self.failures_since_log += 1
            if now - self.last_logged < LOG_INTERVAL_SECONDS:
                return
            count, self.failures_since_log, self.last_logged = self.failures_since_log, 0, now
        logger.warning(
            "Cache unavailable (%s); serving without cache (%d failed calls since last report)",
            type(exc).__name__,
            count,
        )


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


class TolerantRedisCache(RedisCache):
    """Django's RedisCache, with Redis outages treated as cache misses."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._breaker = _breaker_for(",".join(self._servers))

    def _call(self, fallback, method, *args, **kwargs):
        if self._breaker.is_open():
            return fallback()
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as exc:
            self._breaker.trip(exc)
            return fallback()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError("Key not found (the cache is unavailable).")

        return self._call(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._call(lambda: False, super().clear)
