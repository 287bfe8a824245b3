"""A small fixed-window rate limit in the cache (Redis when configured, so it holds
across app servers). Keys are the user's id or a hash of the client address -
never a BSN (house rule: no BSN in cache keys)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def allow(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False when this key already had `limit` hits in the window."""
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count <= limit


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:32]
