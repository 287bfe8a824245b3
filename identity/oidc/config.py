"""The configured brokers (settings.OIDC_BROKERS, read from the OIDC_BROKERS
environment variable as JSON in portal/settings/oidc.py).

One entry per broker:
    {"id": "eherkenning", "means": "eherkenning",
     "server_url": "https://broker.example", "issuer": "https://broker.example",
     "client_id": "...", "client_secret": "...",
     "claims": {"actor_bsn": "...", "actor_pseudonym": "...", "representee_bsn": "...",
                "kvk": "...", "branch": "...", "services": "...", "level": "...",
                "name": "..."},
     "mandate_required": true}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MEANS = ("digid_machtigen", "eherkenning")
CLAIM_KEYS = (
    "actor_bsn",
    "actor_pseudonym",
    "representee_bsn",
    "kvk",
    "branch",
    "services",
    "level",
    "name",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class Broker:
    id: str
    means: str
    server_url: str
    issuer: str
    client_id: str
    client_secret: str
    claims: dict[str, str] = field(default_factory=dict)
    mandate_required: bool = False

    def claim(self, key: str) -> str:
        return self.claims.get(key, "")


def _broker(raw: dict) -> Broker:
    try:
        broker = Broker(
            id=raw["id"],
            means=raw["means"],
            server_url=raw["server_url"].rstrip("/"),
            issuer=raw.get("issuer") or raw["server_url"].rstrip("/"),
            client_id=raw["client_id"],
            client_secret=raw.get("client_secret", ""),
            claims={k: v for k, v in (raw.get("claims") or {}).items() if k in CLAIM_KEYS},
            mandate_required=bool(raw.get("mandate_required", False)),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImproperlyConfigured(f"OIDC_BROKERS: an entry lacks {exc}") from exc
    if not _ID.match(broker.id):
        raise ImproperlyConfigured(f"OIDC_BROKERS: id {broker.id!r} must be a short slug")
    if broker.means not in MEANS:
        raise ImproperlyConfigured(f"OIDC_BROKERS: means must be one of {MEANS}")
    return broker


def brokers() -> list[Broker]:
    return [_broker(raw) for raw in getattr(settings, "OIDC_BROKERS", [])]


def broker(broker_id: str) -> Broker | None:
    return next((b for b in brokers() if b.id == broker_id), None)
