"""OpenID Connect brokers (DigiD Machtigen, eHerkenning), imported at the end of
base.py. docs/oidc-brokers.md describes OIDC_BROKERS; docs/decisions/0042 why
allauth's generic provider is used and what identity/oidc adds to it."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

# A JSON list, one object per broker (identity/oidc/config.py); empty: no buttons.
try:
    OIDC_BROKERS = json.loads(env_str("OIDC_BROKERS", "") or "[]")
except json.JSONDecodeError as exc:
    raise ImproperlyConfigured("OIDC_BROKERS must be a JSON list of brokers.") from exc

# Hosts a development broker may run on over plain http (dev settings, tests).
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def insecure_broker_urls(brokers: list, *, debug: bool) -> list[str]:
    """Problems with brokers reached over plain http. The broker's discovery
    document, token endpoint and issuer carry the ID token that opens someone
    else's data: OpenID Connect Core 1.0 §16.17 requires TLS, and the issuer must
    be an https URL (§2, "iss"). Only a broker on this machine, with DEBUG on,
    may use http (the development broker, tools/oidc-broker/)."""
    problems = []
    for index, raw in enumerate(brokers if isinstance(brokers, list) else []):
        if not isinstance(raw, dict):
            continue
        name = raw.get("id") or f"#{index + 1}"
        for key in ("server_url", "issuer"):
            url = str(raw.get(key) or "")
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme == "https":
                continue
            if parts.scheme == "http" and debug and parts.hostname in _LOCAL_HOSTS:
                continue
            problems.append(
                f"OIDC_BROKERS: broker {name}'s {key} must be an https:// URL "
                "(http only for localhost while DEBUG is on)."
            )
    return problems


SOCIALACCOUNT_ADAPTER = "identity.oidc.adapter.BrokerSocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    # allauth's generic provider, with the nonce and strict ID-token checks added.
    "openid_connect": {"provider_class": "identity.oidc.provider.BrokerProvider"},
}
# Brokers only; no e-mail address is asked or stored.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False


def development_brokers(server_url: str) -> list[dict]:
    """Both brokers on the development broker (tools/oidc-broker/), with its claim
    names; `make run` (dev settings) and the tests use them."""
    return [
        {
            "id": "digid-machtigen",
            "means": "digid_machtigen",
            "server_url": server_url,
            "client_id": "open-loket-machtigen",
            "client_secret": "dev-secret-open-loket-machtigen",
            "claims": {
                "actor_bsn": "gemachtigde.bsn",
                "representee_bsn": "aanvrager.bsn",
                "services": "service_id",
                "level": "authsp_level",
                "name": "aanvrager.naam",
            },
            "mandate_required": True,
        },
        {
            "id": "eherkenning",
            "means": "eherkenning",
            "server_url": server_url,
            "client_id": "open-loket-eherkenning",
            "client_secret": "dev-secret-open-loket-eherkenning",
            "claims": {
                "actor_pseudonym": "urn:etoegang:core:ActingSubjectID",
                "kvk": "urn:etoegang:core:LegalSubjectID",
                "branch": "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr",
                "services": "urn:etoegang:core:ServiceID",
                "level": "urn:etoegang:core:LevelOfAssurance",
                "name": "urn:etoegang:core:LegalSubjectName",
            },
            "mandate_required": False,
        },
    ]
