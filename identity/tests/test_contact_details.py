"""Contact details: direct changes (audited) and the e-mail confirmation link."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from identity.access_log import AccessLogEntry
from identity.contact_details import ContactDetails
from identity.services import update_contact_details
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, ContactDetailsFactory

pytestmark = pytest.mark.django_db

FORM_URL = "/mijn/gegevens/contact/"


def _post(client, **fields):
    data = {"email": "", "phone": "", "preferred_language": "nl", **fields}
    return client.post(FORM_URL, data)


def notification_email(user) -> str | None:
    """The address e-mail notifications may go to now, or None."""
    details = ContactDetails.objects.filter(user=user).first()
    return details.email if details and details.sends_email_notifications else None


def _confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_form_with_errors_shows_a_linked_summary_and_changes_nothing(citizen_client, citizen):
    response = _post(citizen_client, email="geen-adres", phone="12", preferred_language="fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert "<title>Fout:" in html
    assert 'href="#id_email"' in html
    assert 'href="#id_phone"' in html
    assert 'href="#id_preferred_language_0"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone-description id_phone-error"' in html
    assert not ContactDetails.objects.filter(user=citizen).exists()
    assert not AccessLogEntry.objects.exists()


def test_phone_and_language_change_directly_and_are_audited(citizen_client, citizen):
    response = _post(citizen_client, phone="06-12345678", preferred_language="en")
    assert response.status_code == 302
    details = ContactDetails.objects.get(user=citizen)
    assert (details.phone, details.preferred_language) == ("0612345678", "en")
    [entry] = AccessLogEntry.objects.for_subject(citizen.bsn)
    assert (entry.action, entry.object_kind, entry.actor_kind) == (
        "changed",
        "contact_details",
        "citizen",
    )
    assert entry.detail == {"fields": ["phone", "preferred_language"]}
    # The log says what changed, never the new value.
    assert "0612345678" not in str(entry.detail) + entry.object_label


def test_saving_without_changes_writes_no_log(citizen_client, citizen):
    _post(citizen_client, phone="0612345678")
    _post(citizen_client, phone="06 1234 5678")
    assert AccessLogEntry.objects.for_subject(citizen.bsn).count() == 1


def test_new_email_is_used_only_after_the_link_is_followed_once(
    citizen_client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(citizen_client, email="Suzanne@Example.ORG")
    details = ContactDetails.objects.get(user=citizen)
    assert details.email == ""
    assert details.pending_email == "Suzanne@example.org"
    assert notification_email(citizen) is None

    [message] = mail.outbox
    assert message.to == ["Suzanne@example.org"]
    path = _confirmation_path(message)
    assert citizen.bsn not in message.body
    assert citizen.bsn not in path
    assert "example.org" not in path.lower()

    # Opening the link shows a button; a mail scanner's GET uses nothing up.
    assert citizen_client.get(path).status_code == 200
    assert ContactDetails.objects.get(user=citizen).email == ""

    response = citizen_client.post(path)
    assert response.status_code == 302
    details = ContactDetails.objects.get(user=citizen)
    assert details.email == "Suzanne@example.org"
    assert details.email_verified_at is not None
    assert details.pending_email == ""
    # Notifications by e-mail are on by default once the address is confirmed.
    assert notification_email(citizen) == "Suzanne@example.org"
    assert list(
        AccessLogEntry.objects.for_subject(citizen.bsn).values_list("detail", flat=True)
    ) == [{"fields": ["email_confirmed"]}, {"fields": ["email_requested"]}]

    again = citizen_client.post(path)
    assert again.status_code == 400
    assert "ongeldig of al gebruikt" in again.content.decode()
    # Opening a used link says so at once, without offering the button.
    opened = citizen_client.get(path)
    assert opened.status_code == 400
    assert "Ja, bevestig" not in opened.content.decode()


def test_confirmation_link_expires(
    citizen_client, citizen, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_CONFIRMATION_MAX_AGE_SECONDS = 3600
    two_hours_ago = time.time() - 2 * 3600
    with (
        mock.patch("django.core.signing.time.time", return_value=two_hours_ago),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _post(citizen_client, email="nieuw@example.org")
    response = citizen_client.post(_confirmation_path(mail.outbox[0]))
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert ContactDetails.objects.get(user=citizen).email == ""


def test_entering_the_address_again_after_expiry_sends_a_new_link(
    citizen_client, citizen, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_CONFIRMATION_MAX_AGE_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        _post(citizen_client, email="nieuw@example.org")
        # Saving the form again while the link is still valid sends nothing new.
        _post(citizen_client, email="nieuw@example.org", phone="0612345678")
    assert len(mail.outbox) == 1
    ContactDetails.objects.filter(user=citizen).update(
        pending_email_requested_at=timezone.now() - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _post(citizen_client, email="nieuw@example.org", phone="0612345678")
    assert len(mail.outbox) == 2
    assert citizen_client.post(_confirmation_path(mail.outbox[1])).status_code == 302
    assert ContactDetails.objects.get(user=citizen).email == "nieuw@example.org"


def test_another_citizen_cannot_use_the_link(client, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update_contact_details(
            user=citizen,
            email="suzanne@example.org",
            phone="",
            preferred_language="nl",
            notify_by_email=True,
        )
    path = _confirmation_path(mail.outbox[0])
    other = log_in(client, CitizenFactory())
    assert other.get(path).status_code == 400
    response = other.post(path)
    assert response.status_code == 400
    assert ContactDetails.objects.get(user=citizen).email == ""
    assert not ContactDetails.objects.filter(email="suzanne@example.org").exists()


def test_a_newer_request_makes_the_older_link_stop_working(
    citizen_client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(citizen_client, email="eerste@example.org")
        _post(citizen_client, email="tweede@example.org")
    first, second = (_confirmation_path(m) for m in mail.outbox)
    assert citizen_client.post(first).status_code == 400
    assert citizen_client.post(second).status_code == 302
    assert ContactDetails.objects.get(user=citizen).email == "tweede@example.org"


def test_tampered_token_is_refused(citizen_client, citizen):
    response = citizen_client.post("/mijn/gegevens/e-mail/bevestigen/niet-echt:abc:def/")
    assert response.status_code == 400


def test_notification_choice_is_offered_only_with_a_confirmed_address(citizen_client, citizen):
    html = citizen_client.get(FORM_URL).content.decode()
    assert 'name="notify_by_email"' not in html

    ContactDetailsFactory(user=citizen, verified=True)
    html = citizen_client.get(FORM_URL).content.decode()
    assert 'name="notify_by_email"' in html and "checked" in html

    _post(citizen_client, email="suzanne@example.org")  # checkbox left unticked: off
    details = ContactDetails.objects.get(user=citizen)
    assert details.notify_by_email is False
    assert notification_email(citizen) is None
    assert AccessLogEntry.objects.for_subject(citizen.bsn).get().detail == {
        "fields": ["notify_by_email"]
    }


def test_removing_the_email_address_is_audited(citizen_client, citizen):
    ContactDetailsFactory(user=citizen, verified=True)
    _post(citizen_client, email="")
    assert ContactDetails.objects.get(user=citizen).email == ""
    assert AccessLogEntry.objects.for_subject(citizen.bsn).get().detail == {
        "fields": ["notify_by_email", "email_removed"]
    }
