"""Outbound webhooks: events for an agency's systems, through an outbox.

`enqueue_webhook_event()` writes one WebhookEvent row per active subscription
of the agency INSIDE the caller's transaction and, after commit, enqueues the
delivery task. The task claims the row (select_for_update, skip_locked),
POSTs it and records the attempt in the same transaction that marks it
delivered, so a row is delivered once even when the queue runs a task twice
(docs/decisions/0003). Failures are retried with back-off.

Signing follows the Standard Webhooks specification (standardwebhooks.com):
headers `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64
HMAC-SHA256 of "{id}.{timestamp}.{body}">` with the subscription's secret. A
receiver checks the signature and that the timestamp is recent, and ignores
an id it has seen (a crash between the POST and our commit repeats a POST).

The body is shaped like a ZGW Notificaties API message (kanaal, resource,
actie, hoofdObject, kenmerken): it names the case, never the citizen; the
agency reads details with GET /api/v1/zaken/{reference}, which is audited.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.tasks.exceptions import InvalidTask
from django.utils import timezone

from .destinations import BlockedDestination, check_destination
from .models import (
    WebhookDeliveryAttempt,
    WebhookEvent,
    WebhookEventState,
    WebhookSubscription,
)

logger = logging.getLogger(__name__)

# Back-off after attempt n (1-based); after the last one the event is "failed".
RETRY_DELAYS = [
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TIMEOUT_SECONDS = 10


def enqueue_webhook_event(*, agency, event_type: str, payload: dict) -> list[WebhookEvent]:
    """Queue `payload` for every active subscription of `agency`. Call inside
    the transaction of the change: nothing is sent if it rolls back."""
    events = [
        WebhookEvent.objects.create(
            subscription=subscription, event_type=event_type, payload=payload
        )
        for subscription in WebhookSubscription.objects.filter(agency=agency, is_active=True)
    ]
    for event in events:
        transaction.on_commit(lambda pk=event.pk: _enqueue(pk))
    return events


def _enqueue(event_id: int, run_after=None) -> None:
    task_ = deliver_webhook_event
    if run_after is not None:
        try:
            task_ = task_.using(run_after=run_after)
            task_.enqueue(event_id)
        except InvalidTask:
            # Backend without deferral: `manage.py deliver_webhooks` picks it up.
            pass
        return
    task_.enqueue(event_id)


def sign(*, secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    message = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(*, secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver does (used by our tests and shown in docs/api.md)."""
    try:
        timestamp = int(headers["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(
        secret=secret, event_id=headers.get("webhook-id", ""), timestamp=timestamp, body=body
    )
    given = headers.get("webhook-signature", "").split()
    return any(hmac.compare_digest(expected, candidate) for candidate in given)


@task()
def deliver_webhook_event(event_id: int) -> str:
    return deliver(event_id)


def deliver(event_id: int) -> str:
    """One delivery attempt for one outbox row; returns its state afterwards."""
    with transaction.atomic():
        event = (
            WebhookEvent.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .filter(pk=event_id, state=WebhookEventState.PENDING)
            .first()
        )
        if event is None:
            return "skipped"  # delivered, failed, or being delivered right now
        if event.next_attempt_at > timezone.now():
            return "not_due"
        status, error, duration = _post(event)
        event.attempts += 1
        WebhookDeliveryAttempt.objects.create(
            event=event, response_status=status, error=error[:300], duration_ms=duration
        )
        if status is not None and 200 <= status < 300:
            event.state = WebhookEventState.DELIVERED
            event.delivered_at = timezone.now()
        elif event.attempts >= MAX_ATTEMPTS:
            event.state = WebhookEventState.FAILED
        else:
            event.next_attempt_at = timezone.now() + RETRY_DELAYS[event.attempts - 1]
        event.save(update_fields=["attempts", "state", "delivered_at", "next_attempt_at"])
        if event.state == WebhookEventState.PENDING:
            transaction.on_commit(lambda: _enqueue(event.pk, run_after=event.next_attempt_at))
        return event.state


def deliver_due(limit: int = 100) -> int:
    """Deliver pending events whose time has come (a safety net for lost
    tasks and for backends that cannot defer); returns how many were tried."""
    due = WebhookEvent.objects.filter(
        state=WebhookEventState.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    for pk in list(due):
        deliver(pk)
    return len(due)


def body_of(event: WebhookEvent) -> bytes:
    return json.dumps(
        {**event.payload, "id": str(event.event_id), "type": event.event_type},
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def _post(event: WebhookEvent) -> tuple[int | None, str, int]:
    body = body_of(event)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "OpenLoket-Webhooks/1",
        "webhook-id": str(event.event_id),
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            secret=event.subscription.secret,
            event_id=str(event.event_id),
            timestamp=timestamp,
            body=body,
        ),
    }
    started = time.monotonic()
    try:
        check_destination(event.subscription.url)
        response = requests.post(
            event.subscription.url,
            data=body,
            headers=headers,
            timeout=getattr(settings, "API_WEBHOOK_TIMEOUT", TIMEOUT_SECONDS),
            allow_redirects=False,
        )
        status, error = response.status_code, ""
    except (requests.RequestException, BlockedDestination) as exc:
        status, error = None, type(exc).__name__
    except (OSError, UnicodeError):
        status, error = None, "UnresolvableDestination"
    duration = int((time.monotonic() - started) * 1000)
    if status is None or not 200 <= status < 300:
        logger.warning("webhook %s: attempt failed (%s)", event.event_id, status or error)
    return status, error, duration


def case_notification(*, case, resource: str, action: str, extra: dict | None = None) -> dict:
    """The ZGW-Notificaties-shaped body for an event about a case (resource:
    "zaak" or "zaakinformatieobject"; action: "create")."""
    base = settings.PORTAL_BASE_URL
    return {
        "kanaal": "zaken",
        "resource": resource,
        "actie": action,
        "aanmaakdatum": timezone.now().isoformat(),
        "hoofdObject": f"{base}/api/v1/zaken/{case.reference}",
        "kenmerken": {
            "zaak": case.reference,
            "zaaktype": case.case_type.code,
            "bronorganisatie": case.agency.slug,
            **(extra or {}),
        },
    }
