"""The person registry as the back office needs it, behind three small hooks.

Opening a case is confirmed against the person registry (BRP: local or Haal
Centraal), and that lookup is written to the citizen's access log. Names for
lists and search come from the portal's own users: looking every listed person
up in the BRP would be a disclosure the caseworker did not ask for.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from identity.access_log import Purpose
from identity.registry import get_registry

# Stored in Dutch in the access log, translated when shown (like the registry's purposes).


def citizen_is_known(bsn: str, *, viewer) -> bool:
    """Whether the registry knows a person with this (elfproef-valid) BSN.

    Raises identity.registry.RegistryUnavailable when the registry cannot answer."""
    return (
        get_registry().get_person(bsn, purpose=Purpose.CASE_REGISTRATION, viewer=viewer) is not None
    )


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
