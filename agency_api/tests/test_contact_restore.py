"""Issue 18: a "contact herstellen" task becomes one webhook event for the agency."""

import pytest
from django.utils import timezone

from agency_api.contact_restore import CONTACT_RESTORE_NEEDED
from agency_api.models import WebhookEvent, WebhookSubscription
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.contact_details import ContactDetails
from identity.tests.factories import CitizenFactory
from notifications import delivery, escalation
from notifications.models import ContactRestoreTask, Notification
from notifications.tests.messages import send_to_citizen
from notifications.tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db


def test_contact_restore_task_sends_one_webhook_event_without_the_citizen(settings):
    agency = AgencyFactory()
    WebhookSubscription.objects.create(agency=agency, url="https://hooks.example/ol")
    user = CitizenFactory(bsn="999993653")
    ContactDetails.objects.create(
        user=user, email="bounce@example.org", email_verified_at=timezone.now()
    )
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency))
    with SMTPServer() as server:
        settings.MAILERS = server.mailer()
        message = send_to_citizen(case)
        row = Notification.objects.get(message=message)
        delivery.deliver(row.pk)
    escalation.escalate_failure(row)  # a second escalation sends nothing more
    task = ContactRestoreTask.objects.get()
    (event,) = WebhookEvent.objects.filter(event_type=CONTACT_RESTORE_NEEDED)
    assert event.payload["kenmerken"]["taak"] == str(task.public_id)
    assert event.payload["kenmerken"]["bericht"] == str(message.public_id)
    assert event.payload["kenmerken"]["zaak"] == case.reference
    assert "999993653" not in str(event.payload)
