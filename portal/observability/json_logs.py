"""One JSON object per log line, for production (settings: LOG_FORMAT=json).

Fields: timestamp (UTC, ISO 8601), level, logger, message, request_id (the
request being served, if any), trace_id and span_id (while tracing is on),
exception (the formatted traceback) and extra (what a call passed as `extra=`).
Every text passes `redaction.scrub`, so a BSN that slipped into a message, an
argument, a traceback or an extra field is not written (docs/deploy.md).
"""

import json
import logging
from datetime import UTC, datetime

from .redaction import scrub
from .request_id import current_request_id

# The attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
    "otelSpanID",
    "otelTraceID",
    "otelTraceSampled",
    "otelServiceName",
}


def _plain(value):
    """A JSON-safe, scrubbed copy of an extra field's value."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {scrub(str(key)): _plain(item) for key, item in value.items()}
    if hasattr(value, "method") and hasattr(value, "path"):
        # Django's request logger passes the HttpRequest, whose repr holds the
        # query string: the method and path are enough to find the request.
        return f"{value.method} {scrub(value.path)}"
    return scrub(str(value))


def _request_id(record: logging.LogRecord) -> str | None:
    # Django logs a 4xx/5xx response after the middleware has returned: the
    # request it passes along still carries the id the middleware gave it.
    request = getattr(record, "request", None)
    return getattr(request, "request_id", None) or current_request_id.get()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": _request_id(record),
        }
        from . import telemetry

        entry.update(telemetry.current_trace_ids())
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = scrub(record.exc_text)
        if record.stack_info:
            entry["stack"] = scrub(self.formatStack(record.stack_info))
        extra = {key: _plain(value) for key, value in vars(record).items() if key not in _STANDARD}
        if extra:
            entry["extra"] = extra
        return json.dumps(entry, ensure_ascii=False, default=str)
