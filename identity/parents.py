"""Parents (and other holders of gezag) acting for minor children (issue 19).

A provider for identity.acting (decision 0041): the logged-in person's minor
children over whom the person registry says they hold gezag (authority) -
the local registry's LocalAuthority or Haal Centraal BRP Personen v2's "gezag"
(decision 0045). Being a parent is not enough: without gezag (ontheven,
never had it) there is no context.

Gezag ends by law when the child comes of age (BW 1:233 minderjarig is wie de
achttien jaar niet heeft bereikt; 1:245 gezag over minderjarigen), so a
context is valid until the day before the 18th birthday and disappears on
that birthday without anyone having to change the registry.

Cost: identity.acting runs providers only when the user opens the chooser or
acts for someone else, and then once per session window (CONTEXTS_FRESH_SECONDS,
decision 0050); this provider asks the registry once each time (through the
audited, per-request registry: one access-log entry for the actor, purpose
"acting_contexts"). The end of gezag is the context's valid_until, re-checked
on every page, so the 18th birthday needs no new lookup.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, timedelta

from .access_log import Purpose
from .acting import BROKER_SESSION_KEY, ActingContext, Basis, Subject
from .registry import RegistryUnavailable, registry_for_request

logger = logging.getLogger(__name__)

AGE_OF_MAJORITY = 18
# What the context's basis_ref says: the source, never an identifier.
BASIS_REF = "brp-gezag"


def coming_of_age(born: date) -> date:
    """The 18th birthday. Someone born on 29 February comes of age on 1 March
    in a year without one (the 28th is the last day of their 17th year)."""
    try:
        return born.replace(year=born.year + AGE_OF_MAJORITY)
    except ValueError:
        return date(born.year + AGE_OF_MAJORITY, 3, 1)


def authority_ends(born: date) -> date:
    """The last day of gezag: the day before the 18th birthday."""
    return coming_of_age(born) - timedelta(days=1)


def children_with_authority(request) -> Iterator[ActingContext]:
    user = request.user
    bsn = getattr(user, "bsn", None)
    if not (getattr(user, "is_authenticated", False) and bsn):
        return
    if request.session.get(BROKER_SESSION_KEY):
        # Logged in through a broker for someone else: that mandate only.
        return
    try:
        person = registry_for_request(request).get_person(
            bsn, purpose=Purpose.ACTING_CONTEXTS, viewer=user
        )
    except RegistryUnavailable:
        # The chooser then offers what the other providers have; a chosen
        # child falls back to "yourself" for this page (and says so).
        logger.warning("person registry unavailable; no children offered")
        return
    if person is None:
        return
    actor_name = person.full_name or user.get_full_name()
    for authority in person.authorities:
        minor = authority.minor
        if not minor.bsn or minor.date_of_birth is None:
            # Minority cannot be shown without a date of birth: no context.
            continue
        yield ActingContext(
            actor_bsn=bsn,
            subject=Subject(bsn=minor.bsn, name=minor.full_name),
            basis=Basis.PARENT if authority.as_parent else Basis.REPRESENTATIVE,
            actor_name=actor_name,
            basis_ref=BASIS_REF,
            valid_until=authority_ends(minor.date_of_birth),
        )
