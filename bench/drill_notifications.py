"""Notification drill (issue 18): 1,000 agency messages, 5% of the e-mail
addresses refused for good, and the Notify API down for a minute.

    .venv/bin/python bench/drill_notifications.py [--messages 1000] [--down 60]

Runs in-process on a fresh SQLite database (var/drill-notifications.sqlite3,
migrated first) against the local Notify fake (notifications/tests/fake_notify.py,
requests checked against the vendored contract). Sending happens on commit
(the task backend runs inline); a sweeper loop delivers due rows (retries with
back-off, NOTIFICATION_BACKOFF_SECONDS=5 here), lets the fake finish its
notifications, POSTs its delivery receipts to /meldingen/notify/callback and
escalates. 1 in 5 citizens whose e-mail is refused has a refused mobile number
too, so some messages go all the way to a "contact herstellen" task.

Passes when every message ends delivered (on some channel) or escalated to a
contact task, none is lost, no channel is notified twice, and the fake saw no
contract violation; prints the figures either way.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "drill-notifications.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--down", type=float, default=60.0, help="seconds the provider is down")
    parser.add_argument("--failures", type=float, default=0.05, help="share of refused e-mails")
    args = parser.parse_args()

    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["TEST_DATABASE_URL"] = f"sqlite:///{DB}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"database migrated in {time.monotonic() - t0:.0f} s")

    from notifications.tests.fake_notify import (
        API_KEY,
        CALLBACK_TOKEN,
        EMAIL_TEMPLATE,
        SMS_TEMPLATE,
        FakeNotifyServer,
    )

    with FakeNotifyServer() as fake:
        settings.NOTIFICATION_EMAIL_PROVIDER = "notify"
        settings.NOTIFICATION_SMS_PROVIDER = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        settings.NOTIFY_CALLBACK_BEARER_TOKEN = CALLBACK_TOKEN
        settings.NOTIFICATION_BACKOFF_SECONDS = 5
        return run(fake, args)


def _citizens(n: int, failures: float, fake):
    from django.utils import timezone

    from identity.contact_details import ContactDetails
    from identity.tests.factories import CitizenFactory, _nth_valid_bsn
    from notifications.models import MobileNumber

    every = round(1 / failures) if failures else 0
    bsns = []
    for i in range(n):
        bsn = _nth_valid_bsn(5000 + i)
        user = CitizenFactory(bsn=bsn, first_name=f"Inwoner{i}")
        email, mobile = f"inwoner{i}@example.org", f"+3161{i:07d}"
        ContactDetails.objects.create(user=user, email=email, email_verified_at=timezone.now())
        MobileNumber.objects.create(user=user, number=mobile, verified_at=timezone.now())
        if every and i % every == 0:
            fake.permanent.add(email)
            if (i // every) % 5 == 0:
                fake.permanent.add(mobile)
        bsns.append(bsn)
    return bsns


def run(fake, args) -> int:
    from django.test import Client

    from cases.tests.factories import AgencyFactory
    from messaging.kinds import EvidenceKind
    from messaging.models import EvidenceEvent
    from notifications import delivery
    from notifications.models import (
        ContactRestoreTask,
        DeliveryStatus,
        Notification,
        NotificationState,
    )
    from notifications.signals import letter_needed
    from notifications.tests.messages import send_to_citizen

    letters: list[int] = []
    letter_needed.connect(lambda sender, message, **kw: letters.append(message.pk), weak=False)
    t_citizens = time.monotonic()
    bsns = _citizens(args.messages, args.failures, fake)
    print(f"{len(bsns)} citizens made in {time.monotonic() - t_citizens:.0f} s", flush=True)
    agency = AgencyFactory()
    client = Client()
    callbacks = Counter()

    def sweep() -> None:
        for pk in delivery.due_ids():
            delivery.deliver(pk)
        fake.complete_all()
        for body, headers in fake.pending_callbacks():
            response = client.post(
                "/meldingen/notify/callback",
                data=body,
                content_type="application/json",
                headers=headers,
            )
            callbacks[response.status_code] += 1

    t_start = time.monotonic()
    outage: dict[str, float] = {}
    messages = []
    for i, bsn in enumerate(bsns):
        if i == args.messages // 3 and "start" not in outage:
            fake.down = True
            outage["start"] = time.monotonic()
            threading.Timer(args.down, lambda: setattr(fake, "down", False)).start()
        # A general message (no case): what is drilled is the notification.
        messages.append(send_to_citizen(None, agency=agency, bsn=bsn))  # delivered on commit
        if i % 50 == 0:
            sweep()
        if i % 100 == 0:
            print(f"  {i} messages sent, {time.monotonic() - t_start:.0f} s", flush=True)
    t_sent = time.monotonic()
    deadline = time.monotonic() + args.down + 600
    while time.monotonic() < deadline:
        sweep()
        open_rows = (
            Notification.objects.filter(message__isnull=False)
            .filter(state__in=[NotificationState.PENDING, NotificationState.SENDING])
            .count()
            + Notification.objects.filter(
                message__isnull=False,
                state=NotificationState.SENT,
                delivery_status__in=[DeliveryStatus.UNKNOWN, DeliveryStatus.SENDING],
            ).count()
        )
        if open_rows == 0 and not fake.down:
            break
        print(
            f"  settling: {open_rows} rows in flight, {time.monotonic() - t_start:.0f} s",
            flush=True,
        )
        time.sleep(1)
    t_end = time.monotonic()

    rows = Notification.objects.filter(message__isnull=False)
    delivered_messages = set(
        rows.filter(delivery_status=DeliveryStatus.DELIVERED).values_list("message_id", flat=True)
    )
    escalated_messages = set(ContactRestoreTask.objects.values_list("message_id", flat=True))
    all_messages = {m.pk for m in messages}
    lost = all_messages - delivered_messages - escalated_messages
    per_channel = Counter(rows.values_list("message_id", "channel"))
    twice_in_db = sum(1 for n in per_channel.values() if n > 1)
    accepted = Counter(item.reference for item in fake.sent)
    twice_at_provider = sum(1 for n in accepted.values() if n > 1)
    ledger = Counter(
        EvidenceEvent.objects.filter(
            kind__in=[EvidenceKind.NOTIFIED, EvidenceKind.NOTIFICATION_FAILED]
        ).values_list("kind", flat=True)
    )

    PERMANENT = DeliveryStatus.PERMANENT_FAILURE

    def count(**filters) -> int:
        return rows.filter(**filters).count()

    print("\n== Notification drill ==")
    print(f"messages sent                 {len(all_messages)} in {t_sent - t_start:.0f} s")
    print(f"provider down                 {args.down:.0f} s (from message {args.messages // 3})")
    print(f"all settled after             {t_end - t_start:.0f} s")
    print(f"rows: e-mail / sms            {count(channel='email')} / {count(channel='sms')}")
    print(
        f"delivered e-mail / sms        {count(channel='email', delivery_status='delivered')}"
        f" / {count(channel='sms', delivery_status='delivered')}"
    )
    print(
        f"permanent failures e-mail/sms {count(channel='email', delivery_status=PERMANENT)}"
        f" / {count(channel='sms', delivery_status=PERMANENT)}"
    )
    retried = sum(max(a - 1, 0) for a in rows.values_list("attempts", flat=True))
    print(f"retries (attempts beyond 1st) {retried}")
    print(f"accepted by provider          {len(fake.sent)} (callbacks: {dict(callbacks)})")
    print(f"messages delivered            {len(delivered_messages)}")
    print(f"contact tasks / letters asked {len(escalated_messages)} / {len(letters)}")
    print(
        f"ledger notified / failed      {ledger[EvidenceKind.NOTIFIED]} / "
        f"{ledger[EvidenceKind.NOTIFICATION_FAILED]}"
    )
    print(f"LOST                          {len(lost)}")
    print(f"twice per channel (db/prov.)  {twice_in_db} / {twice_at_provider}")
    print(f"contract violations           {len(fake.contract_errors)}")
    ok = not lost and not twice_in_db and not twice_at_provider and not fake.contract_errors
    ok = ok and ledger[EvidenceKind.NOTIFIED] == rows.filter(delivery_status="delivered").count()
    print("RESULT                        " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
