"""Delivering one outbox row: claimed under a lease, retried with back-off on failure.

Exactly-once comes from the row, not from the queue (docs/decisions/0003):
every queue delivers a task at least once, so `deliver(pk)` first *claims*
the row by moving it from "pending" to "sending" in its own committed
transaction. Only the worker that claimed it sends; a second run, or a second
worker racing for it, finds nothing to claim and does nothing.

- PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED` on the due row, so a racing
  worker skips it instead of waiting; the claim commits before sending.
- SQLite (no row locks): an atomic `UPDATE ... WHERE state = ... AND
  next_attempt_at <= now`; only one writer's UPDATE matches.

A claim is a lease: while a row is "sending", `next_attempt_at` holds the moment
the claim lapses (settings.NOTIFICATION_SENDING_LEASE_SECONDS, far longer than a
send can take). A worker that is killed while sending (SIGKILL, OOM, a lost
machine) leaves the row "sending"; once the lease has lapsed the sweeper
(`manage.py send_notifications`, run every minute) claims and sends it again.
Without the lease such a row was never delivered at all (found by the worker
kill drill, bench/drills.py).

The one window left is at the SMTP boundary: a worker killed after the mail
server accepted the message but before the row was marked "sent" causes a
second mail after the lease. Nothing can close that window (SMTP has no
transactions); we choose a rare duplicate over a lost notice, and give every
mail a stable Message-ID (one per row) so a duplicate is recognisable and mail
clients that de-duplicate by Message-ID show it once.

A send that raises goes back to "pending" with a later `next_attempt_at`
(exponential back-off) until MAX_ATTEMPTS, then "failed".
"""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Case
from messaging.kinds import EvidenceKind
from notifications.models import (
    Channel,
    DeliveryStatus,
    Notification,
    NotificationKind,
    NotificationState,
    UndeliverableReason,
)

from . import bounces, facts, outcomes, providers, texts
from .channels import verified_mobile
from .recipients import contact_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = outcomes.MAX_ATTEMPTS
backoff = outcomes.backoff

SENT, SKIPPED, UNDELIVERABLE, RETRY, FAILED = "sent", "skipped", "undeliverable", "retry", "failed"


def sending_lease() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATION_SENDING_LEASE_SECONDS)


def _due(now) -> Q:
    """Pending rows whose time has come, and "sending" rows whose claim lapsed
    (their worker died); for both, next_attempt_at says when."""
    return Q(
        state__in=[NotificationState.PENDING, NotificationState.SENDING],
        next_attempt_at__lte=now,
    )


def claim(pk: int) -> Notification | None:
    """Take the row (pending, or abandoned while sending) under a fresh lease;
    None when someone else has it, it is not due yet, or it is already done."""
    now = timezone.now()
    lease_ends = now + sending_lease()
    due = Notification.objects.filter(_due(now), pk=pk)
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            row = due.select_for_update(skip_locked=True).first()
            if row is None:
                return None
            row.state = NotificationState.SENDING
            row.attempts += 1
            row.next_attempt_at = lease_ends
            row.save(update_fields=["state", "attempts", "next_attempt_at"])
            return row
        claimed = due.update(
            state=NotificationState.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=lease_ends,
        )
    return Notification.objects.get(pk=pk) if claimed else None


def _finish(row: Notification, **fields) -> None:
    """Leave "sending" for a final or retry state: only from our own claim (the
    attempt number is the claim's), never over a claim someone took after ours lapsed.
    A final state ends the lease, so no stale lease end lingers on a finished row."""
    fields.setdefault("next_attempt_at", timezone.now())
    Notification.objects.filter(
        pk=row.pk, state=NotificationState.SENDING, attempts=row.attempts
    ).update(**fields)
    for name, value in fields.items():
        setattr(row, name, value)


def case_page_url(case: Case) -> str:
    """The citizen's case page, absolute (settings.PORTAL_BASE_URL, never the Host header)."""
    try:
        path = reverse(
            "cases:detail", kwargs={"agency": case.agency.slug, "reference": case.reference}
        )
    except NoReverseMatch:  # the citizen pages live on another branch until merged
        path = f"/mijn/zaken/{case.agency.slug}/{case.reference}/"
    return f"{settings.PORTAL_BASE_URL}{path}"


def tasks_page_url() -> str:
    """Mijn taken, absolute: where a task reminder sends the citizen (issue 21)."""
    return f"{settings.PORTAL_BASE_URL}{reverse('messaging:tasks')}"


def render(row: Notification, language: str, first_name: str = "") -> tuple[str, str]:
    """Subject and body in `language`: the agency's own text, else the global
    one, else the default (notifications.texts)."""
    if row.message_id:
        agency = row.message.agency
    elif row.case_id:
        agency = row.case.agency
    else:
        agency = row.remote_agency
    subject, body = texts.template_text(agency, row.kind, language)
    if row.message_id:
        agency_name = row.message.agency.name
        title = row.case.title if row.case_id else ""
        link = facts.message_page_url(row.message)
    elif row.case_id:
        agency_name, title = row.case.agency.name, row.case.title
        link = (
            tasks_page_url()
            if row.kind == NotificationKind.TASK_REMINDER
            else case_page_url(row.case)
        )
    else:  # a zaak in the agency's own case system (notifications.services.notify_remote_status)
        agency_name = row.remote_agency.name if row.remote_agency else ""
        title, link = row.remote_title, f"{settings.PORTAL_BASE_URL}{row.remote_path}"
    values = {
        "case_title": title,
        "agency": agency_name,
        "link": link,
        # The first name only (Awb 2:10 notices point to the portal; DigiD's rule).
        "first_name": first_name or _("inwoner"),
        **facts.facts_for(row),
    }
    return texts.fill(subject, body, values)


def _retry_or_fail(row: Notification, exc: Exception) -> str:
    """Back to "pending" with back-off, or "failed" (and escalated) after MAX_ATTEMPTS."""
    if row.attempts >= MAX_ATTEMPTS:
        _finish(row, state=NotificationState.FAILED, last_error=type(exc).__name__)
        _failed_for_good(row, DeliveryStatus.TECHNICAL_FAILURE)
        return FAILED
    _finish(
        row,
        state=NotificationState.PENDING,
        last_error=type(exc).__name__,
        next_attempt_at=timezone.now() + backoff(row.attempts),
    )
    return RETRY


def _failed_for_good(row: Notification, status: str) -> None:
    """Ledger `notification_failed` for a message's row, then escalate."""
    from .escalation import escalate_failure

    with transaction.atomic():
        Notification.objects.filter(pk=row.pk).update(delivery_status=status)
        row.delivery_status = status
        outcomes.ledger(row, EvidenceKind.NOTIFICATION_FAILED, status, timezone.now())
        escalate_failure(row)


def _address(row: Notification) -> tuple[str | None, str, str]:
    """(address on the row's channel or None, language, first name).
    A message's row was written for a channel the citizen chose (channels_for)
    or as an escalation; a case notice follows the e-mail on/off choice."""
    contact = contact_for(row.bsn)
    language = contact.language if contact.language in dict(settings.LANGUAGES) else "nl"
    user = get_user_model().objects.filter(bsn=row.bsn).first()
    first_name = (user.first_name if user else "") or ""
    if row.channel == Channel.SMS:
        return verified_mobile(row.bsn), language, first_name
    if row.message_id is None and not contact.wants_email:
        return None, language, first_name
    return contact.email, language, first_name


def deliver(pk: int) -> str:
    """Deliver outbox row `pk` if it is due and nobody else has it."""
    row = claim(pk)
    if row is None:
        return SKIPPED
    try:
        row = Notification.objects.select_related(
            "case__agency", "message__agency", "remote_agency"
        ).get(pk=row.pk)
        address, language, first_name = _address(row)
        if not address:
            contact = contact_for(row.bsn)
            reason = (
                UndeliverableReason.OPTED_OUT
                if row.channel == Channel.EMAIL and contact.email and not contact.wants_email
                else UndeliverableReason.NO_ADDRESS
            )
            _finish(row, state=NotificationState.UNDELIVERABLE, undeliverable_reason=reason)
            if row.message_id is not None:
                # The address went away after the channel was chosen: a message's
                # notice is not dropped silently (ledger, then the other channel or a task).
                _failed_for_good(row, DeliveryStatus.PERMANENT_FAILURE)
            return UNDELIVERABLE
        with translation.override(language):
            subject, body = render(row, language, first_name=first_name)
        provider = providers.provider_for(row.channel)
    except Exception as exc:  # e.g. the database or the registry hook failed
        # Nothing was sent yet: give the row back for a later attempt.
        logger.warning("Notification %s: preparing failed (%s)", row.pk, type(exc).__name__)
        return _retry_or_fail(row, exc)
    Notification.objects.filter(pk=row.pk).update(provider=provider, last_attempt_at=timezone.now())
    row.provider = provider
    try:
        accepted = providers.send(
            channel=row.channel,
            address=address,
            subject=subject,
            body=body,
            reference=f"notification-{row.pk}",
            message_id=message_id(row),
            envelope_sender=bounces.envelope_sender(row.pk),
        )
    except providers.PermanentFailure as exc:
        # Refused for good (SMTP 5xx on the recipient, Notify 400): no retry helps.
        logger.warning("Notification %s: refused (%s)", row.pk, exc)
        _finish(row, state=NotificationState.FAILED, last_error=str(exc)[:200])
        _failed_for_good(row, DeliveryStatus.PERMANENT_FAILURE)
        return FAILED
    except Exception as exc:  # any failure of the mail backend or the API: retry later
        logger.warning("Notification %s: sending failed (%s)", row.pk, type(exc).__name__)
        return _retry_or_fail(row, exc)
    now = timezone.now()
    with transaction.atomic():
        _finish(
            row,
            state=NotificationState.SENT,
            sent_at=now,
            language=language,
            provider_reference=accepted.reference,
            delivery_status=(
                DeliveryStatus.DELIVERED if accepted.delivered else DeliveryStatus.UNKNOWN
            ),
            delivered_at=now if accepted.delivered else None,
            last_error="",
        )
        if accepted.delivered:
            # SMTP: accepted by the mail server is as far as we can see (a later
            # bounce is read from the bounce mailbox: notifications.bounce_mailbox).
            outcomes.ledger(row, EvidenceKind.NOTIFIED, DeliveryStatus.DELIVERED, now)
    return SENT


def message_id(row: Notification) -> str:
    """The same Message-ID (RFC 5322 3.6.4) for every attempt of one row, so a
    duplicate at the SMTP boundary (see above) is recognisable as one message."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname or "openloket.invalid"
    return f"<notification-{row.pk}@{domain}>"


def due_ids(limit: int = 500) -> list[int]:
    """Due pending rows and abandoned claims (for the sweeper)."""
    return list(
        Notification.objects.filter(_due(timezone.now()))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


__all__ = [
    "NotificationKind",
    "backoff",
    "case_page_url",
    "claim",
    "deliver",
    "due_ids",
    "message_id",
]
