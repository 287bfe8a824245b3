"""Demo data for the agency API: one API client for Gemeente Zoetermeer.

Its token is never stored in the repository or printed by seed_demo:
`manage.py create_api_client --demo` rotates it and prints the new one
(docs/api.md walks through the API with it).
"""

from __future__ import annotations

from agency_api.models import ApiClient
from cases.models import Agency

DEMO_AGENCY = "zoetermeer"
DEMO_CLIENT = "Demo-zaaksysteem"


def ensure_demo_client() -> ApiClient:
    agency = Agency.objects.get(slug=DEMO_AGENCY)
    client = ApiClient.objects.filter(agency=agency, name=DEMO_CLIENT).first()
    if client is None:
        # The token is thrown away: nobody knows it until --demo rotates it.
        client, _token = ApiClient.issue(agency=agency, name=DEMO_CLIENT)
    return client


def seed(out) -> None:
    client = ensure_demo_client()
    out.write(
        f"API client {client.name!r} ({client.agency.short_name}): get a token with "
        "`manage.py create_api_client --demo`."
    )
