"""Health endpoints for load balancers and orchestrators.

/healthz answers as long as the process serves requests; /readyz checks every
dependency a request may need and answers 503 with what is down.

The cache is optional (portal/cache.py: with Redis down the portal serves
uncached), so a cache that is down makes /readyz say "degraded" with 200, not
503: a load balancer must not take every app server out of rotation because
Redis stopped; that would turn a slower portal into no portal.

The virus scanner (documents/scanning.py) is reported the same way: when clamd
does not answer PING, uploads are refused ("try again later", fail closed) but
everything else works, so it is "down" and the portal "degraded". A deployment
without a scanner (VIRUS_SCAN_REQUIRED=false, uploads scanned elsewhere) shows
"off" and stays "ok".
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.http import JsonResponse
from django.tasks import default_task_backend
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from portal.storage import private_storage

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def _check_storage() -> None:
    storage = private_storage()
    name = storage.save(f"readyz/{uuid.uuid4().hex}", ContentFile(b"ok"))
    try:
        with storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage did not return the bytes just written")
    finally:
        storage.delete(name)


def _check_tasks() -> None:
    backend = default_task_backend
    if isinstance(backend, DatabaseBackend):
        DBTaskResult.objects.exists()
    elif hasattr(backend, "get_client"):  # Redis: ping the broker
        backend.get_client().ping()


class NotConfigured(Exception):
    """The dependency is switched off by configuration (reported as "off")."""


# Dependencies the portal can serve without (reported, but still ready).
OPTIONAL = {"cache"}

CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "storage": _check_storage,
    "tasks": _check_tasks,
}


# Checks whose names are only known at request time (one per configured agency
# case system, zgw/apps.py): a provider returns {name: check}; all are optional.
CHECK_PROVIDERS: list[Callable[[], dict[str, Callable[[], None]]]] = []


def register_check_provider(provider: Callable[[], dict[str, Callable[[], None]]]) -> None:
    """Add checks that depend on configuration in the database ("degraded" when down)."""
    CHECK_PROVIDERS.append(provider)


def register_check(name: str, check: Callable[[], None], *, optional: bool = False) -> None:
    """Add an app's dependency to /readyz (from its AppConfig.ready, so portal/
    imports no app). A check raises to say "down", NotConfigured to say "off"."""
    CHECKS[name] = check
    if optional:
        OPTIONAL.add(name)


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    results: dict[str, str] = {}
    checks = dict(CHECKS)
    optional = set(OPTIONAL)
    for provider in CHECK_PROVIDERS:
        try:
            provided = provider()
        except Exception as exc:  # e.g. the database is down: its own check says so
            logger.warning("readyz: check provider failed: %s", exc.__class__.__name__)
            continue
        checks.update(provided)
        optional.update(provided)
    for name, check in checks.items():
        try:
            check()
        except NotConfigured:
            results[name] = "off"
            continue
        except Exception as exc:  # any failure means "not ready"; say which
            logger.warning("readyz: %s is down: %s", name, exc.__class__.__name__)
            results[name] = "down"
        else:
            results[name] = "ok"
    down = {name for name, value in results.items() if value == "down"}
    if down - optional:
        status = "unavailable"
    elif down:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": results},
        status=503 if status == "unavailable" else 200,
    )
