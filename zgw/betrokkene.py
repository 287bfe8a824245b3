"""Which ZGW betrokkene an acting context reads, and which of its zaken the
mandate's scope covers (issue 19: businesses and mandates on remote zaken).

A person is read by BSN. A business by the RSIN the Handelsregister gives its
KvK number (Zaken API 1.5.1 cannot search a non-natural person by KvK number),
or, when the mandate is limited to one branch, by that vestigingsnummer. An
eenmanszaak has no RSIN (only a rechtspersoon has one), so without a branch it
has no remote zaken to find: the overview shows none rather than guessing.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from identity.access_log import Purpose
from identity.acting import ActingContext
from identity.business_registry import get_business_registry

from .reading import Betrokkene, Zaak

# A KvK number's RSIN never changes; the lookup is audited once per day per
# business instead of on every overview (the business's access log says so).
RSIN_SECONDS = 24 * 3600


def rsin_of(kvk: str) -> str:
    """The RSIN of a KvK registration, or "" (an eenmanszaak, or unknown).
    Raises RegistryUnavailable when the Handelsregister cannot answer."""
    key = "zgw:rsin:" + hashlib.sha256(kvk.encode()).hexdigest()[:32]
    found = cache.get(key)
    if found is None:
        business = get_business_registry().get_business(kvk, purpose=Purpose.OWN_VIEW, viewer=None)
        found = business.rsin if business else ""
        cache.set(key, found, RSIN_SECONDS)
    return found


def betrokkene_for(context: ActingContext) -> Betrokkene | None:
    """The betrokkene whose zaken this context may see, or None when there is none."""
    subject = context.subject
    if subject.bsn:
        return Betrokkene.person(subject.bsn)
    if subject.branch:
        return Betrokkene.branch(subject.branch)
    if subject.kvk:
        rsin = rsin_of(subject.kvk)
        return Betrokkene.legal_person(rsin) if rsin else None
    return None


def in_scope(context: ActingContext, zaak: Zaak) -> bool:
    """A mandate limited to case types or services sees the zaken whose
    zaaktype identificatie it names, as local cases are matched by case-type
    code (cases/viewer.py); a zaak without a zaaktype identificatie: none."""
    code = zaak.zaaktype_code
    if context.case_types and code not in context.case_types:
        return False
    return not (context.services and code not in context.services)
