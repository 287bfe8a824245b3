"""A real IMAP server for the bounce tests: pymap (icgood/pymap, MIT), an
independent IMAP4rev1 implementation in Python, with its in-memory backend.
Started as its own process on a free port; the test delivers bounces into
it with IMAP APPEND, as an MTA's local delivery would, and the code under test
reads them with the standard library's imaplib (decision 0043)."""

from __future__ import annotations

import imaplib
import socket
import subprocess
import sys
import time
from pathlib import Path

from .smtp_server import free_port

USER, PASSWORD = "bounces", "bounce-secret"


class IMAPServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"imap://{USER}:{PASSWORD}@127.0.0.1:{self.port}/INBOX"

    def __enter__(self) -> IMAPServer:
        pymap = Path(sys.executable).with_name("pymap")
        self.process = subprocess.Popen(  # noqa: S603 (our own venv's pymap, fixed arguments)
            [
                str(pymap),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-tls",
                "dict",
                "--demo-data",
                "--demo-user",
                USER,
                "--demo-password",
                PASSWORD,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_listening()
        return self

    def _wait_until_listening(self, seconds: float = 30) -> None:
        """Readiness of a process we just started: connect until it answers."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("pymap did not start") from None
                time.sleep(0.05)

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USER, PASSWORD)
        client.select("INBOX")
        return client

    def deliver(self, raw: bytes) -> None:
        """Put a message in the mailbox, unseen (as local delivery does)."""
        client = self.client()
        try:
            typ, _data = client.append("INBOX", None, None, raw)
            assert typ == "OK"
        finally:
            client.logout()

    def unseen(self) -> list[bytes]:
        client = self.client()
        try:
            return (client.uid("SEARCH", "UNSEEN")[1][0] or b"").split()
        finally:
            client.logout()

    def mark_all_unseen(self) -> None:
        client = self.client()
        try:
            client.store("1:*", "-FLAGS", "(\\Seen)")
        finally:
            client.logout()
