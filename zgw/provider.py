"""The `zgw` remote case source (cases/sources.py): every ZGW agency at once.

All sources are asked concurrently, so the overview costs about the slowest
source's answer, not the sum; a source that has not answered within
ZGW_PAGE_TIMEOUT is reported as unavailable and the page goes on. Answers are
cached per citizen for ZGW_CACHE_SECONDS; a notification from the source bumps
the source's generation, which makes every cached answer of it stale
(zgw/callbacks.py). The last good answer is kept for a day, to be shown with
"Laatst bijgewerkt om …" while the source is down.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cases.sources import RemoteCase, RemoteStatus, RemoteStatusType, SourceResult
from identity.acting import ActingContext
from identity.business_registry import RegistryUnavailable

from .betrokkene import betrokkene_for, in_scope, zaaktype_codes_in_scope
from .client import SourceUnavailable, ZgwClient, setting
from .models import CaseSystem, SourceKind, StatusTypeText
from .reading import Betrokkene, Zaak, ZaakStatus, zaken_for

logger = logging.getLogger(__name__)

STALE_SECONDS = 24 * 3600
# Threads outlive a hanging source's page (they end at their read timeout);
# a shared pool bounds how many there can be.
_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="zgw")


@dataclass
class CachedAnswer:
    fetched_at: datetime
    generation: int
    zaken: list[Zaak]


# Most installations have no ZGW source, and every overview asked the database
# so (issue 21's speed goal). After an empty answer this process does not ask
# again for NO_SYSTEMS_RECHECK seconds; a save or delete of a case system or an
# agency in this process asks at once (zgw/apps.py connects `forget_no_systems`).
# Another worker process sees a newly configured source within that time.
NO_SYSTEMS_RECHECK = 60.0
_no_systems_until = 0.0


def zgw_systems() -> list[CaseSystem]:
    global _no_systems_until
    if time.monotonic() < _no_systems_until:
        return []
    systems = list(
        CaseSystem.objects.filter(kind=SourceKind.ZGW, agency__is_active=True)
        .select_related("agency")
        .order_by("agency__name")
    )
    if not systems:
        _no_systems_until = time.monotonic() + NO_SYSTEMS_RECHECK
    return systems


def forget_no_systems(**kwargs) -> None:
    """Signal receiver: a case system or agency changed, so ask the database again."""
    global _no_systems_until
    _no_systems_until = 0.0


def generation(system: CaseSystem) -> int:
    return cache.get(f"zgw:generation:{system.pk}", 0)


def bump_generation(system: CaseSystem) -> None:
    key = f"zgw:generation:{system.pk}"
    cache.add(key, 0, None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, None)


def _cache_key(system: CaseSystem, betrokkene: Betrokkene) -> str:
    return f"zgw:cases:{system.pk}:{betrokkene.key}"


def _fetch(system: CaseSystem, betrokkene: Betrokkene) -> list[Zaak]:
    return zaken_for(ZgwClient(system), betrokkene=betrokkene)


def status_texts(system: CaseSystem) -> dict[str, StatusTypeText]:
    return {text.statustype_url: text for text in system.status_texts.all()}


def status_type(status: ZaakStatus, texts: dict[str, StatusTypeText]) -> RemoteStatusType:
    """Our back office's citizen text for the statustype; else the ZGW omschrijving."""
    text = texts.get(status.statustype_url)
    if text is None:
        return RemoteStatusType(citizen_text=status.omschrijving)
    return RemoteStatusType(
        citizen_text=text.citizen_text,
        citizen_text_en=text.citizen_text_en,
        citizen_description=text.citizen_description,
        citizen_description_en=text.citizen_description_en,
    )


def remote_case(system: CaseSystem, zaak: Zaak, texts: dict[str, StatusTypeText]) -> RemoteCase:
    status = zaak.status
    return RemoteCase(
        agency=system.agency,
        reference=zaak.identificatie,
        title=zaak.title,
        url=reverse("zgw:detail", kwargs={"agency": system.agency.slug, "zaak": zaak.uuid}),
        received_on=zaak.startdatum,
        planned_end_on=zaak.einddatum_gepland,
        closed_on=zaak.einddatum,
        last_changed_at=(status.set_at if status and status.set_at else None)
        or timezone.make_aware(datetime.combine(zaak.startdatum, datetime.min.time())),
        current_status=RemoteStatus(status_type=status_type(status, texts), set_at=status.set_at)
        if status
        else None,
        result_text=zaak.result,
    )


def citizen_cases(context: ActingContext) -> list[SourceResult]:
    """The provider registered in cases.sources (zgw/apps.py): the zaken with a
    Rol for the acting context's subject (a person by BSN, a business by RSIN
    or branch: zgw/betrokkene.py), at the agencies its mandate covers, of the
    zaaktypen its scope names."""
    systems = [system for system in zgw_systems() if context.allows(agency=system.agency.slug)]
    if not systems:
        return []
    try:
        betrokkene = betrokkene_for(context)
    except RegistryUnavailable:
        # The Handelsregister did not answer, so we cannot ask the sources:
        # say the sources are unavailable rather than that there are no zaken.
        return [SourceResult(agency=system.agency, available=False) for system in systems]
    if betrokkene is None:
        return []
    answers: dict[int, CachedAnswer | None] = {}
    pending = {}
    generations = {system.pk: generation(system) for system in systems}
    for system in systems:
        cached: CachedAnswer | None = cache.get(_cache_key(system, betrokkene))
        fresh_for = float(setting("ZGW_CACHE_SECONDS", 60))
        if (
            cached is not None
            and cached.generation == generations[system.pk]
            and (timezone.now() - cached.fetched_at).total_seconds() < fresh_for
        ):
            answers[system.pk] = cached
        else:
            answers[system.pk] = cached  # the stale copy, if the source fails
            pending[_POOL.submit(_fetch, system, betrokkene)] = system
    failed: set[int] = set()
    if pending:
        done, not_done = wait(pending, timeout=float(setting("ZGW_PAGE_TIMEOUT", 6.0)))
        for future in not_done:
            future.cancel()
            failed.add(pending[future].pk)
            logger.warning("ZGW source %s did not answer in time", pending[future].agency.slug)
        for future in done:
            system = pending[future]
            try:
                zaken = future.result()
            except SourceUnavailable as exc:
                logger.warning("ZGW source %s unavailable: %s", system.agency.slug, exc)
                failed.add(system.pk)
                continue
            except Exception as exc:  # a malformed answer: the source is unusable, the page is not
                logger.warning(
                    "ZGW source %s answered unusably: %s", system.agency.slug, type(exc).__name__
                )
                failed.add(system.pk)
                continue
            # The generation from before the fetch: a notification that came in
            # meanwhile leaves this answer stale, as it should.
            fresh = CachedAnswer(timezone.now(), generations[system.pk], zaken)
            cache.set(_cache_key(system, betrokkene), fresh, STALE_SECONDS)
            answers[system.pk] = fresh
    results = []
    for system in systems:
        allowed = zaaktype_codes_in_scope(context, system.agency)
        answer = answers.get(system.pk)
        texts = status_texts(system)
        cases = [
            remote_case(system, zaak, texts)
            for zaak in (answer.zaken if answer else [])
            if in_scope(allowed, zaak)
        ]
        results.append(
            SourceResult(
                agency=system.agency,
                cases=cases,
                available=system.pk not in failed,
                updated_at=timezone.localtime(answer.fetched_at) if answer else None,
            )
        )
    return results


def readiness_checks() -> dict:
    """/readyz: one check per ZGW source, "zgw:<agency>", each an authenticated
    read of its Zaken API (portal.health.register_check_provider)."""
    return {f"zgw:{system.agency.slug}": partial(check_source, system) for system in zgw_systems()}


def check_source(system: CaseSystem) -> None:
    ZgwClient(system).get(
        f"{system.zaken_url.rstrip('/')}/zaken", params={"bronorganisatie": system.rsin}
    )
