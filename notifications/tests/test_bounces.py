"""Late bounces (RFC 3464 DSNs) read from a real IMAP server (pymap): an e-mail
our relay accepted, bounced later by the receiving side, ends permanently
failed and escalates; the same bounce read twice changes nothing (decision 0043)."""

from __future__ import annotations

import pytest

from cases.tests.factories import CaseFactory
from messaging.kinds import EvidenceKind
from messaging.ledger import verify_chain
from messaging.models import EvidenceEvent
from notifications import bounces, delivery
from notifications.bounce_mailbox import apply, read_bounces
from notifications.models import (
    ContactRestoreReason,
    ContactRestoreTask,
    DeliveryStatus,
    Notification,
    NotificationState,
)
from notifications.signals import letter_needed

from .dsn_samples import exim_bounce, postfix_bounce, postfix_delay
from .imap_server import IMAPServer
from .messages import send_to_citizen

BOUNCE_ADDRESS = "bounces@openloket.example"
RECIPIENT = "suzanne@example.org"


@pytest.fixture
def verp(settings):
    settings.NOTIFICATION_BOUNCE_ADDRESS = BOUNCE_ADDRESS
    settings.DEFAULT_FROM_EMAIL = "Open Loket <noreply@openloket.example>"


@pytest.fixture
def imap():
    with IMAPServer() as server:
        yield server


@pytest.fixture
def letters():
    asked = []

    def receiver(sender, message, reason, **kwargs):
        asked.append((message.pk, reason))

    letter_needed.connect(receiver, dispatch_uid="test-bounce-letters")
    yield asked
    letter_needed.disconnect(dispatch_uid="test-bounce-letters")


def _sent_email(smtp):
    """A formal message notified by e-mail, accepted by the (real) SMTP relay."""
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.SENT
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED
    (mail,), ((mail_from, _rcpts),) = smtp.keeper.messages, smtp.keeper.envelopes
    return message, row, mail, mail_from


def _failed_events(message):
    return list(
        EvidenceEvent.objects.filter(message=message, kind=EvidenceKind.NOTIFICATION_FAILED)
    )


@pytest.mark.django_db
def test_each_email_leaves_with_its_own_signed_envelope_sender(citizen, smtp, verp):
    _message, row, mail, mail_from = _sent_email(smtp)
    assert mail_from == bounces.envelope_sender(row.pk)
    assert mail_from.startswith(f"bounces+n{row.pk}-") and mail_from.endswith("@openloket.example")
    assert mail["From"] == "Open Loket <noreply@openloket.example>"  # the header is unchanged
    assert mail["Message-ID"] == delivery.message_id(row)
    assert bounces.notification_pk(mail_from) == row.pk
    forged = mail_from.replace(f"+n{row.pk}-", f"+n{row.pk + 1}-")
    assert bounces.notification_pk(forged) is None


@pytest.mark.django_db
def test_without_a_bounce_address_the_envelope_sender_is_the_from_address(citizen, smtp):
    _message, _row, _mail, mail_from = _sent_email(smtp)
    assert mail_from == "noreply@openloket.example"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dsn", "status"), [(postfix_bounce, "5.1.1"), (exim_bounce, "5.0.0")], ids=["postfix", "exim"]
)
def test_a_late_bounce_in_the_imap_mailbox_fails_the_email_and_escalates_once(
    citizen, smtp, verp, imap, letters, dsn, status
):
    message, row, mail, mail_from = _sent_email(smtp)
    imap.deliver(dsn(mail, mail_from, RECIPIENT, status))

    counts = read_bounces(imap.url)
    assert counts["failed"] == 1
    assert counts["ignored"] >= 1  # pymap's demo messages: not bounces, left alone
    row.refresh_from_db()
    assert row.state == NotificationState.FAILED
    assert row.delivery_status == DeliveryStatus.PERMANENT_FAILURE
    assert row.delivered_at is None and row.last_error == f"dsn-{status}"
    assert row.escalated_at is not None
    (event,) = _failed_events(message)
    assert event.detail == {
        "channel": "email",
        "provider": "smtp",
        "status": "permanent-failure",
        "dsn_status": status,
    }
    assert verify_chain(message)
    # No SMS provider here: the contact task and the paper letter, once.
    task = ContactRestoreTask.objects.get(message=message)
    assert task.reason == ContactRestoreReason.FAILED
    assert letters == [(message.pk, ContactRestoreReason.FAILED)]
    assert imap.unseen() == []  # everything read was flagged \Seen

    # The same bounce read again (flags lost) and delivered twice: nothing changes.
    imap.mark_all_unseen()
    imap.deliver(dsn(mail, mail_from, RECIPIENT, status))
    again = read_bounces(imap.url)
    assert again["skipped"] == 2 and "failed" not in again
    assert len(_failed_events(message)) == 1
    assert ContactRestoreTask.objects.filter(message=message).count() == 1
    assert len(letters) == 1


@pytest.mark.django_db
def test_a_delay_warning_changes_nothing(citizen, smtp, verp, imap):
    message, row, mail, mail_from = _sent_email(smtp)
    imap.deliver(postfix_delay(mail, mail_from, RECIPIENT))
    assert read_bounces(imap.url)["delayed"] == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT
    assert row.delivery_status == DeliveryStatus.DELIVERED
    assert _failed_events(message) == []
    assert not ContactRestoreTask.objects.exists()


@pytest.mark.django_db
def test_a_forged_or_foreign_report_is_ignored(citizen, smtp, verp):
    message, row, mail, mail_from = _sent_email(smtp)
    good = postfix_bounce(mail, mail_from, RECIPIENT)
    signature = mail_from.split("-")[-1].split("@")[0]
    forged = good.replace(signature.encode(), b"0" * 16)
    assert apply(forged) == "ignored"
    # A read receipt (RFC 8098) is a report, but not about delivery.
    receipt = good.replace(b"report-type=delivery-status", b"report-type=disposition-notification")
    assert apply(receipt) == "ignored"
    auto_reply = (
        f"To: {mail_from}\r\nSubject: Afwezig\r\nContent-Type: text/plain\r\n\r\n"
        "Ik ben tot maandag afwezig.\r\n"
    ).encode()
    assert apply(auto_reply) == "ignored"
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and _failed_events(message) == []
