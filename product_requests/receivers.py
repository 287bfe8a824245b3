"""A saved or deleted draft moves the remembered emptiness of its subject's
drafts on (portal.empty_reads, read by product_requests.drafts.drafts_for)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import empty_reads

from .drafts import EMPTY_READ_SCOPE
from .models import RequestDraft
from .subjects import draft_subject, empty_read_keys


@receiver(post_save, sender=RequestDraft)
@receiver(post_delete, sender=RequestDraft)
def _draft_changed(sender, instance: RequestDraft, **kwargs) -> None:
    for key in empty_read_keys(draft_subject(instance)):
        empty_reads.changed(EMPTY_READ_SCOPE, key)
