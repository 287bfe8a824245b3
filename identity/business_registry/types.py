"""What the portal knows about a business from the Handelsregister (KvK),
independent of where it came from: the local registry or the KvK APIs.

Plain frozen dataclasses like the person registry's (`identity.registry.types`),
so templates and other apps never depend on a wire format or on models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from identity.registry.types import Address, RegistryUnavailable

__all__ = ["Branch", "Business", "BusinessRegistry", "RegistryUnavailable"]


@dataclass(frozen=True)
class Branch:
    """A vestiging: 12 digits (vestigingsnummer), its trade name and visiting address."""

    number: str
    name: str = ""
    address: Address | None = None
    is_main: bool = False


@dataclass(frozen=True)
class Business:
    """A registration in the Handelsregister (maatschappelijke activiteit)."""

    kvk: str
    name: str
    legal_form: str = ""
    # RSIN: the legal person's number (only for a rechtspersoon, not an eenmanszaak).
    rsin: str = ""
    branches: tuple[Branch, ...] = ()
    source: str = ""

    @property
    def main_branch(self) -> Branch | None:
        return next((b for b in self.branches if b.is_main), None)

    def branch(self, number: str) -> Branch | None:
        return next((b for b in self.branches if b.number == number), None)

    def address_for(self, branch: str = "") -> Address | None:
        """The branch's address when one is named and known, else the main branch's."""
        chosen = (self.branch(branch) if branch else None) or self.main_branch
        return chosen.address if chosen else None


class BusinessRegistry(Protocol):
    """Looks up one business by KvK number.

    `purpose` is an `identity.access_log.Purpose`; `viewer` the user on whose
    behalf (None for the system). Returns None when the registry does not know
    the number; raises RegistryUnavailable when it cannot answer. `branch`
    (a vestigingsnummer) asks for that branch's address as well.
    """

    def get_business(
        self, kvk: str, *, purpose: str, viewer, branch: str = ""
    ) -> Business | None: ...
