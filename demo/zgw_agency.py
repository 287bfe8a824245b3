"""Demo chapter: an agency whose cases live in its own case system, read live
through the ZGW APIs from the test server that `make run` starts
(`manage.py run_zgw_test_server`, zgw/testing). Seeded only when
DEMO_ZGW_URL is set (scripts/run.sh sets it), so the demo without that
server does not show a source that is never there.
"""

from __future__ import annotations

import os

from cases.models import Agency
from zgw.models import CaseSystem, SourceKind, StatusTypeText

AGENCY = {
    "slug": "hdsr",
    "name": "Hoogheemraadschap De Stichtse Rijnlanden",
    "short_name": "HDSR",
    "reference_prefix": "HDSR",
    "rsin": "002220647",  # the test server's (zgw.testing.server.FakeZgw)
    "phone": "030 634 57 00",
    "email": "",
    "website": "https://www.hdsr.nl",
}


def seed(out) -> None:
    base = os.environ.get("DEMO_ZGW_URL", "").rstrip("/")
    if not base:
        return
    # The test server's fixtures; imported here, as zgw.testing needs the dev dependencies.
    from zgw.testing.server import FakeZgw

    agency, _ = Agency.objects.update_or_create(slug=AGENCY["slug"], defaults=AGENCY)
    fake = FakeZgw(base_url=base)
    system, _ = CaseSystem.objects.update_or_create(
        agency=agency,
        defaults={
            "kind": SourceKind.ZGW,
            "zaken_url": f"{base}/zaken/api/v1",
            "catalogi_url": f"{base}/catalogi/api/v1",
            "documenten_url": f"{base}/documenten/api/v1",
            "besluiten_url": f"{base}/besluiten/api/v1",
            "client_id": fake.client_id,
            "secret": fake.secret,
            "rsin": fake.rsin,
        },
    )
    # The story's second statustype ("In behandeling bij team vergunningen")
    # gets a citizen text in our back office; the others show their omschrijving.
    assessing = fake.url("catalogi", "statustypen", _statustype_uuid(fake, 1))
    StatusTypeText.objects.update_or_create(
        case_system=system,
        statustype_url=assessing,
        defaults={
            "citizen_text": "We beoordelen uw aanvraag",
            "citizen_text_en": "We are assessing your application",
        },
    )
    out.write(f"ZGW agency {agency.name} reads from {base}")


def _statustype_uuid(fake, index: int) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{fake.rsin}/statustypen/{index}"))
