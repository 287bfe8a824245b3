"""Issue 18: "contact herstellen" tasks on the case screen, the dashboard and
the operator page, for the caseworker's own agencies only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.contact_details import ContactDetails
from identity.tests.factories import CitizenFactory
from notifications import delivery
from notifications.models import ContactRestoreTask, Notification
from notifications.tests.messages import send_to_citizen
from notifications.tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def bouncing_citizen():
    user = CitizenFactory(bsn="999993653", first_name="Suzanne")
    ContactDetails.objects.create(
        user=user, email="bounce@example.org", email_verified_at=timezone.now()
    )
    return user


@pytest.fixture
def smtp(settings):
    with SMTPServer() as server:
        settings.MAILERS = server.mailer()
        yield server


def _bounced_message(case):
    message = send_to_citizen(case)
    delivery.deliver(Notification.objects.get(message=message).pk)
    return message


def test_a_refused_notification_shows_a_contact_task_to_the_own_agency_only(
    client, bouncing_citizen, smtp
):
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    own = CaseFactory(case_type=CaseTypeFactory(agency=agency), title="Eigen zaak")
    other = CaseFactory(case_type=CaseTypeFactory(), title="Andere zaak")
    own_message, other_message = _bounced_message(own), _bounced_message(other)
    assert ContactRestoreTask.objects.count() == 2
    client.force_login(CaseworkerFactory(agency=agency))

    page = client.get(reverse("cases_backoffice:undelivered")).content.decode()
    assert own.reference in page and other.reference not in page
    assert "melding op geen enkel kanaal bezorgd" in page
    assert own_message.subject in page or own.reference in page

    detail = client.get(reverse("cases_backoffice:detail", kwargs={"pk": own.pk}))
    assert 'data-testid="contact-restore-panel"' in detail.content.decode()
    assert (
        client.get(reverse("cases_backoffice:detail", kwargs={"pk": other.pk})).status_code == 404
    )

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 inwoner: contact herstellen" in home
    assert other_message.pk != own_message.pk


def test_no_panel_without_a_task(client):
    agency = AgencyFactory()
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency))
    client.force_login(CaseworkerFactory(agency=agency))
    detail = client.get(reverse("cases_backoffice:detail", kwargs={"pk": case.pk}))
    assert 'data-testid="contact-restore-panel"' not in detail.content.decode()
