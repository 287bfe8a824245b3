"""Outbound webhooks: outbox rows written in the change's transaction, signed
delivery (Standard Webhooks headers, HMAC-SHA256), retries with back-off,
exactly one delivery per row, and the delivery log."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agency_api import webhooks
from agency_api.models import (
    WebhookDeliveryAttempt,
    WebhookEvent,
    WebhookEventState,
    WebhookSubscription,
)
from agency_api.receivers import CASE_REQUESTED
from cases import services
from cases.models import CaseSource
from identity.actors import Actor

from .conftest import BSN

pytestmark = pytest.mark.django_db


class FakeReceiver:
    """An HTTP server on 127.0.0.1 (ephemeral port) that records requests and
    answers with the next status from `statuses` (then 200)."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.requests: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def allow_http(settings):
    # The fake receiver listens on loopback, which only dev settings allow.
    settings.API_WEBHOOK_ALLOW_HTTP = True
    settings.API_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]


@pytest.fixture
def receiver():
    with FakeReceiver() as fake:
        yield fake


def subscribe(agency, url, **fields) -> WebhookSubscription:
    subscription = WebhookSubscription(agency=agency, url=url, **fields)
    subscription.full_clean()
    subscription.save()
    return subscription


def enqueue(agency, payload=None) -> list[WebhookEvent]:
    return webhooks.enqueue_webhook_event(
        agency=agency, event_type="document.uploaded", payload=payload or {"kanaal": "zaken"}
    )


def test_subscription_needs_https_by_default(agency):
    with pytest.raises(ValidationError):
        subscribe(agency, "http://example.org/hook")
    assert subscribe(agency, "https://example.org/hook").secret


def test_enqueue_writes_one_row_per_active_subscription_of_the_agency(
    agency, other_agency, allow_http
):
    subscribe(agency, "https://a.example/1")
    subscribe(agency, "https://a.example/2", is_active=False)
    subscribe(other_agency, "https://b.example/1")
    events = enqueue(agency)
    assert [e.subscription.url for e in events] == ["https://a.example/1"]


def test_rolled_back_change_leaves_no_event(agency):
    subscribe(agency, "https://a.example/1")
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(agency)
        raise RuntimeError("the change failed")
    assert not WebhookEvent.objects.exists()


def test_delivery_is_signed_and_verifiable(agency, allow_http, receiver):
    subscription = subscribe(agency, receiver.url)
    (event,) = enqueue(agency, {"kanaal": "zaken", "kenmerken": {"zaak": "A-1"}})
    assert webhooks.deliver(event.pk) == WebhookEventState.DELIVERED
    headers, body = receiver.requests[0]
    assert headers["webhook-id"] == str(event.event_id)
    assert webhooks.verify(secret=subscription.secret, headers=headers, body=body)
    assert not webhooks.verify(secret="wrong", headers=headers, body=body)
    assert not webhooks.verify(secret=subscription.secret, headers=headers, body=body + b" ")
    payload = json.loads(body)
    assert payload["type"] == "document.uploaded"
    assert payload["kenmerken"] == {"zaak": "A-1"}
    event.refresh_from_db()
    assert event.delivered_at is not None
    assert event.deliveries.get().response_status == 200


def test_old_timestamp_fails_verification(agency):
    body = b"{}"
    stamp = int((timezone.now() - timedelta(minutes=10)).timestamp())
    headers = {
        "webhook-id": "x",
        "webhook-timestamp": str(stamp),
        "webhook-signature": webhooks.sign(secret="s", event_id="x", timestamp=stamp, body=body),
    }
    assert not webhooks.verify(secret="s", headers=headers, body=body)


def test_delivered_exactly_once_even_if_the_task_runs_twice(agency, allow_http, receiver):
    subscribe(agency, receiver.url)
    (event,) = enqueue(agency)
    assert webhooks.deliver(event.pk) == WebhookEventState.DELIVERED
    assert webhooks.deliver(event.pk) == "skipped"
    assert len(receiver.requests) == 1


def test_failure_is_retried_with_back_off_then_delivered(agency, allow_http):
    with FakeReceiver(statuses=[500, 503]) as fake:
        subscribe(agency, fake.url)
        (event,) = enqueue(agency)
        assert webhooks.deliver(event.pk) == WebhookEventState.PENDING
        event.refresh_from_db()
        assert event.attempts == 1
        assert event.next_attempt_at > timezone.now()
        # Not due yet: a second task run does nothing.
        assert webhooks.deliver(event.pk) == "not_due"
        assert len(fake.requests) == 1
        for _ in range(2):
            WebhookEvent.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
            webhooks.deliver(event.pk)
        event.refresh_from_db()
        assert event.state == WebhookEventState.DELIVERED
        assert [a.response_status for a in event.deliveries.all()] == [500, 503, 200]
        assert len(fake.requests) == 3
        # The same event id on every attempt, so the receiver can de-duplicate.
        assert len({headers["webhook-id"] for headers, _ in fake.requests}) == 1


def test_gives_up_after_the_last_attempt(agency, allow_http):
    with FakeReceiver(statuses=[500] * webhooks.MAX_ATTEMPTS) as fake:
        subscribe(agency, fake.url)
        (event,) = enqueue(agency)
        for _ in range(webhooks.MAX_ATTEMPTS):
            WebhookEvent.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
            webhooks.deliver(event.pk)
        event.refresh_from_db()
        assert event.state == WebhookEventState.FAILED
        assert event.attempts == webhooks.MAX_ATTEMPTS
        assert webhooks.deliver(event.pk) == "skipped"


def test_unreachable_receiver_is_logged_as_an_error(agency, allow_http):
    with FakeReceiver() as fake:
        url = fake.url
    subscribe(agency, url)  # the server is closed now: connection refused
    (event,) = enqueue(agency)
    assert webhooks.deliver(event.pk) == WebhookEventState.PENDING
    attempt = WebhookDeliveryAttempt.objects.get(event=event)
    assert attempt.response_status is None
    assert attempt.error == "ConnectionError"
    assert "ConnectionError" in event.delivery_log


def test_task_is_enqueued_after_commit(
    agency, allow_http, receiver, django_capture_on_commit_callbacks
):
    subscribe(agency, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        (event,) = enqueue(agency)
        assert receiver.requests == []  # nothing leaves before the commit
    event.refresh_from_db()
    assert event.state == WebhookEventState.DELIVERED
    assert len(receiver.requests) == 1


def test_deliver_due_picks_up_pending_events(agency, allow_http, receiver):
    subscribe(agency, receiver.url)
    enqueue(agency)
    enqueue(agency)
    assert webhooks.deliver_due() == 2
    assert len(receiver.requests) == 2


def test_citizen_request_sends_case_requested(agency, case_type, allow_http, receiver):
    subscription = subscribe(agency, receiver.url)
    citizen_case = services.open_case(
        case_type=case_type, bsn=BSN, actor=Actor.system("request"), source=CaseSource.REQUEST
    )
    event = WebhookEvent.objects.get(subscription=subscription)
    assert event.event_type == CASE_REQUESTED
    assert event.payload["kenmerken"]["zaak"] == citizen_case.reference
    assert event.payload["hoofdObject"].endswith(f"/api/v1/zaken/{citizen_case.reference}")
    assert BSN not in json.dumps(event.payload)


def test_api_or_back_office_cases_send_no_event(agency, case_type, allow_http):
    subscribe(agency, "https://a.example/1")
    for source in (CaseSource.API, CaseSource.BACK_OFFICE):
        services.open_case(case_type=case_type, bsn=BSN, actor=Actor.system("t"), source=source)
    assert not WebhookEvent.objects.exists()
