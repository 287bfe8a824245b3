"""The demo company in the local business registry, for tests in any app.

business = make_demo_business()  # Bakkerij De Vries B.V., KvK 68750110
"""

from __future__ import annotations

from identity.business_registry.models import LocalBranch, LocalBusiness

KVK = "68750110"
MAIN_BRANCH = "000038509504"
RSIN = "857587973"


def make_demo_business(**overrides) -> LocalBusiness:
    fields = {
        "kvk": KVK,
        "name": "Bakkerij De Vries B.V.",
        "legal_form": "Besloten Vennootschap",
        "rsin": RSIN,
    } | overrides
    business = LocalBusiness.objects.create(**fields)
    LocalBranch.objects.create(
        business=business,
        number=MAIN_BRANCH if business.kvk == KVK else business.kvk + "0000",
        name=business.name.removesuffix(" B.V."),
        is_main=True,
        street="Dorpsstraat",
        house_number=40,
        postcode="2712AL",
        city="Zoetermeer",
    )
    return business
