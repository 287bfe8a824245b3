"""Issue 18 wiring: notification channels follow the consent per message type
(Awb 2:8), and an escalation puts a formal message on the postal letter queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from messaging.consent import set_consent
from messaging.consent_models import MessageType, PostalLetter
from messaging.kinds import EvidenceKind
from messaging.ledger import verify_chain
from messaging.models import EvidenceEvent
from messaging.tests.factories import global_message_types
from notifications import delivery, escalation
from notifications.channels import channels_for
from notifications.models import (
    Channel,
    ContactRestoreReason,
    ContactRestoreTask,
    MobileNumber,
    Notification,
    NotificationState,
)

from .fake_notify import CALLBACK_TOKEN
from .messages import send_to_citizen

CALLBACK = "/meldingen/notify/callback"


@pytest.fixture
def aanvulling(db):
    global_message_types()
    return MessageType.objects.get(agency=None, code="verzoek_aanvulling")


def _consent(user, message_type, *, digital=True, email=False, sms=False):
    set_consent(
        actor=Actor.citizen(user),
        citizen_bsn=user.bsn,
        message_type=message_type,
        digital=digital,
        email=email,
        sms=sms,
    )


def _channels(message):
    return sorted(Notification.objects.filter(message=message).values_list("channel", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "sms", "expected"),
    [
        (True, True, [Channel.EMAIL, Channel.SMS]),
        (False, True, [Channel.SMS]),
        (True, False, [Channel.EMAIL]),
        (False, False, []),
    ],
)
def test_a_typed_message_is_notified_on_the_channels_consented_for_its_type(
    citizen, notify, aanvulling, email, sms, expected
):
    _consent(citizen, aanvulling, email=email, sms=sms)
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert _channels(message) == sorted(expected)


@pytest.mark.django_db
def test_without_digital_consent_for_the_type_no_notification_is_sent(citizen, notify, aanvulling):
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert _channels(message) == []


@pytest.mark.django_db
def test_a_consented_channel_without_a_confirmed_address_is_skipped(citizen, notify, aanvulling):
    from notifications.models import MobileNumber

    MobileNumber.objects.filter(user=citizen).update(verified_at=None)
    _consent(citizen, aanvulling, email=True, sms=True)
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert _channels(message) == [Channel.EMAIL]


@pytest.mark.django_db
def test_consent_for_another_type_does_not_count(citizen, notify, aanvulling):
    other = MessageType.objects.filter(agency=None).exclude(pk=aanvulling.pk).first()
    _consent(citizen, other, email=True, sms=True)
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert channels_for(citizen.bsn, message) == []


@pytest.mark.django_db
def test_a_message_without_a_type_keeps_the_confirmed_email(citizen, notify, aanvulling):
    _consent(citizen, aanvulling, email=False, sms=True)  # consent of a type does not apply
    message = send_to_citizen(CaseFactory())
    assert _channels(message) == [Channel.EMAIL]


def _make_unread(message, days=10):
    long_ago = timezone.now() - timedelta(days=days)
    Notification.objects.filter(message=message).update(created_at=long_ago)
    type(message).objects.filter(pk=message.pk).update(sent_at=long_ago)


@pytest.mark.django_db
def test_an_unread_formal_message_is_queued_for_the_post_once(citizen, notify, aanvulling):
    _consent(citizen, aanvulling, email=True)
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert not PostalLetter.objects.exists()  # consented: it went digitally
    _make_unread(message)
    # No SMS consent for this type (Awb 2:8): straight to the task and the letter.
    assert escalation.escalate_unread() == 1
    assert _channels(message) == [Channel.EMAIL]
    assert ContactRestoreTask.objects.get(message=message).reason == ContactRestoreReason.UNREAD
    letter = PostalLetter.objects.get(message=message)
    assert letter.agency == message.agency
    (event,) = EvidenceEvent.objects.filter(message=message, kind=EvidenceKind.LETTER_QUEUED)
    assert event.detail == {"letter": letter.pk, "reason": "escalation_unread"}
    assert verify_chain(message)

    # Asked again (a second escalation path, a retried task): still one letter.
    escalation.restore_contact(
        agency=message.agency,
        case=message.case,
        message=message,
        bsn=message.citizen_bsn,
        reason=ContactRestoreReason.FAILED,
        key="another-key",
    )
    assert PostalLetter.objects.filter(message=message).count() == 1
    assert (
        EvidenceEvent.objects.filter(message=message, kind=EvidenceKind.LETTER_QUEUED).count() == 1
    )


@pytest.mark.django_db
def test_escalation_never_tries_sms_without_sms_consent_for_the_type(citizen, notify, aanvulling):
    """A failed e-mail of a type the citizen allowed on e-mail only does not
    become an SMS (Awb 2:8: consent per kind of message and per channel), even
    though a confirmed mobile number and an SMS provider are there."""
    _consent(citizen, aanvulling, email=True, sms=False)
    notify.permanent.add("suzanne@example.org")
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    email = Notification.objects.get(message=message)
    delivery.deliver(email.pk)
    notify.complete_all()
    for body, headers in notify.pending_callbacks(CALLBACK_TOKEN):
        Client().post(CALLBACK, data=body, content_type="application/json", headers=headers)
    email.refresh_from_db()
    assert email.state == NotificationState.FAILED and email.escalated_at
    assert _channels(message) == [Channel.EMAIL]
    assert notify.by_reference(f"notification-{email.pk}")  # the e-mail was tried
    assert [sent for sent in notify.sent if sent.type == "sms"] == []
    task = ContactRestoreTask.objects.get(message=message)
    assert task.reason == ContactRestoreReason.FAILED
    assert PostalLetter.objects.filter(message=message).count() == 1


@pytest.mark.django_db
def test_escalation_tries_sms_when_the_citizen_consented_to_it_for_the_type(
    citizen, notify, aanvulling
):
    """The other channel is tried when it is allowed: here the mobile number was
    confirmed only after the message was notified by e-mail."""
    _consent(citizen, aanvulling, email=True, sms=True)
    MobileNumber.objects.filter(user=citizen).update(verified_at=None)
    message = send_to_citizen(CaseFactory(), message_type=aanvulling)
    assert _channels(message) == [Channel.EMAIL]
    MobileNumber.objects.filter(user=citizen).update(verified_at=timezone.now())
    _make_unread(message)
    assert escalation.escalate_unread() == 1
    assert _channels(message) == [Channel.EMAIL, Channel.SMS]
    assert not ContactRestoreTask.objects.filter(message=message).exists()


@pytest.mark.django_db
def test_an_informal_message_is_not_put_on_paper(citizen, notify):
    message = send_to_citizen(CaseFactory(), formal=False)
    escalation.restore_contact(
        agency=message.agency,
        case=message.case,
        message=message,
        bsn=message.citizen_bsn,
        reason=ContactRestoreReason.FAILED,
        key="informal",
    )
    assert not PostalLetter.objects.exists()
