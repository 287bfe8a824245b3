"""The automatic outage entries: opened when a submission's dependency fails,
closed when it works again, written afterwards when the database was down."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from messaging import channel_health
from messaging.models import ChannelOutage
from portal.health import CHECKS
from portal.periodic import JOBS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _state_file(settings, tmp_path):
    settings.CHANNEL_HEALTH_STATE_FILE = tmp_path / "channel.json"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _storage_fails(monkeypatch):
    def broken():
        raise OSError("disk gone")

    monkeypatch.setitem(CHECKS, "storage", broken)


def test_all_well_records_nothing_and_leaves_no_probe_row():
    assert channel_health.check_submission_channel() == "ok"
    assert not ChannelOutage.objects.exists()


def test_failing_storage_opens_one_outage_and_recovery_closes_it(monkeypatch):
    start = timezone.now()
    _storage_fails(monkeypatch)
    assert channel_health.check_submission_channel(start) == "opened"
    assert channel_health.check_submission_channel(start + timedelta(minutes=1)) == "down"
    outage = ChannelOutage.objects.get()
    assert outage.source == ChannelOutage.Source.HEALTH_CHECK
    assert outage.agency is None and outage.kinds == [] and outage.ends_at is None
    assert "bestandsopslag" in outage.reason
    monkeypatch.undo()
    end = start + timedelta(minutes=2)
    assert channel_health.check_submission_channel(end) == "closed"
    outage.refresh_from_db()
    assert outage.ends_at == end


def test_a_manual_outage_is_not_closed_by_the_check():
    manual = ChannelOutage.objects.create(starts_at=timezone.now(), reason="onderhoud")
    assert channel_health.check_submission_channel() == "ok"
    manual.refresh_from_db()
    assert manual.ends_at is None


def test_database_down_is_written_from_its_first_failure_when_it_returns(monkeypatch):
    first = timezone.now() - timedelta(minutes=5)

    def no_writes():
        raise OperationalError("database is locked")

    monkeypatch.setitem(channel_health.PROBES, "database", no_writes)
    assert channel_health.check_submission_channel(first) == "database_down"
    assert channel_health.check_submission_channel(first + timedelta(minutes=1)) == "database_down"
    assert not ChannelOutage.objects.exists()
    monkeypatch.undo()
    back = timezone.now()
    assert channel_health.check_submission_channel(back) == "closed"
    outage = ChannelOutage.objects.get()
    assert outage.starts_at == first and outage.ends_at == back
    assert "database" in outage.reason


def test_the_check_runs_every_minute_from_the_scheduler(capsys):
    assert "check_submission_channel" in {job.command for job in JOBS}
    call_command("check_submission_channel")
    assert capsys.readouterr().out.strip() == "ok"
