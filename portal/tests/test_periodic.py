"""The periodic runner: which job runs when (a fake clock, no sleeping)."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command

from portal.periodic import DAY, HOUR, JOBS, MINUTE, Job, Scheduler

START = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _scheduler(jobs):
    calls = []
    return Scheduler(jobs=jobs, run=lambda job: calls.append(job.command)), calls


def test_every_job_runs_at_start_then_on_its_own_interval():
    scheduler, calls = _scheduler([Job("a", MINUTE), Job("b", HOUR)])
    assert scheduler.run_due(START) == ["a", "b"]
    assert scheduler.run_due(START + timedelta(seconds=59)) == []
    assert scheduler.run_due(START + MINUTE) == ["a"]
    assert scheduler.run_due(START + HOUR) == ["a", "b"]
    assert calls == ["a", "b", "a", "a", "b"]


def test_a_failing_job_does_not_stop_the_others_and_is_retried(caplog):
    calls = []

    def run(job):
        calls.append(job.command)
        if job.command == "broken":
            raise RuntimeError("boom")

    scheduler = Scheduler(jobs=[Job("broken", MINUTE), Job("fine", MINUTE)], run=run)
    assert scheduler.run_due(START) == ["broken", "fine"]
    assert "Periodic job broken failed" in caplog.text
    assert scheduler.run_due(START + MINUTE) == ["broken", "fine"]
    assert calls == ["broken", "fine", "broken", "fine"]


def test_sleep_until_the_next_job():
    scheduler, _ = _scheduler([Job("a", MINUTE), Job("b", DAY)])
    assert scheduler.seconds_until_next(START) == 0
    scheduler.run_due(START)
    assert scheduler.seconds_until_next(START + timedelta(seconds=20)) == 40


def test_the_schedule_publishes_every_minute_and_prunes():
    schedule = {job.command: job.every for job in JOBS}
    assert schedule["publish_scheduled"] == MINUTE
    assert schedule["send_notifications"] == MINUTE
    assert schedule["deliver_webhooks"] == MINUTE
    assert {
        "prune_access_log",
        "prune_idempotency_keys",
        "prune_pending_uploads",
        "prune_request_drafts",
    } <= set(schedule)


@pytest.mark.django_db
def test_run_periodic_once_runs_the_real_commands(capsys):
    call_command("run_periodic", "--once")
    out = capsys.readouterr().out
    ran = out.split("Ran: ", 1)[1].split("\n", 1)[0].split(", ")
    assert ran[:3] == ["publish_scheduled", "send_notifications", "deliver_webhooks"]
    assert {
        "remind_tasks",
        "prune_pending_uploads",
        "check_notifications",
        "check_submission_channel",
    } <= set(ran)
    assert "Removed 0 pending upload(s)" in out


@pytest.mark.django_db
def test_a_scheduled_revision_goes_live_when_the_runner_runs(home_page):
    from django.utils import timezone

    from pages.models import ProductPage
    from pages.tests.factories import ProductPageFactory

    page = ProductPageFactory(summary="Oude tekst.")
    page.save_revision().publish()  # live through a revision, as editors publish
    page = ProductPage.objects.get(pk=page.pk)  # as the editor's next edit loads it
    page.summary = "Nieuwe tekst."
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    assert ProductPage.objects.get(pk=page.pk).summary == "Oude tekst."
    call_command("run_periodic", "--once")
    assert ProductPage.objects.get(pk=page.pk).summary == "Oude tekst."  # not yet due

    two_hours_later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("run_periodic", "--once")
    assert ProductPage.objects.get(pk=page.pk).summary == "Nieuwe tekst."
