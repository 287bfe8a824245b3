"""One id per request, in the response's X-Request-ID header and in every log line.

The proxy in front may send its own X-Request-ID (nginx `$request_id`, haproxy
`unique-id-format`), so one id follows a request from the proxy's access log to
ours; an id that is missing or not of a sane shape is replaced by a new one.
"""

import re
import sys
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# Letters, digits and . _ : - only, 1 to 64 of them: enough for a UUID or a
# proxy's hex id, too little to smuggle a line break or markup into a log.
_SANE = re.compile(r"[A-Za-z0-9._:-]{1,64}")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def request_id_from(header_value: str | None) -> str:
    if header_value and _SANE.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every log line of the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            _annotate_current_span(request_id)
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request_id
        return response


def _annotate_current_span(request_id: str) -> None:
    """Puts the id on the request's span (a no-op span unless tracing is on)."""
    if "opentelemetry.trace" in sys.modules:
        from opentelemetry import trace

        trace.get_current_span().set_attribute("openloket.request_id", request_id)
