"""The worker-kill drill (bench/drills.py): the task worker is killed with SIGKILL in
the middle of a send; a new worker and the sweeper must deliver every notification
exactly once. What to look for: bench/README.md, "Fault drills".
"""

from __future__ import annotations

import collections
import email
import time
from pathlib import Path

from bench.drill_stack import Stack, log, ms
from bench.processes import manage

OUTBOX = """
import os
from django.utils import timezone
from cases.models import Case
from notifications.models import Notification, NotificationKind
from notifications.tasks import deliver_notification
from identity.contact_details import ContactDetails
from identity.models import User

from notifications.models import NotificationState
from django_tasks_db.models import DBTaskResult

# The demo data left tasks in the queue and notifications in the outbox; this
# drill is about its own rows only, so those are set aside first.
DBTaskResult.objects.filter(status="READY").delete()
Notification.objects.filter(
    state__in=[NotificationState.PENDING, NotificationState.SENDING]
).update(state=NotificationState.UNDELIVERABLE)

n = int(os.environ["DRILL_N"])
run = os.environ["DRILL_RUN"]
user = User.objects.get(bsn="999993653")
ContactDetails.objects.update_or_create(
    user=user,
    defaults={"email": "suzanne@example.org", "email_verified_at": timezone.now(),
              "preferred_language": "nl", "notify_by_email": True},
)
case = Case.objects.filter(roles__bsn=user.bsn).order_by("pk").first()
ids = []
for i in range(n):
    row = Notification.objects.create(
        case=case, kind=NotificationKind.STATUS_SET, bsn=user.bsn,
        dedupe_key=f"drill:{run}:{i}",
    )
    ids.append(row.pk)
# As the services do after commit: one task per row, into the database queue.
for pk in ids:
    deliver_notification.enqueue(pk)
result = ids
"""

OUTBOX_STATE = """
import os
from collections import Counter
from notifications.models import Notification
from django_tasks_db.models import DBTaskResult
ids = [int(x) for x in os.environ["DRILL_IDS"].split(",")]
rows = Notification.objects.filter(pk__in=ids)
result = {
    "rows": dict(Counter(rows.values_list("state", flat=True))),
    "attempts": dict(Counter(rows.values_list("attempts", flat=True))),
    "tasks": dict(Counter(
        DBTaskResult.objects.filter(task_path__endswith="deliver_notification")
        .values_list("status", flat=True)
    )),
}
"""


def _delivered(mail_dir: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in mail_dir.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        counts[message["Message-ID"]] += 1
    return counts


def drill_worker_kill(stack: Stack, args) -> None:
    log("\n== Drill: task worker killed mid-delivery ==")
    n, lease = args.notifications, 5
    worker_env = {
        "BENCH_MAIL_DELAY": str(args.mail_delay),
        "NOTIFICATION_SENDING_LEASE_SECONDS": str(lease),
    }
    for path in stack.mail_dir.glob("*"):
        path.unlink()
    ids = stack.django(OUTBOX, DRILL_N=str(n), DRILL_RUN=str(time.time_ns()))
    log(
        f"  {n} notifications in the outbox, {n} tasks queued; each send takes "
        f"{ms(args.mail_delay)} (stands in for SMTP); claim lease {lease} s for the drill"
    )
    state_env = {"DRILL_IDS": ",".join(map(str, ids))}

    worker = stack.start_worker(**worker_env)
    t_start = time.monotonic()
    kill_at = max(1, n // 3)
    wanted = {f"<notification-{pk}@127.0.0.1>" for pk in ids}

    def ours() -> int:
        return sum(count for key, count in _delivered(stack.mail_dir).items() if key in wanted)

    while ours() < kill_at:
        if time.monotonic() - t_start > 120:
            raise SystemExit("the worker delivered nothing in 2 minutes; see worker.log")
        time.sleep(0.02)
    # Land inside a send: wait until the worker is in the middle of the next one.
    time.sleep(args.mail_delay / 2)
    stack.processes.kill(worker)
    t_kill = time.monotonic()
    sent_before = ours()
    at_kill = stack.django(OUTBOX_STATE, **state_env)
    log(
        f"  SIGKILL after {t_kill - t_start:.1f} s: {sent_before} mails handed over; "
        f"outbox {at_kill['rows']}; queue {at_kill['tasks']}"
    )

    # Restart the worker, and run the sweeper as cron would (every 2 s instead of a minute).
    stack.start_worker(**worker_env)
    t_restart = time.monotonic()
    log("  worker restarted; `manage.py send_notifications` every 2 s (cron stand-in)")
    final: dict = {}
    while time.monotonic() - t_restart < args.deadline:
        manage("send_notifications", env={**stack.env, **worker_env})
        final = stack.django(OUTBOX_STATE, **state_env)
        if set(final["rows"]) <= {"sent", "failed", "undeliverable"}:
            break
        time.sleep(2)
    t_done = time.monotonic()
    delivered = _delivered(stack.mail_dir)
    per_row = [delivered.get(f"<notification-{pk}@127.0.0.1>", 0) for pk in ids]
    histogram = collections.Counter(per_row)
    log(
        f"  after restart: outbox {final['rows']}, attempts {final['attempts']}; "
        f"queue {final['tasks']}"
    )
    log(
        f"  deliveries per notification: exactly once {histogram.get(1, 0)}, "
        f"never {histogram.get(0, 0)}, twice or more "
        f"{sum(v for k, v in histogram.items() if k >= 2)}"
    )
    log(f"  all {n} settled {t_done - t_restart:.1f} s after the restart")
