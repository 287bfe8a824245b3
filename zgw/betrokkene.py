"""Which ZGW betrokkene an acting context reads, and which of its zaken the
mandate's scope covers (issue 19: businesses and mandates on remote zaken).

A person is read by BSN. A business by the RSIN the Handelsregister gives its
KvK number (Zaken API 1.5.1 cannot search a non-natural person by KvK number),
or, when the mandate is limited to one branch, by that vestigingsnummer. An
eenmanszaak has no RSIN (only a rechtspersoon has one), so without a branch it
has no remote zaken to find: the overview shows none rather than guessing.
"""

from __future__ import annotations

from django.core.cache import cache

from cases.models import CaseType
from identity.access_log import Purpose, data_subject_id
from identity.acting import ActingContext
from identity.business_registry import get_business_registry

from .reading import Betrokkene, Zaak

# A KvK number's RSIN never changes; the lookup is audited once per day per
# business instead of on every overview (the business's access log says so).
RSIN_SECONDS = 24 * 3600


def rsin_of(kvk: str) -> str:
    """The RSIN of a KvK registration, or "" (an eenmanszaak, or unknown).
    Raises RegistryUnavailable when the Handelsregister cannot answer."""
    # Keyed (the access log's HMAC): an eenmanszaak's KvK number names a person.
    key = "zgw:rsin:" + data_subject_id(f"kvk:{kvk}")[:32]
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


def zaaktype_codes_in_scope(context: ActingContext, agency) -> frozenset[str] | None:
    """The zaaktype identificaties a scoped mandate covers, or None when it is
    not limited. Remote zaken are matched as local cases are (cases/viewer.py):
    by case-type code, and for a mandate's services by the codes of the case
    types at this agency the mandate service register lets them open (decision 0050)."""
    allowed: frozenset[str] | None = None
    if context.case_types:
        allowed = frozenset(context.case_types)
    if context.services:
        opened = frozenset(
            CaseType.objects.filter(
                pk__in=sorted(context.service_case_types), agency=agency
            ).values_list("code", flat=True)
        )
        allowed = opened if allowed is None else allowed & opened
    return allowed


def in_scope(allowed: frozenset[str] | None, zaak: Zaak) -> bool:
    """Whether a zaak's zaaktype is within `zaaktype_codes_in_scope`; a zaak
    without a zaaktype identificatie is never within a limited scope."""
    return allowed is None or (bool(zaak.zaaktype_code) and zaak.zaaktype_code in allowed)
