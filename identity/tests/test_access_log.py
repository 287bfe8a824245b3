from datetime import timedelta

import pytest
from django.utils import timezone

from identity.access_log import (
    AccessLogEntry,
    AppendOnlyError,
    Purpose,
    data_subject_id,
    log_person_access,
)
from identity.actors import Actor, ActorKind

pytestmark = pytest.mark.django_db


def _entry(**kwargs):
    defaults = {
        "bsn": "999993653",
        "actor": Actor(kind=ActorKind.SYSTEM),
        "action": "viewed",
        "purpose": Purpose.CASE_HANDLING,
        "object_kind": "case",
    }
    return log_person_access(**{**defaults, **kwargs})


def test_entries_cannot_be_changed_or_deleted():
    entry = _entry()
    entry.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get(pk=entry.pk).purpose == Purpose.CASE_HANDLING


def test_retention_prunes_only_older_entries():
    recent = _entry()
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                data_subject_id=data_subject_id("999990019"),
                actor_kind="system",
                action="viewed",
                object_kind="x",
                occurred_at=timezone.now() - timedelta(days=400),
            )
        ]
    )
    assert AccessLogEntry.objects.prune_before(timezone.now() - timedelta(days=365)) == 1
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_purpose_that_is_no_code_is_refused():
    # Free text was how Dutch purposes reached the English page untranslated.
    with pytest.raises(ValueError):
        _entry(purpose="Behandeling van de zaak")
    assert not AccessLogEntry.objects.exists()
