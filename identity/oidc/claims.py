"""From a broker's validated ID-token claims to the broker result the acting
context reads (identity/acting.py, docs/decisions/0041), stored in the session
under BROKER_SESSION_KEY:

    {"broker": id, "means": "digid_machtigen" | "eherkenning",
     "actor_bsn": "", "actor_pseudonym": "", "representee_bsn": "", "kvk": "",
     "branch": "", "services": [...], "level": "basis" | "midden" | "substantieel" | "hoog",
     "name": ""}

Claim names differ per broker and come from its configuration (config.py).
"""

from __future__ import annotations

import re
from typing import Any

from identity.bsn import is_valid_bsn
from identity.loa import LevelOfAssurance

from .config import Broker

BROKER_SESSION_KEY = "acting_broker"

# eHerkenning levels (Afsprakenstelsel Elektronische Toegangsdiensten,
# "Betrouwbaarheidsniveaus") onto the portal's DigiD scale by their eIDAS level
# (Implementing Regulation (EU) 2015/1502): EH2+ is eIDAS low, as DigiD Midden is;
# EH3 is substantial and EH4 high. EH2 has no eIDAS level; like the brokers we
# treat it as Midden, the lowest level a mandate is given at.
EHERKENNING_LEVELS = {
    "eh2": LevelOfAssurance.MIDDEN,
    "eh2+": LevelOfAssurance.MIDDEN,
    "eh3": LevelOfAssurance.SUBSTANTIEEL,
    "eh4": LevelOfAssurance.HOOG,
    "urn:etoegang:core:assurance-class:loa2": LevelOfAssurance.MIDDEN,
    "urn:etoegang:core:assurance-class:loa2plus": LevelOfAssurance.MIDDEN,
    "urn:etoegang:core:assurance-class:loa3": LevelOfAssurance.SUBSTANTIEEL,
    "urn:etoegang:core:assurance-class:loa4": LevelOfAssurance.HOOG,
}
_KVK = re.compile(r"^\d{8}$")  # Handelsregisterwet 2007: an 8-digit KvK number
_BRANCH = re.compile(r"^\d{12}$")  # vestigingsnummer: 12 digits


class ClaimsRefused(Exception):
    """The broker's claims do not make a login; `reason` is a short code for the log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _text(claims: dict[str, Any], name: str) -> str:
    if not name:
        return ""
    value = claims.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if value is not None else ""


def _services(claims: dict[str, Any], name: str) -> list[str]:
    value = claims.get(name) if name else None
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[\s,]+", str(value))
    return [str(item).strip() for item in items if str(item).strip()]


def level_from_claim(means: str, raw: str) -> LevelOfAssurance | None:
    value = raw.strip().lower()
    if means == "eherkenning" and value in EHERKENNING_LEVELS:
        return EHERKENNING_LEVELS[value]
    if value.upper() in LevelOfAssurance.__members__:
        return LevelOfAssurance[value.upper()]
    if value.isdigit() and int(value) in {int(level) for level in LevelOfAssurance}:
        return LevelOfAssurance(int(value))
    return LevelOfAssurance.from_class_ref(raw.strip())


def broker_result(broker: Broker, claims: dict[str, Any]) -> dict[str, Any]:
    """The session's broker result, or ClaimsRefused when a required claim is
    missing or malformed (never a partial result)."""
    level = level_from_claim(broker.means, _text(claims, broker.claim("level")))
    if level is None:
        raise ClaimsRefused("level")
    result: dict[str, Any] = {
        "broker": broker.id,
        "means": broker.means,
        "actor_bsn": _text(claims, broker.claim("actor_bsn")),
        "actor_pseudonym": _text(claims, broker.claim("actor_pseudonym")),
        "representee_bsn": _text(claims, broker.claim("representee_bsn")),
        "kvk": _text(claims, broker.claim("kvk")),
        "branch": _text(claims, broker.claim("branch")),
        "services": _services(claims, broker.claim("services")),
        "level": level.name.lower(),
        "name": _text(claims, broker.claim("name")),
    }
    for key in ("actor_bsn", "representee_bsn"):
        if result[key] and not is_valid_bsn(result[key]):
            raise ClaimsRefused(f"{key}-invalid")
    if broker.means == "digid_machtigen":
        if not result["actor_bsn"]:
            raise ClaimsRefused("actor-missing")
        if not result["representee_bsn"]:
            raise ClaimsRefused("representee-missing")
    else:
        if not (result["actor_bsn"] or result["actor_pseudonym"]):
            raise ClaimsRefused("actor-missing")
        if not _KVK.match(result["kvk"]):
            raise ClaimsRefused("kvk-invalid")
        if result["branch"] and not _BRANCH.match(result["branch"]):
            raise ClaimsRefused("branch-invalid")
    if broker.mandate_required and not result["services"]:
        raise ClaimsRefused("mandate-missing")
    return result
