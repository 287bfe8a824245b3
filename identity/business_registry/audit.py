"""Every business lookup leaves one access-log entry (id type KVK), whatever
the backend, and answers are held for as long as the wrapper lives (one request).

A business's registration names people (a sole trader is the business), so a
lookup is logged like a person's: in the business's own access log, which its
eHerkenning users read.
"""

from __future__ import annotations

from django.conf import settings

from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.acting import Subject
from identity.actors import Actor, ActorKind

from .types import Business, BusinessRegistry

OBJECT_KIND = "business"
OBJECT_LABEL = "Handelsregister (KvK)"


def _actor_kind(viewer) -> str:
    if viewer is None:
        return ActorKind.SYSTEM
    if getattr(viewer, "is_staff", False):
        return ActorKind.CASEWORKER
    return ActorKind.CITIZEN


class AuditedBusinessRegistry:
    def __init__(
        self,
        backend: BusinessRegistry,
        *,
        organisation: str = "",
        action: str = AccessAction.LOOKED_UP,
    ):
        self.backend = backend
        self.organisation = organisation
        self.action = action
        self._answers: dict[tuple[str, str, str], Business | None] = {}

    def get_business(
        self, kvk: str, *, purpose: Purpose, viewer, branch: str = ""
    ) -> Business | None:
        purpose = Purpose(purpose)  # a free text is a programming error: ValueError
        key = (kvk, branch, purpose)
        if key in self._answers:
            return self._answers[key]
        # RegistryUnavailable passes through: nothing was disclosed, nothing logged.
        business = self.backend.get_business(kvk, purpose=purpose, viewer=viewer, branch=branch)
        log_subject_access(
            subject=Subject(kvk=kvk, branch=branch),
            actor=Actor(
                kind=_actor_kind(viewer),
                user=viewer if getattr(viewer, "pk", None) else None,
                organisation=self.organisation or settings.WAGTAIL_SITE_NAME,
            ),
            action=self.action,
            purpose=purpose,
            object_kind=OBJECT_KIND,
            object_label=OBJECT_LABEL,
            detail={"registry": type(self.backend).__name__, "found": business is not None},
        )
        self._answers[key] = business
        return business
