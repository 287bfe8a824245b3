"""Late bounces: an e-mail the relay accepted can still fail later, and the
receiving side's mail system then sends a delivery status notification (DSN,
RFC 3464) to the envelope sender. We read those and mark the notification
permanently failed, which escalates it like any other failure (decision 0043).

Mapping a bounce back to its row (VERP, "variable envelope return path"):
each notification e-mail leaves with its own envelope sender,
`<local>+n<pk>-<sig>@<domain>` built from settings.NOTIFICATION_BOUNCE_ADDRESS,
where <sig> is an HMAC of the row id under the SECRET_KEY. The bounce comes
back to that address (its To / Delivered-To / X-Original-To / Envelope-to, and
the Return-Path of the returned headers), so we know the row without trusting
anything else in the bounce. The signature means nobody who can mail the bounce
mailbox can fail (and so escalate) a notification by guessing its number.

What counts (RFC 3464 section 2.3): a `multipart/report;
report-type=delivery-status` with a `message/delivery-status` part; a
per-recipient block with `Action: failed` is final (the MTA gave up: status
class 5 "permanent", or 4 after its retry time), `Action: delayed` (status
4.x.x) means the MTA is still trying and changes nothing. Anything else in the
mailbox (auto-replies, spam, a DSN for someone else) is ignored. Nothing
from a bounce that could identify the citizen (addresses, diagnostic text) is
stored or logged: only the status code (RFC 3463, e.g. 5.1.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.utils import getaddresses

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "notifications.bounces.verp"
VERP = re.compile(r"^(?P<local>[^+@\s]+)\+n(?P<pk>\d+)-(?P<sig>[0-9a-f]{16})@(?P<domain>\S+)$")
STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")  # RFC 3463 section 2
# Where the VERP address shows up in a bounce: the bounce's own recipient headers
# (added by the delivering MTA or by the reporting one) and, in the returned
# headers of the original, the Return-Path the final MTA wrote.
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To", "X-Envelope-To")

FAILED, DELAYED, IGNORED = "failed", "delayed", "ignored"


def _signature(pk: int) -> str:
    return salted_hmac(SALT, str(pk), algorithm="sha256").hexdigest()[:16]


def envelope_sender(pk: int) -> str | None:
    """The VERP envelope sender of notification `pk`, or None when no bounce
    address is configured (the envelope sender is then DEFAULT_FROM_EMAIL)."""
    base = getattr(settings, "NOTIFICATION_BOUNCE_ADDRESS", "") or ""
    if "@" not in base:
        return None
    local, domain = base.rsplit("@", 1)
    return f"{local}+n{pk}-{_signature(pk)}@{domain}"


def notification_pk(address: str) -> int | None:
    """The row id of a VERP address we made, or None (not ours, or forged)."""
    match = VERP.match(address.strip().strip("<>").lower())
    if not match:
        return None
    pk = int(match["pk"])
    return pk if constant_time_compare(match["sig"], _signature(pk)) else None


@dataclass(frozen=True)
class Bounce:
    """What a DSN says about one of our notifications."""

    notification_pk: int | None
    outcome: str  # FAILED, DELAYED or IGNORED
    status: str = ""  # RFC 3463 code of the first failed (or delayed) recipient


def _returned_headers(report: Message) -> list[Message]:
    """The original's headers: a text/rfc822-headers part (Postfix) or a
    message/rfc822 part (Exim), as parsed messages."""
    found = []
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "text/rfc822-headers":
            found.append(message_from_bytes(part.get_payload(decode=True) or b""))
        elif kind == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                found.append(payload[0])
    return found


def _candidate_addresses(report: Message) -> list[str]:
    values = [str(v) for name in RECIPIENT_HEADERS for v in report.get_all(name, [])]
    for original in _returned_headers(report):
        values += [str(v) for v in original.get_all("Return-Path", [])]
    return [address for _name, address in getaddresses(values) if address]


def _recipient_blocks(report: Message) -> list[Message]:
    """The per-recipient field groups of the message/delivery-status part
    (the parser gives the part as a list: per-message fields first)."""
    blocks: list[Message] = []
    for part in report.walk():
        if part.get_content_type() == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):
                blocks += [block for block in payload if block.get("Action")]
    return blocks


def _status(block: Message) -> str:
    value = str(block.get("Status", "")).split(" ")[0].strip()
    return value if STATUS.match(value) else ""


def parse_dsn(raw: bytes) -> Bounce:
    """What the bounce `raw` (one whole e-mail) says about which notification."""
    report = message_from_bytes(raw, policy=policy.compat32)
    if report.get_content_type() != "multipart/report":
        return Bounce(None, IGNORED)
    if str(report.get_param("report-type", "")).lower() != "delivery-status":
        return Bounce(None, IGNORED)
    pk = next(
        (p for p in map(notification_pk, _candidate_addresses(report)) if p is not None), None
    )
    if pk is None:
        return Bounce(None, IGNORED)
    blocks = _recipient_blocks(report)
    for block in blocks:
        if str(block["Action"]).strip().lower() == "failed":
            return Bounce(pk, FAILED, _status(block) or "5.0.0")
    for block in blocks:
        if str(block["Action"]).strip().lower() == "delayed":
            return Bounce(pk, DELAYED, _status(block))
    return Bounce(pk, IGNORED)
