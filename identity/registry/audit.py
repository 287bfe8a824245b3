"""Every registry lookup leaves one access-log entry, whatever the backend.

The wrapper also holds the answers for as long as it lives (one request, see
`registry_for_request`), so a page that needs the person twice asks the
registry once and logs once. The key is a keyed hash, not the BSN itself
(house rule: no BSN in a cache key).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor, ActorKind

from .types import Person, PersonRegistry

OBJECT_KIND = "person"
OBJECT_LABEL = "Basisregistratie Personen"


def actor_kind_for(viewer, bsn: str) -> str:
    if viewer is None:
        return ActorKind.SYSTEM
    if getattr(viewer, "bsn", None) == bsn:
        return ActorKind.CITIZEN
    if getattr(viewer, "is_staff", False):
        return ActorKind.CASEWORKER
    return ActorKind.SYSTEM


class AuditedPersonRegistry:
    """`organisation` is who the citizen reads as asking (default: the portal;
    an agency when its caseworker looks), `action` how ("looked_up", or
    "viewed" when the answer is shown to a caseworker)."""

    def __init__(
        self,
        backend: PersonRegistry,
        *,
        organisation: str = "",
        action: str = AccessAction.LOOKED_UP,
    ):
        self.backend = backend
        self.organisation = organisation
        self.action = action
        self._answers: dict[tuple[str, str], Person | None] = {}

    def _key(self, bsn: str, purpose: str) -> tuple[str, str]:
        digest = hmac.new(settings.SECRET_KEY.encode(), bsn.encode(), hashlib.sha256).hexdigest()
        return digest, purpose

    def get_person(self, bsn: str, *, purpose: Purpose, viewer) -> Person | None:
        purpose = Purpose(purpose)  # a free text is a programming error: ValueError
        key = self._key(bsn, purpose)
        if key in self._answers:
            return self._answers[key]
        # RegistryUnavailable passes through: nothing was disclosed, nothing logged.
        person = self.backend.get_person(bsn, purpose=purpose, viewer=viewer)
        log_person_access(
            bsn=bsn,
            actor=Actor(
                kind=actor_kind_for(viewer, bsn),
                user=viewer if getattr(viewer, "pk", None) else None,
                organisation=self.organisation or settings.WAGTAIL_SITE_NAME,
            ),
            action=self.action,
            purpose=purpose,
            object_kind=OBJECT_KIND,
            object_label=OBJECT_LABEL,
            detail={"registry": type(self.backend).__name__, "found": person is not None},
        )
        self._answers[key] = person
        return person
