"""Reading the bounce mailbox over IMAP (RFC 9051 / 3501; the standard
library's imaplib) and applying each DSN (notifications.bounces).

Configured by settings.NOTIFICATION_BOUNCE_MAILBOX_URL, from the environment:
`imaps://user:password@host:993/INBOX` (TLS, the production choice) or
`imap://user:password@host:143/INBOX` (STARTTLS when the server offers it;
plain only for a local test server). Empty: bounces are not read.

Run by `manage.py check_notifications` (cron, every few minutes) and the
`read_bounces` task. Unseen messages are fetched with BODY.PEEK[] and flagged
\\Seen once handled, so a run that dies half-way reads the rest next time; a
bounce read twice (flag lost, a copy delivered twice, a second reader) changes
nothing, because the row changes only from "sent" (outcomes.record_bounced).
"""

from __future__ import annotations

import imaplib
import logging
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import unquote, urlsplit

from django.conf import settings

from . import bounces
from .models import Notification
from .outcomes import record_bounced

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
BATCH = 200


class MailboxNotConfigured(Exception):
    pass


@contextmanager
def imap_mailbox(url: str) -> Iterator[tuple[imaplib.IMAP4, str]]:
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise MailboxNotConfigured("NOTIFICATION_BOUNCE_MAILBOX_URL")
    context = ssl.create_default_context()
    client: imaplib.IMAP4
    if parts.scheme == "imaps":
        client = imaplib.IMAP4_SSL(
            parts.hostname, parts.port or 993, ssl_context=context, timeout=TIMEOUT_SECONDS
        )
    else:
        client = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=TIMEOUT_SECONDS)
        if "STARTTLS" in client.capabilities:
            client.starttls(ssl_context=context)
    try:
        client.login(unquote(parts.username or ""), unquote(parts.password or ""))
        yield client, unquote(parts.path.lstrip("/")) or "INBOX"
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def apply(raw: bytes) -> str:
    """Apply one e-mail from the bounce mailbox; the outcome's name."""
    bounce = bounces.parse_dsn(raw)
    if bounce.notification_pk is None or bounce.outcome == bounces.IGNORED:
        return "ignored"
    if bounce.outcome == bounces.DELAYED:
        return "delayed"  # the MTA is still trying (RFC 3464 Action: delayed)
    row = Notification.objects.filter(pk=bounce.notification_pk).first()
    if row is None:
        return "ignored"
    outcome = record_bounced(row, bounce.status)
    if outcome == "failed":
        logger.info("Notification %s: bounced (%s)", row.pk, bounce.status)
    return outcome


def read_bounces(url: str | None = None) -> dict[str, int]:
    """Read unseen messages of the bounce mailbox; counts per outcome."""
    url = url if url is not None else getattr(settings, "NOTIFICATION_BOUNCE_MAILBOX_URL", "")
    if not url:
        return {}
    counts: dict[str, int] = {}
    with imap_mailbox(url) as (client, mailbox):
        client.select(mailbox)
        _typ, data = client.uid("SEARCH", "UNSEEN")
        uids = (data[0] or b"").split()[:BATCH]
        for uid in uids:
            _typ, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), b"")
            outcome = apply(raw)
            counts[outcome] = counts.get(outcome, 0) + 1
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return counts
