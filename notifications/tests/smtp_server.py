"""A real SMTP server for tests and the drill (aiosmtpd): it keeps what it
accepts and refuses recipients whose local part starts with "bounce" with
550 (RFC 5321: a permanent negative reply), "busy" with 451 (transient)."""

from __future__ import annotations

import socket
from email import message_from_bytes

from aiosmtpd.controller import Controller


class Keeper:
    def __init__(self) -> None:
        self.messages: list = []
        # (MAIL FROM, RCPT TOs) of each accepted message: where a bounce would go.
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("bounce"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("busy"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    def __init__(self) -> None:
        self.keeper = Keeper()
        self.port = free_port()
        self.controller = Controller(self.keeper, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SMTPServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def mailer(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }
