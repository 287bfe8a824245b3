"""The citizen sees each notification's state on the message (issue 18):
notifications registers its lines into messaging's hook (messaging may not
import notifications), and the thread page renders them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from messaging import notice_lines
from messaging.consent import set_consent
from messaging.consent_models import MessageType
from messaging.tests.factories import global_message_types
from notifications import delivery
from notifications.models import Notification

from .messages import send_to_citizen
from .test_channels import _callbacks


@pytest.fixture
def consented_message(citizen, notify):
    global_message_types()
    aanvulling = MessageType.objects.get(agency=None, code="verzoek_aanvulling")
    set_consent(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        message_type=aanvulling,
        digital=True,
        email=True,
        sms=True,
    )
    return send_to_citizen(CaseFactory(), message_type=aanvulling)


def _lines(citizen_client, message):
    response = citizen_client.get(reverse("messaging:thread", args=[message.thread.public_id]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_notifications_registered_its_provider_in_ready(consented_message):
    texts = [line.text for line in notice_lines.lines_for(consented_message)]
    assert texts == ["e-mail wordt verstuurd", "sms wordt verstuurd"]


@pytest.mark.django_db
def test_the_thread_shows_delivered_and_failed_notifications(
    citizen_client, notify, consented_message
):
    page = _lines(citizen_client, consented_message)
    assert "wordt verstuurd" in page

    notify.permanent.add("+31612345678")
    for row in Notification.objects.filter(message=consented_message):
        delivery.deliver(row.pk)
    notify.complete_all()
    _callbacks(notify)

    page = _lines(citizen_client, consented_message)
    assert 'data-testid="notice-lines"' in page
    assert "e-mail bezorgd op" in page.lower()
    assert "sms niet bezorgd" in page.lower()


@pytest.mark.django_db
def test_a_message_without_notifications_shows_no_lines(citizen_client, notify):
    message = send_to_citizen(CaseFactory(), formal=False)
    Notification.objects.filter(message=message).delete()
    assert 'data-testid="notice-lines"' not in _lines(citizen_client, message)


def test_the_hook_collects_every_registered_provider(monkeypatch):
    monkeypatch.setattr(notice_lines, "_providers", {})  # only this test's providers

    class Line:
        def __init__(self, text):
            self.text, self.delivered = text, None

    notice_lines.register_provider("test-a", lambda message: [Line(f"a {message}")])
    notice_lines.register_provider("test-b", lambda message: [Line(f"b {message}")])
    notice_lines.register_provider("test-a", lambda message: [Line(f"A {message}")])  # replaced
    assert [line.text for line in notice_lines.lines_for("m")] == ["A m", "b m"]
    notice_lines.unregister_provider("test-a")
    assert [line.text for line in notice_lines.lines_for("m")] == ["b m"]
