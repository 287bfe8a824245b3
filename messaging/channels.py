"""The channel register, read side: which kinds an agency accepts digitally
(Awb 2:13/2:14), and whether its channel is down now.

The case page asks this for every citizen, and the answer is the same for all of
them: an agency's rules and its (and the portal's) outages change only when the
back office saves or deletes one. So both are kept per agency in Django's cache
(Redis in production: every process sees the same entries), under one register
version that any save or delete moves on, as the page cache does (decision 0015;
this one: decision 0051). An entry holds every outage that had not ended when it
was read, with its time window; whether one is current is decided per request,
so an outage that starts or ends by the clock needs no invalidation.

Without a shared cache (no REDIS_URL) another process's change would not reach
this one, so the register is then read from the database on every call
(CHANNEL_REGISTER_CACHE, portal/settings/base.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from cases.models import Agency, CaseType
from identity.loa import LevelOfAssurance
from portal import cache_versions

from .kinds import CITIZEN_FORMAL_KINDS, MessageKind
from .models import ChannelOutage, ChannelRule

logger = logging.getLogger(__name__)

VERSION_KEY = "messaging:channel-register:version"
# A safety net only (a change made with raw SQL): saves and deletes invalidate at once.
ENTRY_SECONDS = 300


def channel_rule(agency: Agency, kind: str) -> ChannelRule:
    """The agency's rule for `kind`; without one a formal message is accepted
    at DigiD Midden (the Wmebv makes the digital channel the default), and a
    bezwaar or klacht cannot open a case (it has no case type yet). Read from the
    database: the services decide with it at the moment of sending."""
    rule = ChannelRule.objects.filter(agency=agency, kind=kind).select_related("case_type").first()
    if rule is not None:
        return rule
    return _default_rule(agency, kind)


def _default_rule(agency: Agency, kind: str) -> ChannelRule:
    return ChannelRule(
        agency=agency,
        kind=kind,
        accepted_digitally=kind in (*CITIZEN_FORMAL_KINDS, MessageKind.VRAAG),
        minimum_level=LevelOfAssurance.MIDDEN,
    )


def channel_rules(agency: Agency, kinds: tuple[str, ...]) -> dict[str, ChannelRule]:
    """`channel_rule` for several kinds, from the register cache (the case page's buttons)."""
    found = _register(agency).rules
    return {kind: found.get(kind) or _default_rule(agency, kind) for kind in kinds}


def current_outages(agency: Agency | None = None) -> list[ChannelOutage]:
    """The outages of `agency` and of the whole portal that are going on now."""
    now = timezone.now()
    return [
        outage
        for outage in _register(agency).outages
        if outage.starts_at <= now and (outage.ends_at is None or outage.ends_at > now)
    ]


@dataclass(frozen=True)
class _Register:
    version: int | None
    rules: dict[str, ChannelRule]
    # Not ended when read (ordered by start, latest first, as ChannelOutage.Meta).
    outages: tuple[ChannelOutage, ...]


def _read(agency: Agency | None, version: int | None) -> _Register:
    rules = {}
    if agency is not None:
        rules = {
            rule.kind: rule
            for rule in ChannelRule.objects.filter(agency=agency).select_related("case_type")
        }
    scope = Q(agency__isnull=True)
    if agency is not None:
        scope |= Q(agency=agency)
    outages = ChannelOutage.objects.filter(scope).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
    )
    return _Register(version=version, rules=rules, outages=tuple(outages.select_related("agency")))


def _register(agency: Agency | None) -> _Register:
    if not settings.CHANNEL_REGISTER_CACHE:
        return _read(agency, None)
    key = f"messaging:channel-register:{agency.pk if agency is not None else 'portal'}"
    found = cache.get_many([VERSION_KEY, key])  # one round trip
    version = cache_versions.read(VERSION_KEY, found)
    if version is None:  # the cache is down
        return _read(agency, None)
    entry = found.get(key)
    if isinstance(entry, _Register) and entry.version == version:
        return entry
    entry = _read(agency, version)
    cache.set(key, entry, ENTRY_SECONDS)
    return entry


def register_changed() -> None:
    """Invalidate every agency's cached register: now (this process, this
    transaction) and again at commit, so a process that read the old rows between
    the two cannot keep them under the new version."""
    if not settings.CHANNEL_REGISTER_CACHE:
        return
    cache_versions.move_on(VERSION_KEY)


# The cached entries hold rules (with their case type) and outages (with their agency).
@receiver(post_save, sender=ChannelRule)
@receiver(post_delete, sender=ChannelRule)
@receiver(post_save, sender=ChannelOutage)
@receiver(post_delete, sender=ChannelOutage)
@receiver(post_save, sender=CaseType)
@receiver(post_save, sender=Agency)
def _register_row_changed(sender, **kwargs) -> None:
    register_changed()
