"""The register of mandate services (decision 0050): what the development
broker's demo mandates open (tools/oidc-broker/accounts.js).

- Bakkerij De Vries B.V.'s eHerkenning mandate names Zoetermeer's terrace
  permit service by its eHerkenning dienstcatalogus id (urn:etoegang:DV:<the
  municipality's OIN>:services:<n>): it opens the terrace permit case type.
- Suzanne's DigiD Machtigen mandate for Fatima names the service "aanvragen
  bijzondere bijstand": the bijzondere bijstand case type and product.

Both need substantieel (eHerkenning EH3, DigiD substantieel): a mandate given
at midden opens neither. Idempotent: update-or-create by the service id.
"""

from __future__ import annotations

from cases.models import Agency, CaseType
from identity.loa import LevelOfAssurance
from pages.models import ProductPage
from representation.models import MandateService

TERRACE_PERMIT_SERVICE = "urn:etoegang:DV:00000001001918000000:services:1"
SPECIAL_ASSISTANCE_SERVICE = "zoetermeer-bijzondere-bijstand-aanvragen"

SERVICES = [
    {
        "service_id": TERRACE_PERMIT_SERVICE,
        "name": "Terrasvergunning aanvragen en volgen",
        "case_types": ["terrasvergunning"],
        "products": [],
    },
    {
        "service_id": SPECIAL_ASSISTANCE_SERVICE,
        "name": "Bijzondere bijstand aanvragen",
        "case_types": ["bijzondere-bijstand"],
        "products": ["bijzondere-bijstand"],
    },
]


def seed(out) -> None:
    zoetermeer = Agency.objects.get(slug="zoetermeer")
    for entry in SERVICES:
        service, _ = MandateService.objects.update_or_create(
            service_id=entry["service_id"],
            defaults={
                "agency": zoetermeer,
                "name": entry["name"],
                "minimum_level": LevelOfAssurance.SUBSTANTIEEL.value,
            },
        )
        service.case_types.set(
            CaseType.objects.filter(agency=zoetermeer, code__in=entry["case_types"])
        )
        service.products.set(
            ProductPage.objects.filter(agency=zoetermeer, slug__in=entry["products"])
        )
    out.write(f"Demo mandate services: {len(SERVICES)} at {zoetermeer.name}")
