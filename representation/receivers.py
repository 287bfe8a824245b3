"""A change to who may act for whom ends every session's cached acting
contexts (identity.acting.contexts_changed) once it commits: a representation
recorded, changed or ended, or an entry of the register of mandate services,
from a service or from the back office alike."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from identity.acting import contexts_changed

from .models import MandateService, Representation

MODELS = (Representation, MandateService)
SCOPES = (
    Representation.agencies.through,
    Representation.case_types.through,
    MandateService.case_types.through,
    MandateService.products.through,
)


def _changed(**kwargs) -> None:
    transaction.on_commit(contexts_changed)


for model in MODELS:
    receiver(post_save, sender=model, dispatch_uid=f"acting-{model.__name__}-saved")(_changed)
    receiver(post_delete, sender=model, dispatch_uid=f"acting-{model.__name__}-deleted")(_changed)
for through in SCOPES:
    receiver(m2m_changed, sender=through, dispatch_uid=f"acting-{through.__name__}")(_changed)
