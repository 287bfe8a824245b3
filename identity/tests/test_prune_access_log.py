import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from identity.access_log import AccessLogEntry, data_subject_id
from identity.tests.factories import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def _aged(days: int) -> AccessLogEntry:
    entry = AccessLogEntry(
        data_subject_id=data_subject_id("999993653"),
        actor_kind="system",
        action="viewed",
        object_kind="case",
        occurred_at=timezone.now() - timedelta(days=days),
    )
    AccessLogEntry.objects.bulk_create([entry])
    return entry


def test_prune_removes_entries_older_than_the_retention_setting(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    _aged(31)
    _aged(400)
    kept = AccessLogEntryFactory()
    old_but_kept = _aged(29)
    out = io.StringIO()
    call_command("prune_access_log", stdout=out)
    assert "Removed 2 " in out.getvalue()
    assert AccessLogEntry.objects.count() == 2
    assert AccessLogEntry.objects.filter(pk=kept.pk).exists()
    assert AccessLogEntry.objects.filter(occurred_at=old_but_kept.occurred_at).exists()


def test_days_option_overrides_the_setting(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 365
    _aged(40)
    call_command("prune_access_log", "--days", "30", stdout=io.StringIO())
    assert not AccessLogEntry.objects.exists()


def test_retention_below_one_day_is_refused():
    AccessLogEntryFactory()
    with pytest.raises(CommandError):
        call_command("prune_access_log", "--days", "0", stdout=io.StringIO())
    assert AccessLogEntry.objects.count() == 1
