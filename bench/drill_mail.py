"""A mail backend for the fault drills: one file per message, written atomically.

`delay_seconds` stands in for the SMTP conversation (connect, EHLO, MAIL, RCPT,
DATA). The rename at the end is the moment a relay answers "250 OK": before it
the message does not exist, after it the message is delivered. So a worker
killed during the delay has sent nothing, like one killed mid-SMTP.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class DrillFileBackend(BaseEmailBackend):
    def __init__(self, *, directory: str = "", delay_seconds: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(directory)
        self.delay_seconds = float(delay_seconds)

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            time.sleep(self.delay_seconds)
            final = self.directory / f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex}.eml"
            partial = final.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            os.replace(partial, final)
            sent += 1
        return sent
