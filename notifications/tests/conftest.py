"""Fixtures: a real SMTP server (aiosmtpd), a local fake of the Notify API, and
a citizen with a confirmed e-mail address and mobile number."""

from __future__ import annotations

import pytest
from django.utils import timezone

from identity.contact_details import ContactDetails
from identity.tests.factories import CitizenFactory
from notifications.models import MobileNumber

from .fake_notify import (
    API_KEY,
    CALLBACK_TOKEN,
    EMAIL_TEMPLATE,
    SMS_TEMPLATE,
    FakeNotifyServer,
)
from .smtp_server import SMTPServer


@pytest.fixture
def smtp(settings):
    with SMTPServer() as server:
        settings.MAILERS = server.mailer()
        settings.NOTIFICATION_EMAIL_PROVIDER = "smtp"
        yield server


@pytest.fixture
def notify(settings):
    with FakeNotifyServer() as fake:
        settings.NOTIFICATION_EMAIL_PROVIDER = "notify"
        settings.NOTIFICATION_SMS_PROVIDER = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        settings.NOTIFY_CALLBACK_BEARER_TOKEN = CALLBACK_TOKEN
        yield fake
        assert fake.contract_errors == []


@pytest.fixture
def citizen(db):
    user = CitizenFactory(bsn="999993653", first_name="Suzanne")
    ContactDetails.objects.create(
        user=user, email="suzanne@example.org", email_verified_at=timezone.now()
    )
    MobileNumber.objects.create(user=user, number="+31612345678", verified_at=timezone.now())
    return user
