"""Virus scanning hook: uploads are streamed to a ClamAV daemon (clamd) when one is
configured; without configuration the hook is off (and the admin says so).
Production settings refuse to start without a scanner unless VIRUS_SCAN_REQUIRED
is false (uploads scanned elsewhere); /readyz reports the scanner's state and
`check --deploy` warns when none is configured and none was waived.

Protocol (clamd(8), "INSTREAM"): send ``zINSTREAM\\0``, then the data in chunks, each
preceded by its length as a 4-byte unsigned big-endian integer, then a zero-length
chunk. clamd answers one NUL-terminated line: ``stream: OK``,
``stream: <signature> FOUND`` or ``... ERROR`` (for instance when the stream is larger
than its StreamMaxLength).

Fail closed: when clamd is configured but cannot be reached, times out or answers
something we do not understand, the upload is refused with "try again later" - a
file that was not scanned is never stored.

Settings (environment): CLAMAV_SOCKET (a unix socket path) or CLAMAV_HOST and
CLAMAV_PORT (default 3310); CLAMAV_TIMEOUT in seconds (default 10);
VIRUS_SCAN_REQUIRED (default true).
"""

from __future__ import annotations

import logging
import socket
import struct
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
MAX_REPLY = 4096

MESSAGES = {
    "infected": _(
        "In dit bestand is een virus gevonden. Het bestand is niet opgeslagen. "
        "Controleer uw computer en stuur een schoon bestand."
    ),
    "scanner_unavailable": _(
        "Wij kunnen uw bestand nu niet controleren op virussen. Het is niet opgeslagen. "
        "Probeer het later opnieuw."
    ),
}


class ScannerUnavailable(Exception):
    """clamd is configured but did not give a usable answer."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


@dataclass(frozen=True)
class ScannerConfig:
    host: str
    port: int
    socket_path: str
    timeout: float

    @property
    def enabled(self) -> bool:
        return bool(self.socket_path or self.host)

    def describe(self) -> str:
        return self.socket_path or f"{self.host}:{self.port}"


def scanner_config() -> ScannerConfig:
    return ScannerConfig(
        host=getattr(settings, "CLAMAV_HOST", "") or "",
        port=int(getattr(settings, "CLAMAV_PORT", 3310) or 3310),
        socket_path=getattr(settings, "CLAMAV_SOCKET", "") or "",
        timeout=float(getattr(settings, "CLAMAV_TIMEOUT", 10) or 10),
    )


def scanner_enabled() -> bool:
    return scanner_config().enabled


def scanner_required() -> bool:
    return bool(getattr(settings, "VIRUS_SCAN_REQUIRED", True))


def ping(*, config: ScannerConfig | None = None, timeout: float = 2.0) -> None:
    """Raise ScannerUnavailable unless clamd answers PING with PONG (clamd(8)).
    For /readyz: a short timeout, so a hanging scanner cannot hang the probe."""
    config = config or scanner_config()
    if not config.enabled:
        raise ScannerUnavailable("No virus scanner is configured.")
    config = ScannerConfig(
        host=config.host,
        port=config.port,
        socket_path=config.socket_path,
        timeout=min(config.timeout, timeout),
    )
    try:
        with _connect(config) as connection:
            connection.sendall(b"zPING\0")
            reply = _read_reply(connection)
    except OSError as exc:
        raise ScannerUnavailable(f"clamd at {config.describe()}: {exc}") from exc
    if reply != b"PONG":
        raise ScannerUnavailable(f"clamd at {config.describe()} answered {reply[:200]!r}")


def _connect(config: ScannerConfig) -> socket.socket:
    if config.socket_path:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(config.timeout)
        try:
            connection.connect(config.socket_path)
        except BaseException:
            connection.close()
            raise
        return connection
    return socket.create_connection((config.host, config.port), timeout=config.timeout)


def _read_reply(connection: socket.socket) -> bytes:
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
        data = connection.recv(MAX_REPLY)
        if not data:
            break
        reply += data
    return reply.rstrip(b"\0").strip()


def scan_stream(file: IO[bytes], *, config: ScannerConfig | None = None) -> ScanResult:
    """Send `file` (from its current position) to clamd with INSTREAM."""
    config = config or scanner_config()
    if not config.enabled:
        raise ScannerUnavailable("No virus scanner is configured.")
    try:
        with _connect(config) as connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := file.read(CHUNK_SIZE):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection)
    except OSError as exc:  # refused, unreachable, timeout (socket.timeout is an OSError)
        raise ScannerUnavailable(f"clamd at {config.describe()}: {exc}") from exc
    text = reply.decode("utf-8", "replace")
    if text == "stream: OK":
        return ScanResult(clean=True)
    if text.startswith("stream: ") and text.endswith(" FOUND"):
        return ScanResult(clean=False, signature=text[len("stream: ") : -len(" FOUND")])
    raise ScannerUnavailable(f"clamd at {config.describe()} answered {text[:200]!r}")


def check_upload(file: IO[bytes]) -> None:
    """The upload hook: no-op when scanning is off; ValidationError when the file is
    infected or the scanner cannot give an answer (fail closed). Rewinds `file`."""
    config = scanner_config()
    if not config.enabled:
        return
    file.seek(0)
    try:
        result = scan_stream(file, config=config)
    except ScannerUnavailable as exc:
        logger.warning("Upload refused, virus scanner unavailable: %s", exc)
        raise ValidationError(MESSAGES["scanner_unavailable"], code="scanner_unavailable") from exc
    finally:
        file.seek(0)
    if not result.clean:
        logger.warning("Upload refused, virus scanner found %s", result.signature)
        raise ValidationError(MESSAGES["infected"], code="infected")


def check_ready() -> None:
    """The /readyz check (portal/health.py): "off" without a scanner, "down" when
    clamd does not answer PING."""
    from portal.health import NotConfigured

    if not scanner_enabled():
        raise NotConfigured
    ping()
