"""Notifications: outbox row in the change's transaction, delivered exactly once."""

import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from cases import services
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory, StatusTypeFactory
from identity.actors import Actor
from notifications import delivery, recipients
from notifications.models import (
    Notification,
    NotificationKind,
    NotificationState,
    NotificationTemplate,
    UndeliverableReason,
)
from notifications.services import notify_document_added
from notifications.tasks import deliver_notification

BSN = "999993653"
ACTOR = Actor.system("test")


@pytest.fixture
def reachable(monkeypatch):
    """The citizen has a confirmed address and wants e-mail (registry branch stand-in)."""
    contact = {"value": recipients.Contact("suzanne@example.org", "nl", True)}
    monkeypatch.setattr(delivery, "contact_for", lambda bsn: contact["value"])
    return contact


def _in_progress(case):
    return case.case_type.status_types.get(name="in_behandeling")


def _set_in_progress(case, **kwargs):
    return services.set_status(case=case, status_type=_in_progress(case), actor=ACTOR, **kwargs)


@pytest.mark.django_db
def test_notify_status_writes_one_row_per_citizen_in_the_same_transaction():
    case = CaseFactory(bsn=BSN)
    services.add_role(case=case, bsn="999990019", actor=ACTOR)
    update = _set_in_progress(case)
    rows = Notification.objects.filter(status_update=update)
    assert sorted(rows.values_list("bsn", flat=True)) == ["999990019", BSN]
    assert set(rows.values_list("state", flat=True)) == {NotificationState.PENDING}


@pytest.mark.django_db
def test_status_without_notify_flag_writes_nothing():
    case_type = CaseTypeFactory(statuses=False)
    StatusTypeFactory(case_type=case_type, order=1, notify_citizen=False)
    quiet = StatusTypeFactory(case_type=case_type, order=2, notify_citizen=False)
    case = CaseFactory(case_type=case_type)
    services.set_status(case=case, status_type=quiet, actor=ACTOR)
    assert not Notification.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_rolled_back_change_writes_no_row_and_sends_no_mail(
    reachable, django_capture_on_commit_callbacks
):
    case = CaseFactory(bsn=BSN)
    before = Notification.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _set_in_progress(case)
        raise RuntimeError("the rest of the change failed")
    assert callbacks == []
    assert Notification.objects.count() == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_committed_change_is_delivered_once_even_when_the_task_runs_twice(
    reachable, django_capture_on_commit_callbacks
):
    case = CaseFactory(
        bsn=BSN,
        title="Dakkapel",
        case_type=CaseTypeFactory(agency=AgencyFactory(name="Gemeente Zoetermeer")),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update = _set_in_progress(case, explanation="Geheime toelichting")
    row = Notification.objects.get(status_update=update)
    assert len(mail.outbox) == 1
    # The queue delivers at least once: a second (and third) run is a no-op.
    assert deliver_notification.call(row.pk) == delivery.SKIPPED
    deliver_notification.enqueue(row.pk)
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and row.attempts == 1
    message = mail.outbox[0]
    assert message.to == ["suzanne@example.org"]
    assert "Gemeente Zoetermeer" in message.subject
    link = f"{settings.PORTAL_BASE_URL}/mijn/zaken/{case.agency.slug}/{case.reference}/"
    assert link in message.body and "Dakkapel" in message.body
    # No personal details beyond case title and agency.
    assert BSN not in message.body and "Geheime toelichting" not in message.body


@pytest.mark.django_db
def test_failed_send_is_retried_with_backoff_and_never_sent_twice(reachable, monkeypatch):
    case = CaseFactory(bsn=BSN)
    row = Notification.objects.filter(case=case).get()
    original_send = EmailMessage.send
    monkeypatch.setattr(
        EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(OSError("smtp down"))
    )
    assert delivery.deliver(row.pk) == delivery.RETRY
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING and row.attempts == 1
    assert row.last_error == "OSError"
    assert row.next_attempt_at > timezone.now()
    # Not due yet: a run now does nothing.
    assert delivery.deliver(row.pk) == delivery.SKIPPED
    monkeypatch.setattr(EmailMessage, "send", original_send)
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(row.pk) == delivery.SENT
    assert delivery.deliver(row.pk) == delivery.SKIPPED
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_backoff_grows_and_gives_up_after_max_attempts(reachable, monkeypatch):
    assert [delivery.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    case = CaseFactory(bsn=BSN)
    row = Notification.objects.filter(case=case).get()
    monkeypatch.setattr(
        EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(OSError())
    )
    outcomes = []
    for _ in range(delivery.MAX_ATTEMPTS):
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        outcomes.append(delivery.deliver(row.pk))
    assert outcomes == [delivery.RETRY] * (delivery.MAX_ATTEMPTS - 1) + [delivery.FAILED]
    row.refresh_from_db()
    assert row.state == NotificationState.FAILED
    assert delivery.deliver(row.pk) == delivery.SKIPPED


@pytest.mark.django_db
def test_no_confirmed_address_is_recorded_as_not_deliverable():
    case = CaseFactory(bsn=BSN)
    row = Notification.objects.filter(case=case).get()
    assert delivery.deliver(row.pk) == delivery.UNDELIVERABLE
    row.refresh_from_db()
    assert row.state == NotificationState.UNDELIVERABLE
    assert row.undeliverable_reason == UndeliverableReason.NO_ADDRESS
    assert mail.outbox == []


@pytest.mark.django_db
def test_citizen_who_turned_email_off_gets_none(reachable):
    reachable["value"] = recipients.Contact("suzanne@example.org", "nl", False)
    case = CaseFactory(bsn=BSN)
    row = Notification.objects.filter(case=case).get()
    assert delivery.deliver(row.pk) == delivery.UNDELIVERABLE
    row.refresh_from_db()
    assert row.undeliverable_reason == UndeliverableReason.OPTED_OUT
    assert mail.outbox == []


@pytest.mark.django_db
def test_contact_for_without_contact_details_has_no_address():
    assert recipients.contact_for(BSN) == recipients.Contact(None, "nl", True)


@pytest.mark.django_db
def test_editor_template_in_the_citizens_language(reachable):
    reachable["value"] = recipients.Contact("s@example.org", "en", True)
    NotificationTemplate.objects.create(
        kind=NotificationKind.STATUS_SET,
        language="en",
        subject="Update: $case_title",
        body="Your case with $agency changed. $link",
    )
    case = CaseFactory(bsn=BSN, title="Shed")
    row = Notification.objects.filter(case=case).get()
    delivery.deliver(row.pk)
    assert mail.outbox[0].subject == "Update: Shed"
    assert mail.outbox[0].body.startswith(f"Your case with {case.agency.name} changed.")


@pytest.mark.django_db
def test_template_refuses_unknown_placeholders():
    from django.core.exceptions import ValidationError

    template = NotificationTemplate(
        kind=NotificationKind.STATUS_SET, language="nl", subject="$bsn", body="Hallo $naam"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert set(error.value.message_dict) == {"subject", "body"}


@pytest.mark.django_db
def test_document_added_entry_point_is_idempotent_per_document(reachable):
    case = CaseFactory(bsn=BSN)
    with transaction.atomic():
        first = notify_document_added(case=case, document_id=42)
        again = notify_document_added(case=case, document_id=42)
    assert len(first) == 1 and again == []
    assert first[0].kind == NotificationKind.DOCUMENT_ADDED


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_one_mail(reachable):
    """Two workers deliver the same row at the same moment: exactly one claims
    it and sends. On PostgreSQL they are real threads, each with its own
    connection (SELECT ... FOR UPDATE SKIP LOCKED). SQLite's test database is a
    shared in-memory one that refuses concurrent writers outright, so there the
    second worker runs at the worst moment instead: after the first claimed the
    row and while it is still sending."""
    case = CaseFactory(bsn=BSN)
    # The opening's commit already delivered this row (immediate task backend);
    # put it back in the queue as a fresh, due row.
    row = Notification.objects.filter(case=case).get()
    Notification.objects.filter(pk=row.pk).update(
        state=NotificationState.PENDING, attempts=0, sent_at=None
    )
    mail.outbox.clear()
    outcomes = []
    if connection.vendor == "postgresql":
        start = threading.Barrier(2)

        def worker():
            try:
                start.wait()
                outcomes.append(delivery.deliver(row.pk))
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        original_send = EmailMessage.send

        def send_while_second_worker_runs(message, *args, **kwargs):
            outcomes.append(delivery.deliver(row.pk))  # the racing worker
            return original_send(message, *args, **kwargs)

        EmailMessage.send = send_while_second_worker_runs
        try:
            outcomes.append(delivery.deliver(row.pk))
        finally:
            EmailMessage.send = original_send
    assert sorted(outcomes) == [delivery.SENT, delivery.SKIPPED]
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and row.attempts == 1


@pytest.mark.django_db
def test_sweeper_delivers_due_rows_only(reachable):
    case = CaseFactory(bsn=BSN)
    later = _set_in_progress(case)
    Notification.objects.filter(status_update=later).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    from django.core.management import call_command

    call_command("send_notifications")
    states = dict(Notification.objects.filter(case=case).values_list("status_update", "state"))
    assert states[later.pk] == NotificationState.PENDING
    assert list(states.values()).count(NotificationState.SENT) == 1


@pytest.mark.django_db
def test_failure_before_sending_gives_the_row_back(monkeypatch):
    case = CaseFactory(bsn=BSN)
    row = Notification.objects.filter(case=case).get()

    def broken(bsn):
        raise ConnectionError("registry down")

    monkeypatch.setattr(delivery, "contact_for", broken)
    assert delivery.deliver(row.pk) == delivery.RETRY
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING and row.last_error == "ConnectionError"
    assert mail.outbox == []


@pytest.mark.django_db
def test_decision_added_to_a_case_writes_a_document_notification_but_an_upload_does_not():
    from documents.tests.factories import DocumentFactory

    case = CaseFactory(bsn=BSN)
    before = set(Notification.objects.values_list("pk", flat=True))
    decision = DocumentFactory(case=case, decision=True)
    DocumentFactory(case=case, upload=True)
    new = Notification.objects.exclude(pk__in=before)
    assert list(new.values_list("kind", "dedupe_key")) == [
        (NotificationKind.DOCUMENT_ADDED, f"document:{decision.pk}:{BSN}")
    ]


def _fresh_pending_row(case):
    """The opening's commit delivered the row already (immediate backend); make it due again."""
    row = Notification.objects.filter(case=case).get()
    Notification.objects.filter(pk=row.pk).update(
        state=NotificationState.PENDING, attempts=0, sent_at=None, next_attempt_at=timezone.now()
    )
    mail.outbox.clear()
    return row


def _lapse_lease(row):
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_row_of_a_worker_killed_while_sending_is_sent_once_after_its_lease(reachable):
    """A worker claims the row and dies before marking it (SIGKILL mid-delivery):
    while the lease runs nobody else sends it; after it lapses the sweeper does, once."""
    row = _fresh_pending_row(CaseFactory(bsn=BSN))
    claimed = delivery.claim(row.pk)  # ...and the worker dies here
    assert claimed.state == NotificationState.SENDING
    lease = claimed.next_attempt_at - timezone.now()
    assert lease > timedelta(seconds=settings.NOTIFICATION_SENDING_LEASE_SECONDS - 5)
    assert delivery.due_ids() == []
    assert delivery.deliver(row.pk) == delivery.SKIPPED
    assert mail.outbox == []

    _lapse_lease(row)
    assert delivery.due_ids() == [row.pk]
    from django.core.management import call_command

    call_command("send_notifications")
    call_command("send_notifications")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and row.attempts == 2


@pytest.mark.django_db
def test_a_lapsed_claim_cannot_overwrite_the_claim_that_took_over(reachable):
    row = _fresh_pending_row(CaseFactory(bsn=BSN))
    slow = delivery.claim(row.pk)
    _lapse_lease(row)
    takeover = delivery.claim(row.pk)
    assert takeover is not None and takeover.attempts == slow.attempts + 1
    # The slow worker finally fails: its outcome must not reset the new claim.
    delivery._retry_or_fail(slow, OSError("late"))
    row.refresh_from_db()
    assert row.state == NotificationState.SENDING and row.attempts == takeover.attempts
    assert row.last_error == ""


@pytest.mark.django_db
def test_every_attempt_of_a_row_carries_the_same_message_id(reachable):
    row = _fresh_pending_row(CaseFactory(bsn=BSN))
    assert delivery.deliver(row.pk) == delivery.SENT
    expected = f"<notification-{row.pk}@{urlsplit(settings.PORTAL_BASE_URL).hostname}>"
    assert mail.outbox[0].extra_headers["Message-ID"] == expected
    assert mail.outbox[0].message()["Message-ID"] == expected


@pytest.mark.django_db
def test_queue_down_keeps_the_change_and_leaves_the_row_for_the_sweeper(
    reachable, monkeypatch, django_capture_on_commit_callbacks
):
    """TASK_BACKEND=redis with Redis stopped: enqueue raises after the commit. The
    change stands (no error page), and the sweeper delivers the row later."""
    case = CaseFactory(bsn=BSN)
    # The opening's own row is not what this test is about.
    Notification.objects.filter(case=case).update(state=NotificationState.SENT)
    mail.outbox.clear()

    def queue_down(*args, **kwargs):
        raise ConnectionError("redis down")

    from notifications import services as notification_services

    monkeypatch.setattr(notification_services, "_enqueue", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        update = _set_in_progress(case)
    row = Notification.objects.get(status_update=update)
    assert row.state == NotificationState.PENDING and mail.outbox == []
    from django.core.management import call_command

    call_command("send_notifications")
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and len(mail.outbox) == 1
