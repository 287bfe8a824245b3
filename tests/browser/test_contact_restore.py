"""Issue 18: a notification refused by the mail server becomes a "contact
herstellen" task the caseworker sees on the dashboard, the operator page and
the case screen; each checked with axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.contact_details import ContactDetails
from identity.tests.factories import CitizenFactory
from notifications import delivery
from notifications.models import ContactRestoreTask, Notification
from notifications.tests.messages import send_to_citizen
from notifications.tests.smtp_server import SMTPServer
from tests.browser.conftest import assert_accessible
from tests.browser.test_backoffice import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


def test_caseworker_sees_the_contact_task_everywhere(page, live_server, settings):
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    citizen = CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    ContactDetails.objects.create(
        user=citizen, email="bounce@example.org", email_verified_at=timezone.now()
    )
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN, title="Dakkapel")
    with SMTPServer() as server:
        settings.MAILERS = server.mailer()
        message = send_to_citizen(case)
        for row in Notification.objects.filter(message=message):
            delivery.deliver(row.pk)
    assert ContactRestoreTask.objects.filter(case=case).count() == 1

    _log_in(page, live_server, CaseworkerFactory(agency=agency, mfa=True))
    page.goto("/beheer/")
    expect(page.get_by_test_id("contact-restore-count")).to_have_text(
        "1 inwoner: contact herstellen"
    )
    assert_accessible(page, context="on the dashboard with the contact count")

    page.get_by_test_id("contact-restore-count").click()
    expect(page.get_by_test_id("contact-restore-tasks")).to_contain_text(case.reference)
    expect(page.get_by_text("e-mail").first).to_be_visible()
    assert_accessible(page, context="on the operator page with a contact task")

    page.goto(f"/beheer/zaken/{case.pk}/")
    expect(page.get_by_test_id("contact-restore-panel")).to_contain_text(
        "melding op geen enkel kanaal bezorgd"
    )
    assert_accessible(page, context="on the case screen with the contact panel")
