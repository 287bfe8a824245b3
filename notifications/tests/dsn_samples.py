"""Delivery status notifications (RFC 3464) in the shape real MTAs write them,
built around the message our SMTP relay actually accepted (its headers and its
envelope sender). Modelled on Postfix 3.x's bounce(8) templates (a failed
delivery and a "Delayed Mail (still being retried)" warning, the original's
headers as text/rfc822-headers) and Exim 4.9x's DSN bounce (the whole original
as message/rfc822, X-Failed-Recipients, Envelope-to)."""

from __future__ import annotations

from email.message import Message

CRLF = "\r\n"


def _headers(original: Message, envelope_sender: str) -> str:
    # The final MTA writes the envelope sender as Return-Path on top (RFC 5321 4.4).
    lines = [f"Return-Path: <{envelope_sender}>"]
    lines += [f"{name}: {' '.join(str(value).split())}" for name, value in original.items()]
    return CRLF.join(lines)


def postfix_bounce(
    original: Message, envelope_sender: str, recipient: str, status: str = "5.1.1"
) -> bytes:
    boundary = "3F1A21C0A2B.1733565600/mail.openloket.example"
    return CRLF.join(
        [
            "Return-Path: <>",
            f"X-Original-To: {envelope_sender}",
            f"Delivered-To: {envelope_sender}",
            "Received: by mail.openloket.example (Postfix)",
            "\tid 3F1A21C0A2B; Mon,  7 Dec 2026 10:00:02 +0100 (CET)",
            "Date: Mon,  7 Dec 2026 10:00:02 +0100 (CET)",
            "From: MAILER-DAEMON@mail.openloket.example (Mail Delivery System)",
            "Subject: Undelivered Mail Returned to Sender",
            f"To: {envelope_sender}",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            f'\tboundary="{boundary}"',
            "Content-Transfer-Encoding: 8bit",
            "Message-Id: <20261207090002.3F1A21C0A2B@mail.openloket.example>",
            "",
            "This is a MIME-encapsulated message.",
            "",
            f"--{boundary}",
            "Content-Description: Notification",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "This is the mail system at host mail.openloket.example.",
            "",
            "I'm sorry to have to inform you that your message could not",
            "be delivered to one or more recipients. It's attached below.",
            "",
            "                   The mail system",
            "",
            f"<{recipient}>: host mx.example.org[192.0.2.25] said: 550 {status}",
            f"    <{recipient}>: Recipient address rejected: User unknown in virtual",
            "    mailbox table (in reply to RCPT TO command)",
            "",
            f"--{boundary}",
            "Content-Description: Delivery report",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mail.openloket.example",
            "X-Postfix-Queue-ID: 3F1A21C0A2B",
            f"X-Postfix-Sender: rfc822; {envelope_sender}",
            "Arrival-Date: Mon,  7 Dec 2026 09:59:58 +0100 (CET)",
            "",
            f"Final-Recipient: rfc822; {recipient}",
            f"Original-Recipient: rfc822;{recipient}",
            "Action: failed",
            f"Status: {status}",
            "Remote-MTA: dns; mx.example.org",
            f"Diagnostic-Code: smtp; 550 {status} <{recipient}>: Recipient address",
            "    rejected: User unknown in virtual mailbox table",
            "",
            f"--{boundary}",
            "Content-Description: Undelivered Message Headers",
            "Content-Type: text/rfc822-headers",
            "Content-Transfer-Encoding: 8bit",
            "",
            _headers(original, envelope_sender),
            "",
            f"--{boundary}--",
            "",
        ]
    ).encode()


def postfix_delay(original: Message, envelope_sender: str, recipient: str) -> bytes:
    boundary = "7B2C31C0A2C.1733569200/mail.openloket.example"
    return CRLF.join(
        [
            "Return-Path: <>",
            f"Delivered-To: {envelope_sender}",
            "Date: Mon,  7 Dec 2026 14:00:00 +0100 (CET)",
            "From: MAILER-DAEMON@mail.openloket.example (Mail Delivery System)",
            "Subject: Delayed Mail (still being retried)",
            f"To: {envelope_sender}",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            f'\tboundary="{boundary}"',
            "Content-Transfer-Encoding: 8bit",
            "Message-Id: <20261207130000.7B2C31C0A2C@mail.openloket.example>",
            "",
            "This is a MIME-encapsulated message.",
            "",
            f"--{boundary}",
            "Content-Description: Notification",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "This is the mail system at host mail.openloket.example.",
            "",
            "####################################################################",
            "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #",
            "####################################################################",
            "",
            f"<{recipient}>: connect to mx.example.org[192.0.2.25]:25: Connection timed out",
            "",
            f"--{boundary}",
            "Content-Description: Delivery report",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mail.openloket.example",
            "X-Postfix-Queue-ID: 7B2C31C0A2C",
            f"X-Postfix-Sender: rfc822; {envelope_sender}",
            "Arrival-Date: Mon,  7 Dec 2026 09:59:58 +0100 (CET)",
            "",
            f"Final-Recipient: rfc822; {recipient}",
            f"Original-Recipient: rfc822;{recipient}",
            "Action: delayed",
            "Status: 4.4.1",
            "Diagnostic-Code: X-Postfix; connect to mx.example.org[192.0.2.25]:25:",
            "    Connection timed out",
            "Will-Retry-Until: Mon, 12 Dec 2026 09:59:58 +0100 (CET)",
            "",
            f"--{boundary}",
            "Content-Description: Undelivered Message Headers",
            "Content-Type: text/rfc822-headers",
            "",
            _headers(original, envelope_sender),
            "",
            f"--{boundary}--",
            "",
        ]
    ).encode()


def exim_bounce(
    original: Message, envelope_sender: str, recipient: str, status: str = "5.0.0"
) -> bytes:
    boundary = "1733565600-eximdsn-1804289383"
    body = str(original.get_payload())  # as sent, in its own transfer encoding
    return CRLF.join(
        [
            "Return-path: <>",
            f"Envelope-to: {envelope_sender}",
            "Delivery-date: Mon, 07 Dec 2026 10:00:03 +0100",
            "Received: from Debian-exim by mail.example.net with local (Exim 4.96)",
            "\tid 1tJx2a-000Abc-2B",
            f"\tfor {envelope_sender};",
            "\tMon, 07 Dec 2026 10:00:03 +0100",
            f"X-Failed-Recipients: {recipient}",
            "Auto-Submitted: auto-replied",
            "From: Mail Delivery System <Mailer-Daemon@mail.example.net>",
            f"To: {envelope_sender}",
            f"Content-Type: multipart/report; report-type=delivery-status; boundary={boundary}",
            "MIME-Version: 1.0",
            "Subject: Mail delivery failed: returning message to sender",
            "Message-Id: <E1tJx2a-000Abc-2B@mail.example.net>",
            "Date: Mon, 07 Dec 2026 10:00:03 +0100",
            "",
            f"--{boundary}",
            "Content-type: text/plain; charset=us-ascii",
            "",
            "This message was created automatically by mail delivery software.",
            "",
            "A message that you sent could not be delivered to one or more of its",
            "recipients. This is a permanent error. The following address(es) failed:",
            "",
            f"  {recipient}",
            "    host mx.example.org [192.0.2.25]",
            f"    SMTP error from remote mail server after RCPT TO:<{recipient}>:",
            "    550 5.1.1 User unknown",
            "",
            f"--{boundary}",
            "Content-type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mail.example.net",
            "",
            "Action: failed",
            f"Final-Recipient: rfc822;{recipient}",
            f"Status: {status}",
            "Remote-MTA: dns; mx.example.org",
            "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
            "",
            f"--{boundary}",
            "Content-type: message/rfc822",
            "",
            _headers(original, envelope_sender),
            "",
            CRLF.join(body.splitlines()),
            f"--{boundary}--",
            "",
        ]
    ).encode()
