"""The Redis cache is optional: with Redis unreachable it is an empty cache."""

import logging
import socket
import time

import pytest
from redis.exceptions import ResponseError

from portal import cache as tolerant


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    monkeypatch.setattr(tolerant, "_breakers", {})


@pytest.fixture
def closed_port():
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cache(port):
    return tolerant.TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_every_operation_is_a_miss_or_a_no_op_when_redis_is_down(closed_port):
    cache = _cache(closed_port)
    assert cache.get("page:home") is None
    assert cache.get("page:home", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.set("a", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.add("lock", True) is True
    assert cache.delete("a") is False
    cache.delete_many(["a", "b"])
    assert cache.touch("a") is False
    assert cache.clear() is False
    assert cache.get_or_set("computed", lambda: 42) == 42


def test_incr_says_the_key_is_missing_so_rate_limits_start_over(closed_port):
    cache = _cache(closed_port)
    with pytest.raises(ValueError):
        cache.incr("ratelimit:upload:x")


def test_documents_rate_limit_keeps_working_without_redis(closed_port, monkeypatch):
    from documents import ratelimit

    monkeypatch.setattr(ratelimit, "cache", _cache(closed_port))
    assert ratelimit.allow(scope="upload", key="k", limit=1, window_seconds=60) is True


def test_failures_are_fast_and_the_breaker_stops_retrying(closed_port, monkeypatch):
    cache = _cache(closed_port)
    calls = []
    original = tolerant.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(tolerant.RedisCache, "get", counting_get)
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("k") is None
    assert time.monotonic() - started < 1.0
    # One real attempt; the other 49 were answered by the open breaker.
    assert len(calls) == 1


def test_redis_is_tried_again_after_the_breaker_interval(closed_port, monkeypatch):
    cache = _cache(closed_port)
    cache.get("k")
    breaker = tolerant._breaker_for(f"redis://127.0.0.1:{closed_port}/0")
    assert breaker.is_open()
    monkeypatch.setattr(breaker, "open_until", time.monotonic() - 1)
    assert not breaker.is_open()


def test_logs_once_per_interval_without_keys(closed_port, caplog):
    cache = _cache(closed_port)
    breaker = tolerant._breaker_for(f"redis://127.0.0.1:{closed_port}/0")
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for _ in range(3):
            breaker.open_until = 0  # force a real attempt each time
            cache.get("secret-key-999993653")
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.cache"]
    assert len(messages) == 1
    assert "ConnectionError" in messages[0]
    assert "999993653" not in messages[0] and "secret-key" not in messages[0]


def test_other_redis_errors_still_fail_loudly(closed_port, monkeypatch):
    cache = _cache(closed_port)

    def broken(self, *args, **kwargs):
        raise ResponseError("WRONGTYPE")

    monkeypatch.setattr(tolerant.RedisCache, "get", broken)
    with pytest.raises(ResponseError):
        cache.get("k")


def test_settings_use_the_tolerant_backend_with_short_timeouts(monkeypatch):
    import importlib

    from portal.settings import base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    try:
        reloaded = importlib.reload(base)
        default = reloaded.CACHES["default"]
        assert default["BACKEND"] == "portal.cache.TolerantRedisCache"
        assert default["OPTIONS"]["socket_timeout"] <= 0.5
        assert default["OPTIONS"]["socket_connect_timeout"] <= 0.5
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)
