"""Who processes a citizen's data: a caseworker, an agency's API client, the system or a citizen.

Every service that changes a case takes an `Actor`, so the back office, the
agency API, background tasks and citizen requests share one code path and one
audit trail; the access log (`identity.access_log`) takes the same `Actor`.
It lives in identity, the lowest app with personal data, so that every app
above it (cases, documents, corrections, ...) may use it.

The citizen sees `organisation` in their access log, never a caseworker's
name; `user` and `reference` are for internal accountability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from identity.acting import ActingContext
    from identity.models import User


class ActorKind(models.TextChoices):
    CITIZEN = "citizen", _("uzelf")
    # Someone acting for the citizen or business (identity.acting): a parent,
    # a representative, a gemachtigde, a business's employee.
    REPRESENTATIVE = "representative", _("vertegenwoordiger")
    CASEWORKER = "caseworker", _("medewerker")
    API_CLIENT = "api_client", _("koppeling van een organisatie")
    SYSTEM = "system", _("systeem")


class _Organisation(Protocol):
    """An agency (cases.models.Agency) as the actor needs it: only its name.
    A protocol, so identity does not import cases (identity is below cases)."""

    name: str


@dataclass(frozen=True)
class Actor:
    kind: str
    user: User | None = None
    # An API client's id/name or a system job's name; never a BSN.
    reference: str = ""
    organisation: str = ""

    @classmethod
    def caseworker(cls, user: User, *, agency: _Organisation) -> Actor:
        return cls(kind=ActorKind.CASEWORKER, user=user, organisation=agency.name)

    @classmethod
    def api_client(cls, *, reference: str, agency: _Organisation) -> Actor:
        return cls(kind=ActorKind.API_CLIENT, reference=reference, organisation=agency.name)

    @classmethod
    def system(cls, reference: str = "system") -> Actor:
        return cls(kind=ActorKind.SYSTEM, reference=reference)

    @classmethod
    def citizen(cls, user: User) -> Actor:
        return cls(kind=ActorKind.CITIZEN, user=user)

    @classmethod
    def acting(cls, user: User, context: ActingContext) -> Actor:
        """The actor of a page in an acting context: the citizen themselves, or
        the representative, whom the subject reads by name and basis in their
        access log ("Peter de Vries (ouder met gezag)")."""
        if context.is_self:
            return cls.citizen(user)
        return cls(
            kind=ActorKind.REPRESENTATIVE,
            user=user,
            reference=f"{context.basis}:{context.basis_ref}",
            organisation=f"{context.actor_name} ({context.basis_label})".strip(),
        )
