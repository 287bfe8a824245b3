"""Notifications of agency messages on e-mail and SMS, through a real SMTP
server and a fake of the Notify API that checks its published contract;
delivery status by callback and polling; ledger events; escalation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from cases.tests.factories import CaseFactory
from messaging.kinds import Direction, EvidenceKind
from messaging.ledger import verify_chain
from messaging.models import EvidenceEvent
from notifications import delivery, escalation, polling
from notifications.models import (
    Channel,
    ContactRestoreReason,
    ContactRestoreTask,
    DeliveryStatus,
    Notification,
    NotificationKind,
    NotificationState,
    NotificationTemplate,
)
from notifications.signals import letter_needed

from .fake_notify import CALLBACK_TOKEN
from .messages import send_to_citizen

CALLBACK = "/meldingen/notify/callback"


def _callbacks(fake, token=CALLBACK_TOKEN):
    client = Client()
    return [
        client.post(CALLBACK, data=body, content_type="application/json", headers=headers)
        for body, headers in fake.pending_callbacks(token)
    ]


def _ledger(message, kind):
    return list(EvidenceEvent.objects.filter(message=message, kind=kind).order_by("sequence"))


@pytest.fixture
def letters():
    asked = []

    def receiver(sender, message, reason, **kwargs):
        asked.append((message.pk, reason))

    letter_needed.connect(receiver, dispatch_uid="test-letters")
    yield asked
    letter_needed.disconnect(dispatch_uid="test-letters")


@pytest.mark.django_db
def test_a_message_to_the_citizen_writes_one_row_per_chosen_channel_once(citizen, notify):
    case = CaseFactory()
    message = send_to_citizen(case)
    from messaging.signals import message_sent

    message_sent.send(sender=type(message), message=message, actor=None)  # delivered twice
    rows = Notification.objects.filter(message=message)
    # A message without a type: the confirmed e-mail, as before (channels_for).
    assert [(r.channel, r.kind) for r in rows] == [(Channel.EMAIL, NotificationKind.MESSAGE)]


@pytest.mark.django_db
def test_a_citizens_own_message_notifies_nobody(citizen, notify):
    message = send_to_citizen(CaseFactory(), direction=Direction.TO_AGENCY)
    assert not Notification.objects.filter(message=message).exists()


@pytest.mark.django_db
def test_notify_email_states_the_four_facts_and_ends_delivered_by_callback(citizen, notify):
    deadline = timezone.localdate() + timedelta(days=14)
    message = send_to_citizen(CaseFactory(), expects_action_by=deadline)
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.SENT
    (sent,) = notify.sent
    assert sent.to == "suzanne@example.org" and sent.reference == f"notification-{row.pk}"
    text = sent.personalisation["body"]
    assert "Beste Suzanne," in text and "Verzoek om aanvulling" in text
    assert "formeel bericht" in text and "actie van u verwacht" in text
    assert str(deadline.year) in text and "999993653" not in text
    assert "Stuur ons uw bankafschriften" not in text  # a pointer, not the message
    row.refresh_from_db()
    assert row.provider == "notify" and row.delivery_status == DeliveryStatus.UNKNOWN

    notify.complete_all()
    responses = _callbacks(notify)
    assert [r.status_code for r in responses] == [204]
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED and row.delivered_at
    (event,) = _ledger(message, EvidenceKind.NOTIFIED)
    assert event.detail == {"channel": "email", "provider": "notify", "status": "delivered"}
    assert verify_chain(message)


@pytest.mark.django_db
def test_a_repeated_callback_records_the_delivery_once(citizen, notify):
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    delivery.deliver(row.pk)
    notify.complete_all()
    ((body, headers),) = list(notify.pending_callbacks())
    client = Client()
    for _ in range(3):  # Notify retries a callback it thinks failed
        client.post(CALLBACK, data=body, content_type="application/json", headers=headers)
    assert len(_ledger(message, EvidenceKind.NOTIFIED)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_a_callback_without_the_bearer_token_is_refused(citizen, notify, token):
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    delivery.deliver(row.pk)
    notify.complete_all()
    (response,) = _callbacks(notify, token=token)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.UNKNOWN


@pytest.mark.django_db
def test_polling_records_the_status_when_no_callback_came(citizen, notify):
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    delivery.deliver(row.pk)
    Notification.objects.filter(pk=row.pk).update(sent_at=timezone.now() - timedelta(minutes=5))
    notify.complete_all()
    assert polling.poll() == {"delivered": 1}
    assert polling.poll() == {}
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED


@pytest.mark.django_db
def test_temporary_failure_is_retried_with_backoff_then_delivered(citizen, notify):
    notify.temporary.add("suzanne@example.org")
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    delivery.deliver(row.pk)
    notify.complete_all()
    _callbacks(notify)
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING
    assert row.delivery_status == DeliveryStatus.TEMPORARY_FAILURE
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=30)
    assert delivery.deliver(row.pk) == delivery.SKIPPED  # not due yet
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(row.pk) == delivery.SENT
    notify.complete_all()
    _callbacks(notify)
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED and row.attempts == 2
    assert len(notify.by_reference(f"notification-{row.pk}")) == 2
    assert _ledger(message, EvidenceKind.NOTIFICATION_FAILED) == []


@pytest.mark.django_db
def test_permanent_failure_tries_sms_then_creates_the_contact_task_and_asks_for_the_letter(
    citizen, notify, letters
):
    notify.permanent.update({"suzanne@example.org", "+31612345678"})
    message = send_to_citizen(CaseFactory())
    email = Notification.objects.get(message=message)
    delivery.deliver(email.pk)
    notify.complete_all()
    _callbacks(notify)
    email.refresh_from_db()
    assert email.state == NotificationState.FAILED and email.escalated_at
    sms = Notification.objects.get(message=message, channel=Channel.SMS)
    assert sms.escalated_from_id == email.pk
    assert not ContactRestoreTask.objects.exists()  # the other channel is still trying

    delivery.deliver(sms.pk)
    notify.complete_all()
    _callbacks(notify)
    task = ContactRestoreTask.objects.get()
    assert (task.message, task.case, task.reason) == (
        message,
        message.case,
        ContactRestoreReason.FAILED,
    )
    assert letters == [(message.pk, ContactRestoreReason.FAILED)]
    failed = _ledger(message, EvidenceKind.NOTIFICATION_FAILED)
    assert [e.detail["channel"] for e in failed] == ["email", "sms"]
    # Escalating again changes nothing: one task, one letter, one row per channel.
    escalation.escalate_failure(email)
    escalation.escalate_failure(sms)
    assert ContactRestoreTask.objects.count() == 1 and len(letters) == 1
    assert Notification.objects.filter(message=message).count() == 2


@pytest.mark.django_db
def test_provider_down_is_retried_and_the_row_is_not_lost(citizen, notify):
    notify.down = True
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.RETRY
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING and row.last_error == "HTTP503Error"
    notify.down = False
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(row.pk) == delivery.SENT


@pytest.mark.django_db
def test_smtp_delivers_to_a_real_server_and_records_notified(citizen, smtp):
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.SENT
    (mail,) = smtp.keeper.messages
    assert mail["To"] == "suzanne@example.org"
    assert mail["Message-ID"] == delivery.message_id(row)
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED and row.provider == "smtp"
    assert len(_ledger(message, EvidenceKind.NOTIFIED)) == 1


@pytest.mark.django_db
def test_smtp_refusal_is_a_permanent_failure_and_escalates(citizen, smtp, letters):
    citizen.contact_details.email = "bounce@example.org"
    citizen.contact_details.save()
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.FAILED
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.PERMANENT_FAILURE
    assert smtp.keeper.messages == []
    assert _ledger(message, EvidenceKind.NOTIFICATION_FAILED)[0].detail["status"] == (
        "permanent-failure"
    )
    # No SMS provider in this deployment: straight to the contact task and the letter.
    assert ContactRestoreTask.objects.filter(message=message).count() == 1
    assert letters == [(message.pk, ContactRestoreReason.FAILED)]


@pytest.mark.django_db
def test_smtp_transient_refusal_is_retried(citizen, smtp):
    citizen.contact_details.email = "busy@example.org"
    citizen.contact_details.save()
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.RETRY


@pytest.mark.django_db
def test_unread_formal_message_escalates_after_the_agencys_working_days(citizen, notify, letters):
    message = send_to_citizen(CaseFactory())
    email = Notification.objects.get(message=message)
    delivery.deliver(email.pk)
    notify.complete_all()
    _callbacks(notify)
    assert escalation.escalate_unread() == 0  # just sent
    ten_days_ago = timezone.now() - timedelta(days=10)  # > 5 working days in any week
    Notification.objects.filter(pk=email.pk).update(created_at=ten_days_ago)
    type(message).objects.filter(pk=message.pk).update(sent_at=ten_days_ago)
    assert escalation.escalate_unread() == 1
    assert Notification.objects.filter(message=message, channel=Channel.SMS).exists()
    assert escalation.escalate_unread() == 0  # the SMS gets its own working days
    Notification.objects.filter(message=message, channel=Channel.SMS).update(
        created_at=ten_days_ago
    )
    assert escalation.escalate_unread() == 1
    task = ContactRestoreTask.objects.get(message=message)
    assert task.reason == ContactRestoreReason.UNREAD
    assert letters == [(message.pk, ContactRestoreReason.UNREAD)]
    assert escalation.escalate_unread() == 0


@pytest.mark.django_db
def test_an_opened_message_is_not_escalated(citizen, notify):
    message = send_to_citizen(CaseFactory())
    type(message).objects.filter(pk=message.pk).update(first_opened_at=timezone.now())
    assert escalation.escalate_unread(today=timezone.localdate() + timedelta(days=30)) == 0


@pytest.mark.django_db
def test_template_without_the_four_awb_facts_is_refused_with_a_clear_error():
    template = NotificationTemplate(
        kind=NotificationKind.MESSAGE,
        language="nl",
        subject="Nieuw bericht van $agency",
        body="Beste $first_name, lees het bericht: $link. $message_kind",
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    text = " ".join(error.value.message_dict["body"])
    assert "Awb 2:10 lid 2" in text
    assert "$legal_effect" in text and "$action_expected" in text and "$deadline" in text
    template.body += " $legal_effect $action_expected $deadline"
    template.full_clean()


@pytest.mark.django_db
def test_template_refuses_personal_data_beyond_the_first_name():
    template = NotificationTemplate(
        kind=NotificationKind.MESSAGE,
        language="nl",
        subject="Bericht",
        body="$last_name $message_kind $legal_effect $action_expected $deadline",
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "body" in error.value.message_dict


@pytest.mark.django_db
def test_readyz_reports_a_provider_that_keeps_failing(citizen, notify):
    client = Client()
    assert client.get("/readyz").json()["checks"]["notification_provider"] == "off"
    notify.down = True
    for _ in range(3):
        message = send_to_citizen(CaseFactory())
        delivery.deliver(Notification.objects.get(message=message).pk)
    response = client.get("/readyz")
    assert response.status_code == 200  # degraded, not unavailable: the outbox waits
    assert response.json()["checks"]["notification_provider"] == "down"
    assert response.json()["status"] == "degraded"
    notify.down = False
    row = Notification.objects.filter(state=NotificationState.PENDING).first()
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(row.pk) == delivery.SENT
    assert client.get("/readyz").json()["checks"]["notification_provider"] == "ok"


@pytest.mark.django_db
def test_mobile_number_is_confirmed_with_the_code_sent_by_sms_and_rate_limited(notify):
    from identity.tests.factories import CitizenFactory
    from notifications import mobile
    from notifications.channels import verified_mobile

    user = CitizenFactory(bsn="999993653")
    with pytest.raises(ValidationError):
        mobile.request_mobile_code(user=user, number="0791234567")  # a landline
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        mobile.request_mobile_code(user=user, number="06-12345678")
    (sms,) = notify.sent
    assert sms.type == "sms" and sms.to == "0612345678"
    code = sms.personalisation["body"].split("is ")[1][:6]
    with pytest.raises(ValidationError) as error:
        mobile.request_mobile_code(user=user, number="0612345678")
    assert error.value.code == "too_soon"
    assert verified_mobile("999993653") is None
    with pytest.raises(ValidationError):
        mobile.confirm_mobile_code(user=user, code="000000" if code != "000000" else "111111")
    mobile.confirm_mobile_code(user=user, code=code)
    assert verified_mobile("999993653") == "0612345678"


@pytest.mark.django_db
def test_mobile_code_dies_after_five_wrong_tries(notify):
    from identity.tests.factories import CitizenFactory
    from notifications import mobile

    user = CitizenFactory(bsn="999993653")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        mobile.request_mobile_code(user=user, number="0612345678")
    code = notify.sent[0].personalisation["body"].split("is ")[1][:6]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(mobile.WRONG_ATTEMPTS):
        with pytest.raises(ValidationError):
            mobile.confirm_mobile_code(user=user, code=wrong)
    with pytest.raises(ValidationError):
        mobile.confirm_mobile_code(user=user, code=code)


@pytest.mark.django_db
def test_the_citizen_reads_each_channels_state_on_the_message(citizen, notify):
    from notifications.selectors import notification_lines

    notify.permanent.add("suzanne@example.org")
    message = send_to_citizen(CaseFactory())
    delivery.deliver(Notification.objects.get(message=message).pk)
    notify.complete_all()
    _callbacks(notify)
    delivery.deliver(Notification.objects.get(message=message, channel=Channel.SMS).pk)
    notify.complete_all()
    _callbacks(notify)
    email, sms = notification_lines(message)
    assert (email.delivered, email.text) == (False, "e-mail niet bezorgd")
    assert sms.delivered is True and sms.text.startswith("sms bezorgd op ")


@pytest.mark.django_db
def test_an_address_removed_after_the_choice_escalates_instead_of_dropping(citizen, notify):
    message = send_to_citizen(CaseFactory())
    row = Notification.objects.get(message=message)
    citizen.contact_details.email_verified_at = None
    citizen.contact_details.save()
    assert delivery.deliver(row.pk) == delivery.UNDELIVERABLE
    assert _ledger(message, EvidenceKind.NOTIFICATION_FAILED)[0].detail["channel"] == "email"
    assert Notification.objects.filter(message=message, channel=Channel.SMS).exists()
