"""The person registry as the back office needs it, behind three small hooks.

On this branch the only register of citizens is the user table (a citizen is
a user with a BSN, created at their first DigiD login or by seed_demo). The
registry branch adds `identity.registry.get_registry()` (BRP: local or Haal
Centraal); at merge the lead points `citizen_is_known` at it, e.g.
`get_registry().get_person(bsn, purpose=PURPOSE_OPEN_CASE, viewer=user) is not None`,
which also writes the lookup to the access log.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_noop

# Stored in Dutch in the access log, translated when shown (like the registry's purposes).
PURPOSE_OPEN_CASE = gettext_noop("Zaak registreren voor de inwoner")


def citizen_is_known(bsn: str, *, viewer) -> bool:
    """Whether the registry knows a person with this (elfproef-valid) BSN."""
    return get_user_model().objects.filter(bsn=bsn).exists()


def citizen_names(bsns: list[str]) -> dict[str, str]:
    """Display names by BSN, for people the portal knows (others: absent)."""
    users = get_user_model().objects.filter(bsn__in=bsns).only("bsn", "first_name", "last_name")
    return {u.bsn: u.get_full_name() for u in users if u.get_full_name()}


def bsns_matching_name(text: str, limit: int = 200) -> list[str]:
    """BSNs of known citizens whose name contains every word of `text`."""
    words = text.split()
    if not words:
        return []
    query = Q(bsn__isnull=False)
    for word in words:
        query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return list(get_user_model().objects.filter(query).values_list("bsn", flat=True)[:limit])
