"""What the portal knows about a person from the registry (BRP), independent of
where it came from: the local registry or Haal Centraal BRP Personen.

Plain frozen dataclasses, so templates and other apps never depend on a
registry's wire format or models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol


class RegistryUnavailable(Exception):
    """The registry could not answer (down, timing out, misconfigured). The
    message never contains a BSN: it may end up in a log."""


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Address:
    street: str
    house_number: int | None = None
    house_letter: str = ""
    house_number_addition: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    valid_from: date | None = None

    @property
    def line1(self) -> str:
        number = f"{self.house_number or ''}{self.house_letter}"
        return _join(self.street, number, self.house_number_addition)

    @property
    def line2(self) -> str:
        return _join(self.postcode, self.city)


@dataclass(frozen=True)
class RelatedPerson:
    """A partner or child as the registry lists them with the person."""

    first_names: str = ""
    prefix: str = ""
    surname: str = ""
    date_of_birth: date | None = None
    bsn: str = ""

    @property
    def full_name(self) -> str:
        return _join(self.first_names, self.prefix, self.surname)


@dataclass(frozen=True)
class Authority:
    """Gezag (parental authority or guardianship, BW 1:245) the person holds
    over a minor, as the BRP determines it (Haal Centraal BRP Personen v2,
    field "gezag"; the local registry's LocalAuthority). `as_parent` is False
    for a holder who is not a parent (a voogd, or the "derde" of gezamenlijk
    gezag)."""

    minor: RelatedPerson
    kind: str = ""
    as_parent: bool = True


@dataclass(frozen=True)
class Person:
    bsn: str
    first_names: str = ""
    # The voorvoegsel ("de", "van der") is part of the surname in writing but a
    # separate field in the BRP, and sorting ignores it.
    prefix: str = ""
    surname: str = ""
    # BRP geslachtsaanduiding: "M", "V", or "" when unknown ("O") - letters then
    # address "heer/mevrouw" (documents.addressing).
    gender: str = ""
    date_of_birth: date | None = None
    nationalities: tuple[str, ...] = ()
    address: Address | None = None
    partners: tuple[RelatedPerson, ...] = ()
    children: tuple[RelatedPerson, ...] = ()
    # The minors this person holds gezag over (only when the registry was asked
    # for it; see identity/parents.py).
    authorities: tuple[Authority, ...] = ()
    source: str = ""

    @property
    def full_name(self) -> str:
        return _join(self.first_names, self.prefix, self.surname)


class PersonRegistry(Protocol):
    """Looks up one person by BSN.

    `purpose` is why, an `identity.access_log.Purpose` (its code is stored in
    the access log, its register name sent to the BRP as the processing
    activity); `viewer` is the user on whose behalf (None for the system).
    Returns None when the registry does not know the BSN; raises
    RegistryUnavailable when it cannot answer.
    """

    def get_person(self, bsn: str, *, purpose: str, viewer) -> Person | None: ...
