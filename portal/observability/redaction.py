"""Keeps BSNs and other personal data out of log lines and trace data.

A BSN never appears in a URL or a log (design, "Data that must never leak"), but
outgoing requests to a ZGW source filter by BSN in the query string
(`rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=…`) and an exception
message may quote one. So every text that leaves the process through a log
line or a span passes `scrub` as a last line of defence, and URLs lose their
query string altogether.
"""

import logging
import re
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"

# Nine digits not glued to other letters or digits: the shape of a BSN in a
# query string ("inpBsn=999993653"), a SAML NameID ("s00000000:999993653") or a
# repr ({'bsn': '999993653'}). UUIDs, trace ids and hashes never have such a run.
_NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])")
# The elfproef (Logius, "Burgerservicenummer", 11-proef), as identity/bsn.py;
# repeated here because portal/ sits below identity/ (docs/architecture.md).
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def _passes_elfproef(digits: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(digits, _WEIGHTS, strict=True))
    return digits != "000000000" and total % 11 == 0


def scrub(text: str) -> str:
    """`text` with every nine-digit number that could be a BSN replaced."""
    if not any(char.isdigit() for char in text):
        return text
    return _NINE_DIGITS.sub(
        lambda match: REDACTED if _passes_elfproef(match.group()) else match.group(), text
    )


class ScrubFilter(logging.Filter):
    """Scrubs every record the console handler writes, whatever its formatter:
    LOG_FORMAT=plain as much as json (the JSON formatter scrubs its extra
    fields as well). The message is rendered and scrubbed once, and so is the
    traceback, which the formatter then reuses (LogRecord.exc_text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def without_query(url: str) -> str:
    """The URL (or path) without its query string and fragment."""
    parts = urlsplit(url)
    return scrub(urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")))


# Span attributes that hold a URL or a request target (old and new OpenTelemetry
# HTTP semantic conventions): the query string goes, the path stays.
URL_ATTRIBUTES = frozenset({"http.url", "http.target", "url.full", "url.original"})
# Dropped outright: the query string itself.
DROPPED_ATTRIBUTES = frozenset({"url.query"})
# Captured HTTP headers (OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_*) are dropped
# unless named here: cookies, authorisation and a proxy's identity headers never leave.
HEADER_PREFIXES = ("http.request.header.", "http.response.header.")
ALLOWED_HEADERS = frozenset(
    {"content-type", "content-length", "accept-language", "x-request-id", "traceparent"}
)


def redact_attribute(key: str, value):
    """The value to export for attribute `key`, or None to drop it."""
    if key in DROPPED_ATTRIBUTES:
        return None
    if key.startswith(HEADER_PREFIXES):
        header = key.split(".header.", 1)[1].replace("_", "-").lower()
        return value if header in ALLOWED_HEADERS else None
    if key in URL_ATTRIBUTES and isinstance(value, str):
        return without_query(value)
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, tuple | list):
        return tuple(scrub(item) if isinstance(item, str) else item for item in value)
    return value


def redact_attributes(attributes) -> dict:
    cleaned = {}
    for key, value in (attributes or {}).items():
        redacted = redact_attribute(key, value)
        if redacted is not None:
            cleaned[key] = redacted
    return cleaned


# Metric attributes pass only when named here: the Django instrumentation puts the
# full request target, query string included, on http.server.duration (a BSN, and
# a new time series per URL). Route, method and status tell an operator enough.
METRIC_ATTRIBUTES = frozenset(
    {
        "http.method",
        "http.request.method",
        "http.route",
        "http.scheme",
        "url.scheme",
        "http.status_code",
        "http.response.status_code",
        "http.flavor",
        "network.protocol.version",
        "http.server_name",
        "server.address",
        "server.port",
        "net.peer.name",
        "net.peer.port",
        "error.type",
        "db.system",
        "db.system.name",
        "openloket.task.name",
        "openloket.task.status",
    }
)
