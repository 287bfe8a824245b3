"""Who acts on a case: a caseworker, an agency's API client, the system or a citizen.

Every service that changes a case takes an `Actor`, so the back office, the
agency API, background tasks and citizen requests share one code path and one
audit trail. The citizen sees `organisation` in their access log, never a
caseworker's name; `user` and `reference` are for internal accountability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from identity.access_log import ActorKind

if TYPE_CHECKING:
    from identity.models import User

    from .models import Agency


@dataclass(frozen=True)
class Actor:
    kind: str
    user: User | None = None
    # An API client's id/name or a system job's name; never a BSN.
    reference: str = ""
    organisation: str = ""

    @classmethod
    def caseworker(cls, user: User, *, agency: Agency) -> Actor:
        return cls(kind=ActorKind.CASEWORKER, user=user, organisation=agency.name)

    @classmethod
    def api_client(cls, *, reference: str, agency: Agency) -> Actor:
        return cls(kind=ActorKind.API_CLIENT, reference=reference, organisation=agency.name)

    @classmethod
    def system(cls, reference: str = "system") -> Actor:
        return cls(kind=ActorKind.SYSTEM, reference=reference)

    @classmethod
    def citizen(cls, user: User) -> Actor:
        return cls(kind=ActorKind.CITIZEN, user=user)
