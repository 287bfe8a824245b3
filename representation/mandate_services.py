"""What a DigiD Machtigen / eHerkenning mandate's services open (decision 0050).

The resolver identity.acting asks (`register_service_resolver`, set in
apps.py): the broker's service ids and the mandate's level of assurance in,
the case types and products of the services that are in the register and
need no higher level out. One query, whatever the number of services.
"""

from __future__ import annotations

from identity.acting import ServiceScope
from identity.loa import LevelOfAssurance

from .models import MandateService


def mandate_scope(services: frozenset[str], level: LevelOfAssurance | None) -> ServiceScope:
    if not services or level is None:
        return ServiceScope()
    rows = (
        MandateService.objects.filter(
            service_id__in=sorted(services), minimum_level__lte=int(level)
        )
        .values_list("name", "case_types__pk", "products__translation_key")
        .order_by("name")
    )
    names: dict[str, None] = {}
    case_types: set[int] = set()
    products: set[str] = set()
    for name, case_type, product in rows:
        names[name] = None
        if case_type is not None:
            case_types.add(case_type)
        if product is not None:
            products.add(str(product))
    return ServiceScope(
        case_types=frozenset(case_types), products=frozenset(products), names=tuple(names)
    )
