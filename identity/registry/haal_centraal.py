"""Haal Centraal BRP Personen (v2) client: raadplegen met burgerservicenummer.

The API is queried with POST /personen, a JSON body of type
"RaadpleegMetBurgerservicenummer" with the BSN and the `fields` wanted, so the
BSN never appears in a URL (BRP-API/Haal-Centraal-BRP-bevragen, "Personen
bevragen": POST instead of GET to keep PII out of URLs and server logs).

Protocollering headers as the BRP API gateways ask for them: x-doelbinding
(the legal basis of our authorisation), x-verwerking (the processing activity:
our purpose), x-origin-oin (our organisation's OIN) and x-gebruiker (who,
never a BSN); the API key in X-API-Key.

Answers are not cached here beyond the request (`registry_for_request`).
Server errors and timeouts are retried a bounded number of times; after that,
and for any other failure, `RegistryUnavailable` is raised.
"""

from __future__ import annotations

import contextlib
import logging
import time
from datetime import date

import requests
from django.conf import settings

from identity.access_log import processing_activity_name

from .types import Address, Authority, Person, RegistryUnavailable, RelatedPerson

logger = logging.getLogger(__name__)

QUERY_TYPE = "RaadpleegMetBurgerservicenummer"
# Only what Mijn gegevens and letters use (data minimisation: ask for nothing more;
# "geslacht" is for the salutation of decision letters).
FIELDS = [
    "burgerservicenummer",
    "naam",
    "geslacht",
    "geboorte",
    "nationaliteiten",
    "verblijfplaats",
    "partners",
    "kinderen",
    # The gezag this person holds over minors (BRP API Gezag, exposed by BRP
    # Personen v2 as "gezag"): who may act for a child (identity/parents.py).
    "gezag",
]
CITIZEN_SELF = "BurgerZelf"


def _datum(value: dict | None) -> date | None:
    """A BRP date is polymorphic; only type "Datum" is a full date (datum-polymorf-v1)."""
    if not value or value.get("type") != "Datum":
        return None
    try:
        return date.fromisoformat(value["datum"])
    except (KeyError, TypeError, ValueError):
        return None


def _name(data: dict) -> dict:
    naam = data.get("naam") or {}
    return {
        "first_names": naam.get("voornamen", ""),
        "prefix": naam.get("voorvoegsel", ""),
        "surname": naam.get("geslachtsnaam", ""),
    }


def _gender(data: dict) -> str:
    """geslacht.code is M, V or O (onbekend); only M and V say how to address."""
    code = (data.get("geslacht") or {}).get("code", "")
    return code if code in ("M", "V") else ""


def _related(data: dict) -> RelatedPerson:
    return RelatedPerson(
        **_name(data),
        date_of_birth=_datum((data.get("geboorte") or {}).get("datum")),
        bsn=data.get("burgerservicenummer", ""),
    )


def _address(data: dict | None) -> Address | None:
    if not data:
        return None
    kind = data.get("type")
    if kind == "Adres":
        adres = data.get("verblijfadres") or {}
        return Address(
            street=adres.get("korteStraatnaam") or adres.get("officieleStraatnaam", ""),
            house_number=adres.get("huisnummer"),
            house_letter=adres.get("huisletter", ""),
            house_number_addition=adres.get("huisnummertoevoeging", ""),
            postcode=adres.get("postcode", ""),
            city=adres.get("woonplaats", ""),
            valid_from=_datum(data.get("datumVan")),
        )
    if kind == "VerblijfplaatsBuitenland":
        adres = data.get("verblijfadres") or {}
        return Address(
            street=adres.get("regel1", ""),
            city=" ".join(filter(None, [adres.get("regel2", ""), adres.get("regel3", "")])),
            country=(adres.get("land") or {}).get("omschrijving", ""),
            valid_from=_datum(data.get("datumVan")),
        )
    return None


# The gezag types that give a holder authority, and where the holders are
# (BRP API Gezag, AbstractGezagsrelatie; "TweehoofdigOuderlijkGezag" is the
# deprecated name of GezamenlijkOuderlijkGezag). TijdelijkGeenGezag and
# GezagNietTeBepalen name no holder: nobody may act for the child.
_PARENT_HOLDERS = {
    "EenhoofdigOuderlijkGezag": ("ouder",),
    "GezamenlijkOuderlijkGezag": ("ouders",),
    "TweehoofdigOuderlijkGezag": ("ouders",),
    "GezamenlijkGezag": ("ouder",),
}
_THIRD_PARTY_HOLDERS = {"GezamenlijkGezag": ("derde",), "Voogdij": ("derden",)}
_CANONICAL_KIND = {"TweehoofdigOuderlijkGezag": "GezamenlijkOuderlijkGezag"}


def _holder_bsns(relation: dict, fields: tuple[str, ...]) -> set[str]:
    bsns = set()
    for name in fields:
        value = relation.get(name)
        for holder in value if isinstance(value, list) else [value]:
            # A derde is a "BekendeDerde" with a BSN or an "OnbekendeDerde" without.
            if isinstance(holder, dict) and holder.get("burgerservicenummer"):
                bsns.add(holder["burgerservicenummer"])
    return bsns


def _authorities(data: dict, children: tuple[RelatedPerson, ...]) -> tuple[Authority, ...]:
    """The gezagsrelaties in which this person is a holder. The BRP answers
    gezag only for minors; the date of birth comes with the minor or, failing
    that, from the person's own children."""
    own_bsn = data.get("burgerservicenummer", "")
    by_bsn = {child.bsn: child for child in children if child.bsn}
    found: list[Authority] = []
    for relation in data.get("gezag") or []:
        if not isinstance(relation, dict):
            continue
        kind = relation.get("type", "")
        as_parent = own_bsn in _holder_bsns(relation, _PARENT_HOLDERS.get(kind, ()))
        as_third = own_bsn in _holder_bsns(relation, _THIRD_PARTY_HOLDERS.get(kind, ()))
        minor_data = relation.get("minderjarige") or {}
        minor_bsn = minor_data.get("burgerservicenummer", "")
        if not own_bsn or not minor_bsn or minor_bsn == own_bsn or not (as_parent or as_third):
            continue
        minor = _related(minor_data)
        known = by_bsn.get(minor_bsn)
        if known is not None:
            minor = RelatedPerson(
                first_names=minor.first_names or known.first_names,
                prefix=minor.prefix or known.prefix,
                surname=minor.surname or known.surname,
                date_of_birth=minor.date_of_birth or known.date_of_birth,
                bsn=minor_bsn,
            )
        found.append(
            Authority(minor=minor, kind=_CANONICAL_KIND.get(kind, kind), as_parent=as_parent)
        )
    return tuple(found)


def parse_person(data: dict) -> Person:
    children = tuple(_related(k) for k in data.get("kinderen") or [])
    return Person(
        bsn=data.get("burgerservicenummer", ""),
        **_name(data),
        gender=_gender(data),
        date_of_birth=_datum((data.get("geboorte") or {}).get("datum")),
        nationalities=tuple(
            (item.get("nationaliteit") or {}).get("omschrijving", "")
            for item in data.get("nationaliteiten") or []
            if (item.get("nationaliteit") or {}).get("omschrijving")
        ),
        address=_address(data.get("verblijfplaats")),
        partners=tuple(_related(p) for p in data.get("partners") or []),
        children=children,
        authorities=_authorities(data, children),
        source="haal_centraal",
    )


class HaalCentraalRegistry:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str = "",
        doelbinding: str = "",
        origin_oin: str = "",
        gemeente_van_inschrijving: str = "",
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.25,
    ):
        self.url = base_url.rstrip("/") + "/personen"
        self.api_key = api_key
        self.doelbinding = doelbinding
        self.origin_oin = origin_oin
        self.gemeente_van_inschrijving = gemeente_van_inschrijving
        # (connect, read): a dead gateway fails fast, a slow BRP gets the full time.
        self.timeout = (min(timeout, 3.05), timeout)
        self.retries = max(0, retries)
        self.backoff = backoff
        self.session = requests.Session()

    @classmethod
    def from_settings(cls) -> HaalCentraalRegistry:
        config = settings.HAAL_CENTRAAL_BRP
        return cls(
            base_url=config["BASE_URL"],
            api_key=config["API_KEY"],
            doelbinding=config["DOELBINDING"],
            origin_oin=config["ORIGIN_OIN"],
            gemeente_van_inschrijving=config["GEMEENTE_VAN_INSCHRIJVING"],
            timeout=config["TIMEOUT_SECONDS"],
            retries=config["RETRIES"],
        )

    def _headers(self, *, bsn: str, purpose: str, viewer) -> dict[str, str]:
        if viewer is None:
            user = "systeem"
        elif getattr(viewer, "bsn", None) == bsn:
            user = CITIZEN_SELF
        else:
            user = viewer.get_username()
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "x-doelbinding": self.doelbinding,
            "x-verwerking": processing_activity_name(purpose),
            "x-origin-oin": self.origin_oin,
            "x-gebruiker": user,
        }
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        return headers

    def _post(self, body: dict, headers: dict[str, str]) -> dict:
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = self.session.post(
                    self.url, json=body, headers=headers, timeout=self.timeout
                )
            except (requests.Timeout, requests.ConnectionError) as exc:
                # The exception text holds only the URL, never the body with the BSN.
                logger.warning("BRP: %s (attempt %d/%d)", type(exc).__name__, attempt, attempts)
            else:
                if response.status_code < 500:
                    return self._answer(response)
                logger.warning(
                    "BRP: HTTP %d (attempt %d/%d)", response.status_code, attempt, attempts
                )
            if attempt < attempts and self.backoff:
                time.sleep(self.backoff * attempt)
        raise RegistryUnavailable("The BRP did not answer after retries.")

    def _answer(self, response: requests.Response) -> dict:
        if response.status_code != 200:
            # 4xx: our request or authorisation is wrong; retrying will not help.
            code = ""
            with contextlib.suppress(ValueError, AttributeError):
                code = str(response.json().get("code", ""))[:50]
            logger.error("BRP refused the query: HTTP %d %s", response.status_code, code)
            raise RegistryUnavailable(f"The BRP refused the query (HTTP {response.status_code}).")
        try:
            data = response.json()
        except ValueError as exc:
            raise RegistryUnavailable("The BRP answered with invalid JSON.") from exc
        if not isinstance(data, dict):
            raise RegistryUnavailable("The BRP answered in an unexpected format.")
        return data

    def get_person(self, bsn: str, *, purpose: str, viewer) -> Person | None:
        body: dict = {"type": QUERY_TYPE, "burgerservicenummer": [bsn], "fields": FIELDS}
        if self.gemeente_van_inschrijving:
            body["gemeenteVanInschrijving"] = self.gemeente_van_inschrijving
        data = self._post(body, self._headers(bsn=bsn, purpose=purpose, viewer=viewer))
        personen = data.get("personen") or []
        if not personen:
            return None
        return parse_person(personen[0])
