"""Housekeeping that must run on a clock: scheduled publishing, the outbox
sweepers and pruning.

`manage.py run_periodic` runs JOBS in one long-lived process (started by
`make run`; in production a cron job or systemd timer per line of JOBS does the
same, see docs/deploy.md). The schedule is kept in memory: after a restart every
job runs once straight away, which is harmless because each command only acts
on what is due (Wagtail's publish_scheduled publishes revisions whose time has
passed; the prune commands delete what is older than their retention).

The loop itself is `Scheduler.run_due(now)`, which tests call with a fake clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.management import call_command

logger = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta
    args: tuple[str, ...] = ()


JOBS = [
    # Wagtail: publish revisions whose go-live time has passed, unpublish expired pages.
    Job("publish_scheduled", MINUTE),
    # Outbox sweepers: notifications and webhooks whose task was lost (a worker
    # killed mid-task, a queue down at enqueue time) or whose retry is due.
    Job("send_notifications", MINUTE),
    Job("deliver_webhooks", MINUTE),
    # Reminders of open tasks before their deadline (TASK_REMINDER_DAYS_BEFORE), once per task.
    Job("remind_tasks", HOUR),
    # Files chosen in request forms that were never sent (REQUEST_PENDING_UPLOAD_HOURS).
    Job("prune_pending_uploads", HOUR),
    # Request drafts ("Concept") 90 days after the last save (decision 0044; AVG
    # art. 5 lid 1 sub e): hidden at once, deleted here.
    Job("prune_request_drafts", DAY),
    # The access log's retention (ACCESS_LOG_RETENTION_DAYS).
    Job("prune_access_log", DAY),
    # Stored API Idempotency-Key responses (24 hours).
    Job("prune_idempotency_keys", DAY),
    # Notification delivery statuses the provider did not call back, and formal
    # messages left unread for the agency's working days (issue 18).
    Job("check_notifications", 5 * MINUTE),
    # The outage register's automatic entries (messaging/channel_health.py).
    Job("check_submission_channel", MINUTE),
]


@dataclass
class Scheduler:
    jobs: list[Job]
    run: Callable[[Job], None] = field(default=lambda job: call_command(job.command, *job.args))
    next_run: dict[str, datetime] = field(default_factory=dict)

    def run_due(self, now: datetime) -> list[str]:
        """Run every job that is due at `now`; return the names of those that ran.

        A job that fails is logged and tried again at its next interval, so one
        broken command never stops the others.
        """
        ran = []
        for job in self.jobs:
            due = self.next_run.get(job.command)
            if due is not None and now < due:
                continue
            self.next_run[job.command] = now + job.every
            try:
                self.run(job)
            except Exception:
                logger.exception("Periodic job %s failed", job.command)
            ran.append(job.command)
        return ran

    def seconds_until_next(self, now: datetime) -> float:
        """How long the loop may sleep before a job is due (0 when one is)."""
        if not self.next_run or len(self.next_run) < len(self.jobs):
            return 0.0
        soonest = min(self.next_run.values())
        return max(0.0, (soonest - now).total_seconds())
