"""Reading a citizen's zaken from one agency's ZGW APIs.

Never trust the source to filter (issue 20; Open Zaak 1.29.0 fixed a search
that returned zaken outside the client's authorisations, CVE-2026-54657):
every zaak a list returns is checked here before anything of it is used — the
betrokkene (a citizen's BSN, or a business's RSIN or branch, see `Betrokkene`)
must be in one of the zaak's own Rollen (read per zaak, not filtered by the
source), the zaak must be this agency's (bronorganisatie = its RSIN) and no more
confidential than the agency allows. A zaak of someone else is a security
event; nothing of it is shown.
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
from identity.access_log import data_subject_id

from .client import SourceUnavailable, ZgwClient
from .models import CaseSystem

security_log = logging.getLogger("security.zgw")

CATALOGUE_SECONDS = 3600
PER_ZAAK_WORKERS = 4


@dataclass(frozen=True)
class Betrokkene:
    """Whose zaken are read: the Rol a zaak must have (ZGW Rol.betrokkeneType).

    Zaken API 1.5.1 (zgw/testing/openapi/zaken-1.5.1.yaml, /zaken query
    parameters) can search a natural person by BSN (inpBsn), a non-natural
    person only by RSIN (innNnpId), not by KvK number, and a branch by its
    vestigingsnummer. So a business is read by the RSIN the Handelsregister
    gives its KvK number, or by its branch when the mandate names one (then only
    that branch's zaken, as `cases.Case.objects.for_subject` does locally).
    """

    kind: str  # "natuurlijk_persoon" | "niet_natuurlijk_persoon" | "vestiging"
    number: str

    @classmethod
    def person(cls, bsn: str) -> Betrokkene:
        return cls("natuurlijk_persoon", bsn)

    @classmethod
    def legal_person(cls, rsin: str) -> Betrokkene:
        return cls("niet_natuurlijk_persoon", rsin)

    @classmethod
    def branch(cls, vestigingsnummer: str) -> Betrokkene:
        return cls("vestiging", vestigingsnummer)

    @property
    def search(self) -> dict[str, str]:
        """The /zaken query parameter that asks the source for this betrokkene."""
        name = {
            "natuurlijk_persoon": "natuurlijkPersoon__inpBsn",
            "niet_natuurlijk_persoon": "nietNatuurlijkPersoon__innNnpId",
            "vestiging": "vestiging__vestigingsNummer",
        }[self.kind]
        return {f"rol__betrokkeneIdentificatie__{name}": self.number}

    def is_on(self, rol: dict) -> bool:
        """Whether a Rol of the zaak names this betrokkene (checked by us, not the source)."""
        if rol.get("betrokkeneType") != self.kind:
            return False
        identification = rol.get("betrokkeneIdentificatie") or {}
        field_name = {
            "natuurlijk_persoon": "inpBsn",
            "niet_natuurlijk_persoon": "innNnpId",
            "vestiging": "vestigingsNummer",
        }[self.kind]
        return bool(self.number) and identification.get(field_name) == self.number

    @property
    def key(self) -> str:
        """Cache keys name the betrokkene by a keyed hash, never the number itself."""
        if self.kind == "natuurlijk_persoon":
            return bsn_key(self.number)
        return data_subject_id(f"zgw:{self.kind}:{self.number}")[:32]


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
    # The zaaktype's identificatie: what a mandate's case types name (cases/viewer.py).
    zaaktype_code: str = ""


def bsn_key(bsn: str) -> str:
    """Cache keys name the citizen by a keyed hash (the access log's HMAC,
    decision 0028), never the BSN itself: a plain hash of a nine-digit number
    is undone by trying them all."""
    return data_subject_id(f"zgw:{bsn}")[:32]


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


def has_role(client: ZgwClient, *, zaak: dict, betrokkene: Betrokkene) -> bool:
    """The zaak's own Rollen, read per zaak and checked here (not a filtered search)."""
    return any(
        rol.get("zaak") == zaak["url"] and betrokkene.is_on(rol)
        for rol in client.list(
            f"{client.system.zaken_url.rstrip('/')}/rollen", params={"zaak": zaak["url"]}
        )
    )


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
        zaaktype_code=zaaktype.get("identificatie", ""),
        startdatum=_date(zaak.get("startdatum")) or timezone.localdate(),
        einddatum_gepland=_date(zaak.get("einddatumGepland"))
        or _date(zaak.get("uiterlijkeEinddatumAfdoening")),
        einddatum=_date(zaak.get("einddatum")),
        status=_status(client, zaak.get("status")),
    )


def _checked(client: ZgwClient, zaak: dict, betrokkene: Betrokkene) -> Zaak | None:
    """The zaak's summary, or None when it is not the betrokkene's to see."""
    if not _within_agency(client.system, zaak):
        return None
    if not has_role(client, zaak=zaak, betrokkene=betrokkene):
        # The source answered a search for this betrokkene with a zaak it has no
        # Rol on: the source's filter is broken. Log which source and zaak (no BSN).
        security_log.warning(
            "ZGW source %s returned zaak %s without a Rol for the betrokkene; not shown",
            client.system.agency.slug,
            uuid_of(zaak.get("url", "")),
        )
        return None
    return _summary(client, zaak)


def zaken_for(client: ZgwClient, *, betrokkene: Betrokkene) -> list[Zaak]:
    """The betrokkene's zaken at this agency (raises SourceUnavailable)."""
    found = list(
        client.list(
            f"{client.system.zaken_url.rstrip('/')}/zaken",
            params={**betrokkene.search, "bronorganisatie": client.system.rsin},
        )
    )
    with ThreadPoolExecutor(max_workers=PER_ZAAK_WORKERS) as pool:
        checked = list(pool.map(lambda zaak: _checked(client, zaak, betrokkene), found))
    return [zaak for zaak in checked if zaak is not None]


def zaken_for_bsn(client: ZgwClient, *, bsn: str) -> list[Zaak]:
    """A citizen's zaken at this agency (raises SourceUnavailable)."""
    return zaken_for(client, betrokkene=Betrokkene.person(bsn))


def zaak_for(client: ZgwClient, *, uuid: str, betrokkene: Betrokkene) -> Zaak | None:
    """One zaak with its statuses, result, documents and decisions, or None
    when it is not the betrokkene's (the view's 404). Raises SourceUnavailable."""
    zaken_root = client.system.zaken_url.rstrip("/")
    try:
        zaak = client.get(f"{zaken_root}/zaken/{uuid}")
    except SourceUnavailable as exc:
        if str(exc) == "HTTP 404":
            return None
        raise
    if not _within_agency(client.system, zaak) or not has_role(
        client, zaak=zaak, betrokkene=betrokkene
    ):
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


def zaak_for_bsn(client: ZgwClient, *, uuid: str, bsn: str) -> Zaak | None:
    return zaak_for(client, uuid=uuid, betrokkene=Betrokkene.person(bsn))


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
