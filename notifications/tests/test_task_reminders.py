"""Task reminders (issue 21): one outbox row per task, a few days before its
deadline, delivered under the citizen's own e-mail preferences."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.contact_details import ContactDetails
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.kinds import TaskKind, TaskOrigin
from messaging.models import Task
from messaging.reminders import send_task_reminders
from messaging.tests.task_helpers import make_task
from notifications import delivery
from notifications.models import (
    Notification,
    NotificationKind,
    NotificationState,
    UndeliverableReason,
)
from portal.periodic import JOBS

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def suzanne():
    user = CitizenFactory(bsn=BSN)
    ContactDetails.objects.create(
        user=user,
        email="suzanne@example.org",
        email_verified_at=timezone.now(),
        preferred_language="nl",
        notify_by_email=True,
    )
    return user


def _reminders():
    return Notification.objects.filter(kind=NotificationKind.TASK_REMINDER)


def test_a_task_due_within_the_window_is_reminded_exactly_once(settings, suzanne):
    settings.TASK_REMINDER_DAYS_BEFORE = 3
    case = CaseFactory(in_progress=True)
    soon = make_task(case, days=3, title="Binnen drie dagen")
    later = make_task(case, days=4, title="Later")
    assert send_task_reminders() == 1
    assert send_task_reminders() == 0  # the next hourly run
    call_command("remind_tasks", stdout=StringIO())
    rows = list(_reminders())
    assert [(row.bsn, row.case_id) for row in rows] == [(BSN, case.pk)]
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None
    assert later.reminded_at is None
    # A day later the other task enters the window, and is reminded once too.
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert send_task_reminders(today=tomorrow) == 1
    assert send_task_reminders(today=tomorrow) == 0
    assert _reminders().count() == 2


def test_finished_overdue_and_undated_tasks_get_no_reminder(suzanne):
    case = CaseFactory(in_progress=True)
    done = make_task(case, days=1, kind=TaskKind.PAY, title="Betaald")
    services.complete_task(task=done, actor=Actor.system("kassa"))
    cancelled = make_task(case, days=1, title="Ingetrokken")
    services.cancel_task(task=cancelled, actor=Actor.system("test"))
    overdue = make_task(case, days=1, title="Te laat")
    Task.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    make_task(case, days=None, title="Zonder datum")
    services.create_task(
        actor=Actor.system("test"),
        agency=case.agency,
        citizen_bsn=BSN,
        kind=TaskKind.ANSWER,
        title="Zonder zaak",
        origin=TaskOrigin.API,
        due_on=timezone.localdate() + timedelta(days=1),
    )
    assert send_task_reminders() == 0
    assert not _reminders().exists()


def test_the_reminder_links_to_mijn_taken_and_goes_to_the_task_holder_only(
    settings, suzanne, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    case = CaseFactory(in_progress=True)
    services_case_partner = "999990019"
    from cases import services as case_services

    case_services.add_role(case=case, bsn=services_case_partner, actor=Actor.system("test"))
    make_task(case, days=2)
    with django_capture_on_commit_callbacks(execute=True):
        send_task_reminders()
    row = _reminders().get()
    assert row.bsn == BSN
    assert row.state == NotificationState.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["suzanne@example.org"]
    assert f"{settings.PORTAL_BASE_URL}/mijn/taken/" in mail.outbox[0].body
    assert case.title in mail.outbox[0].body


def test_a_citizen_who_switched_email_off_gets_no_reminder_mail(suzanne):
    ContactDetails.objects.filter(user=suzanne).update(notify_by_email=False)
    make_task(CaseFactory(in_progress=True), days=1)
    send_task_reminders()
    row = _reminders().get()
    assert delivery.deliver(row.pk) == delivery.UNDELIVERABLE
    row.refresh_from_db()
    assert row.undeliverable_reason == UndeliverableReason.OPTED_OUT
    assert not mail.outbox


def test_the_reminder_job_runs_on_the_clock():
    assert "remind_tasks" in [job.command for job in JOBS]
