"""Reading a citizen's zaken from one agency's ZGW APIs.

Never trust the source to filter (issue 20; Open Zaak 1.29.0 fixed a search
that returned zaken outside the client's authorisations, CVE-2026-54657):
every zaak a list returns is checked here before anything of it is used — the
citizen's BSN must be in one of the zaak's own Rollen (read per zaak, not
filtered by the source), the zaak must be this agency's (bronorganisatie = its
RSIN) and no more confidential than the agency allows. A zaak of someone else
is a security event; nothing of it is shown.
"""

from __future__ import annotations

import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from cases.models import Confidentiality

from .client import SourceUnavailable, ZgwClient
from .models import CaseSystem

security_log = logging.getLogger("security.zgw")

CATALOGUE_SECONDS = 3600
PER_ZAAK_WORKERS = 4


@dataclass
class ZaakStatus:
    statustype_url: str
    omschrijving: str  # the statustype's omschrijving: the fallback text
    set_at: datetime | None
    explanation: str = ""


@dataclass
class ZaakDocument:
    uuid: str
    title: str
    filename: str
    content_type: str
    size: int | None
    created_on: date | None
    download_url: str


@dataclass
class ZaakDecision:
    identificatie: str
    datum: date | None
    toelichting: str
    ingangsdatum: date | None


@dataclass
class Zaak:
    """What the portal shows of one zaak, already checked against the citizen."""

    url: str
    uuid: str
    identificatie: str
    title: str
    zaaktype_title: str
    startdatum: date
    einddatum_gepland: date | None
    einddatum: date | None
    status: ZaakStatus | None
    statuses: list[ZaakStatus] = field(default_factory=list)
    result: str = ""
    documents: list[ZaakDocument] = field(default_factory=list)
    decisions: list[ZaakDecision] = field(default_factory=list)


def bsn_key(bsn: str) -> str:
    """Cache keys name the citizen by a hash, never the BSN itself."""
    return hashlib.sha256(f"zgw:{bsn}".encode()).hexdigest()[:32]


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _date(value: Any) -> date | None:
    return parse_date(value) if isinstance(value, str) and value else None


def _datetime(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) and value else None


def _catalogue(client: ZgwClient, url: str) -> dict:
    """Catalogue objects (zaaktypen, statustypen, resultaattypen) change rarely:
    cached for an hour, shared by all citizens."""
    key = "zgw:catalogue:" + hashlib.sha256(url.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = client.get(url)
        cache.set(key, found, CATALOGUE_SECONDS)
    return found


def has_role(client: ZgwClient, *, zaak: dict, bsn: str) -> bool:
    """The zaak's own Rollen, read per zaak and checked here (not a filtered search)."""
    for rol in client.list(
        f"{client.system.zaken_url.rstrip('/')}/rollen", params={"zaak": zaak["url"]}
    ):
        if rol.get("zaak") != zaak["url"] or rol.get("betrokkeneType") != "natuurlijk_persoon":
            continue
        identification = rol.get("betrokkeneIdentificatie") or {}
        if identification.get("inpBsn") == bsn:
            return True
    return False


def _within_agency(system: CaseSystem, zaak: dict) -> bool:
    allowed = Confidentiality.up_to(system.max_confidentiality)
    return (
        zaak.get("bronorganisatie") == system.rsin
        and zaak.get("vertrouwelijkheidaanduiding", Confidentiality.OPENBAAR) in allowed
    )


def _status(client: ZgwClient, status_url: str | None) -> ZaakStatus | None:
    return _status_of(client, client.get(status_url)) if status_url else None


def _status_of(client: ZgwClient, status: dict) -> ZaakStatus:
    statustype = _catalogue(client, status["statustype"])
    return ZaakStatus(
        statustype_url=status["statustype"],
        omschrijving=statustype.get("omschrijving", ""),
        set_at=_datetime(status.get("datumStatusGezet")),
        explanation=status.get("statustoelichting", ""),
    )


def _summary(client: ZgwClient, zaak: dict) -> Zaak:
    zaaktype = _catalogue(client, zaak["zaaktype"])
    zaaktype_title = zaaktype.get("omschrijving", "")
    return Zaak(
        url=zaak["url"],
        uuid=zaak.get("uuid") or uuid_of(zaak["url"]),
        identificatie=zaak.get("identificatie", ""),
        title=zaak.get("omschrijving") or zaaktype_title,
        zaaktype_title=zaaktype_title,
        startdatum=_date(zaak.get("startdatum")) or timezone.localdate(),
        einddatum_gepland=_date(zaak.get("einddatumGepland"))
        or _date(zaak.get("uiterlijkeEinddatumAfdoening")),
        einddatum=_date(zaak.get("einddatum")),
        status=_status(client, zaak.get("status")),
    )


def _checked(client: ZgwClient, zaak: dict, bsn: str) -> Zaak | None:
    """The zaak's summary, or None when it is not the citizen's to see."""
    if not _within_agency(client.system, zaak):
        return None
    if not has_role(client, zaak=zaak, bsn=bsn):
        # The source answered a search for this BSN with a zaak this BSN has no
        # Rol on: the source's filter is broken. Log which source and zaak (no BSN).
        security_log.warning(
            "ZGW source %s returned zaak %s without a Rol for the citizen; not shown",
            client.system.agency.slug,
            uuid_of(zaak.get("url", "")),
        )
        return None
    return _summary(client, zaak)


def zaken_for_bsn(client: ZgwClient, *, bsn: str) -> list[Zaak]:
    """The citizen's zaken at this agency (raises SourceUnavailable)."""
    found = list(
        client.list(
            f"{client.system.zaken_url.rstrip('/')}/zaken",
            params={
                "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn,
                "bronorganisatie": client.system.rsin,
            },
        )
    )
    with ThreadPoolExecutor(max_workers=PER_ZAAK_WORKERS) as pool:
        checked = list(pool.map(lambda zaak: _checked(client, zaak, bsn), found))
    return [zaak for zaak in checked if zaak is not None]


def zaak_for_bsn(client: ZgwClient, *, uuid: str, bsn: str) -> Zaak | None:
    """One zaak with its statuses, result, documents and decisions, or None
    when it is not the citizen's (the view's 404). Raises SourceUnavailable."""
    zaken_root = client.system.zaken_url.rstrip("/")
    try:
        zaak = client.get(f"{zaken_root}/zaken/{uuid}")
    except SourceUnavailable as exc:
        if str(exc) == "HTTP 404":
            return None
        raise
    if not _within_agency(client.system, zaak) or not has_role(client, zaak=zaak, bsn=bsn):
        return None
    result = _summary(client, zaak)
    statuses = client.list(f"{zaken_root}/statussen", params={"zaak": zaak["url"]})
    result.statuses = sorted(
        (_status_of(client, status) for status in statuses if status.get("zaak") == zaak["url"]),
        key=lambda status: status.set_at or timezone.now(),
    )
    if zaak.get("resultaat"):
        resultaat = client.get(zaak["resultaat"])
        resultaattype = _catalogue(client, resultaat["resultaattype"])
        result.result = resultaat.get("toelichting") or resultaattype.get("omschrijving", "")
    result.documents = _documents(client, zaak)
    result.decisions = _decisions(client, zaak)
    return result


def _documents(client: ZgwClient, zaak: dict) -> list[ZaakDocument]:
    allowed = Confidentiality.up_to(client.system.max_confidentiality)
    documents = []
    links = client.list(
        f"{client.system.zaken_url.rstrip('/')}/zaakinformatieobjecten",
        params={"zaak": zaak["url"]},
    )
    for link in links:
        if link.get("zaak") != zaak["url"]:
            continue
        eio = client.get(link["informatieobject"])
        if eio.get("vertrouwelijkheidaanduiding") not in allowed:
            continue
        documents.append(
            ZaakDocument(
                uuid=uuid_of(eio["url"]),
                title=eio.get("titel", ""),
                filename=eio.get("bestandsnaam") or f"{uuid_of(eio['url'])}.bin",
                content_type=eio.get("formaat") or "application/octet-stream",
                size=eio.get("bestandsomvang"),
                created_on=_date(eio.get("creatiedatum")),
                download_url=eio.get("inhoud") or f"{eio['url'].rstrip('/')}/download",
            )
        )
    return documents


def _decisions(client: ZgwClient, zaak: dict) -> list[ZaakDecision]:
    if not client.system.besluiten_url:
        return []
    besluiten = client.list(
        f"{client.system.besluiten_url.rstrip('/')}/besluiten", params={"zaak": zaak["url"]}
    )
    return [
        ZaakDecision(
            identificatie=besluit.get("identificatie", ""),
            datum=_date(besluit.get("datum")),
            toelichting=besluit.get("toelichting", ""),
            ingangsdatum=_date(besluit.get("ingangsdatum")),
        )
        for besluit in besluiten
        if besluit.get("zaak") == zaak["url"]
    ]
