"""KvK client: API Basisprofiel v1 and API Vestigingsprofiel v1 (developers.kvk.nl).

    GET {base}/v1/basisprofielen/{kvkNummer}            name, owner (legal form,
        RSIN) and the main branch, embedded (HAL: `_embedded.eigenaar`,
        `_embedded.hoofdvestiging`)
    GET {base}/v1/basisprofielen/{kvkNummer}/vestigingen   all branches (number, name)
    GET {base}/v1/vestigingsprofielen/{vestigingsnummer}   one branch with its addresses

A KvK number is public (it is not personal data in itself), so it may be in the
path; the API key goes in the `apikey` header as KvK asks. Addresses the
Handelsregister marks as shielded (`indAfgeschermd: "Ja"`, e.g. a sole
trader's home) are never used. Server errors and timeouts are retried a bounded
number of times; then, and for any other failure, `RegistryUnavailable`.
"""

from __future__ import annotations

import logging
import re
import time

import requests
from django.conf import settings

from identity.registry.types import Address

from .types import Branch, Business, RegistryUnavailable

logger = logging.getLogger(__name__)

_KVK = re.compile(r"^[0-9]{8}$")
_BRANCH = re.compile(r"^[0-9]{12}$")


def _address(adressen: list[dict] | None) -> Address | None:
    """The visiting address (bezoekadres), else the correspondence address; never a shielded one."""
    usable = [a for a in adressen or [] if a.get("indAfgeschermd") != "Ja"]
    usable.sort(key=lambda a: a.get("type") != "bezoekadres")
    for adres in usable:
        street = adres.get("straatnaam", "")
        if adres.get("postbusnummer"):
            street = f"Postbus {adres['postbusnummer']}"
        if not street:
            continue
        return Address(
            street=street,
            house_number=None if adres.get("postbusnummer") else adres.get("huisnummer"),
            house_letter=adres.get("huisletter", ""),
            house_number_addition=adres.get("huisnummerToevoeging", ""),
            postcode=adres.get("postcode", ""),
            city=adres.get("plaats", ""),
            country="" if adres.get("land") in (None, "", "Nederland") else adres["land"],
        )
    return None


def parse_branch(data: dict) -> Branch:
    return Branch(
        number=data.get("vestigingsnummer", ""),
        name=data.get("eersteHandelsnaam", ""),
        address=_address(data.get("adressen")),
        is_main=data.get("indHoofdvestiging") == "Ja",
    )


def parse_business(profile: dict, branches: list[dict] | None = None) -> Business:
    """A Basisprofiel (with `_embedded`), plus the VestigingBasis list or
    Vestigingsprofielen when fetched; a full profile wins over a list entry."""
    embedded = profile.get("_embedded") or {}
    owner = embedded.get("eigenaar") or {}
    found: dict[str, Branch] = {}
    main = embedded.get("hoofdvestiging")
    if main:
        found[main.get("vestigingsnummer", "")] = parse_branch(main)
    for item in branches or []:
        number = item.get("vestigingsnummer", "")
        if number and (number not in found or item.get("adressen")):
            found[number] = parse_branch(item)
    return Business(
        kvk=profile.get("kvkNummer", ""),
        name=profile.get("statutaireNaam") or profile.get("naam", ""),
        legal_form=owner.get("uitgebreideRechtsvorm") or owner.get("rechtsvorm", ""),
        rsin=owner.get("rsin", ""),
        branches=tuple(found[n] for n in sorted(found, key=lambda n: (not found[n].is_main, n))),
        source="kvk",
    )


class KvkBusinessRegistry:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str = "",
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.25,
    ):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = (min(timeout, 3.05), timeout)
        self.retries = max(0, retries)
        self.backoff = backoff
        self.session = requests.Session()

    @classmethod
    def from_settings(cls) -> KvkBusinessRegistry:
        config = settings.KVK_API
        return cls(
            base_url=config["BASE_URL"],
            api_key=config["API_KEY"],
            timeout=config["TIMEOUT_SECONDS"],
            retries=config["RETRIES"],
        )

    def _get(self, path: str) -> dict | None:
        """The JSON at `path`, or None for a 404 (unknown number)."""
        headers = {"Accept": "application/hal+json, application/json"}
        if self.api_key:
            headers["apikey"] = self.api_key
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = self.session.get(
                    self.base_url + path, headers=headers, timeout=self.timeout
                )
            except (requests.Timeout, requests.ConnectionError) as exc:
                logger.warning("KvK: %s (attempt %d/%d)", type(exc).__name__, attempt, attempts)
            else:
                if response.status_code == 404:
                    return None
                if response.status_code < 500:
                    return self._answer(response)
                logger.warning(
                    "KvK: HTTP %d (attempt %d/%d)", response.status_code, attempt, attempts
                )
            if attempt < attempts and self.backoff:
                time.sleep(self.backoff * attempt)
        raise RegistryUnavailable("The KvK API did not answer after retries.")

    def _answer(self, response: requests.Response) -> dict:
        if response.status_code != 200:
            logger.error("KvK refused the query: HTTP %d", response.status_code)
            raise RegistryUnavailable(
                f"The KvK API refused the query (HTTP {response.status_code})."
            )
        try:
            data = response.json()
        except ValueError as exc:
            raise RegistryUnavailable("The KvK API answered with invalid JSON.") from exc
        if not isinstance(data, dict):
            raise RegistryUnavailable("The KvK API answered in an unexpected format.")
        return data

    def get_business(self, kvk: str, *, purpose: str, viewer, branch: str = "") -> Business | None:
        if not _KVK.match(kvk):
            return None
        profile = self._get(f"/v1/basisprofielen/{kvk}")
        if profile is None:
            return None
        listing = self._get(f"/v1/basisprofielen/{kvk}/vestigingen") or {}
        branches = list(listing.get("vestigingen") or [])
        if branch and _BRANCH.match(branch):
            # Only the branch asked for is fetched whole (its address); the
            # list gives the others' numbers and names.
            branch_profile = self._get(f"/v1/vestigingsprofielen/{branch}")
            if branch_profile and branch_profile.get("kvkNummer") == kvk:
                branches.append(branch_profile)
        return parse_business(profile, branches)
