"""Production's log lines: one JSON object each, never a BSN (docs/deploy.md)."""

import json
import logging
import sys

from opentelemetry.sdk.trace import TracerProvider

from portal.observability.json_logs import JsonFormatter
from portal.observability.redaction import REDACTED, scrub, without_query

BSN = "999993653"


def _record(msg, *args, exc_info=None, **extra) -> logging.LogRecord:
    record = logging.LogRecord("identity.saml", logging.ERROR, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_a_line_is_one_json_object_with_the_operator_fields():
    line = JsonFormatter().format(_record("Login refused: %s", "signature"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "identity.saml"
    assert entry["message"] == "Login refused: signature"
    assert entry["timestamp"].endswith("+00:00") and "T" in entry["timestamp"]
    assert entry["request_id"] is None
    assert "trace_id" not in entry


def test_no_bsn_in_message_arguments_traceback_or_extra_fields():
    try:
        raise ValueError(f"no registry record for {BSN}")
    except ValueError:
        exc_info = sys.exc_info()
    record = _record(
        "NameID %s refused",
        f"s00000000:{BSN}",
        exc_info=exc_info,
        subject={"bsn": BSN, "names": [BSN]},
        bsn=BSN,
    )
    line = JsonFormatter().format(record)
    assert BSN not in line
    entry = json.loads(line)
    assert entry["message"] == f"NameID s00000000:{REDACTED} refused"
    assert "ValueError: no registry record for [redacted]" in entry["exception"]
    assert entry["extra"] == {
        "subject": {"bsn": REDACTED, "names": [REDACTED]},
        "bsn": REDACTED,
    }


def test_a_line_inside_a_span_names_the_trace_and_span():
    tracer = TracerProvider().get_tracer("test")
    with tracer.start_as_current_span("request") as span:
        entry = json.loads(JsonFormatter().format(_record("inside")))
    context = span.get_span_context()
    assert entry["trace_id"] == f"{context.trace_id:032x}"
    assert entry["span_id"] == f"{context.span_id:016x}"


def test_only_numbers_that_pass_the_elfproef_are_scrubbed():
    # 123456789 fails the elfproef (a count, a size); UUIDs and hex ids are left alone.
    text = "uploaded 123456789 bytes for 9f0c5f3e-1234-4a5b-8c9d-999993653123 of 999990019"
    assert scrub(text) == (
        "uploaded 123456789 bytes for 9f0c5f3e-1234-4a5b-8c9d-999993653123 of [redacted]"
    )


def test_urls_lose_query_and_fragment():
    assert without_query(f"https://zgw.example.nl/zaken?inpBsn={BSN}#x") == (
        "https://zgw.example.nl/zaken"
    )
    assert without_query(f"/mijn/{BSN}/") == f"/mijn/{REDACTED}/"


def test_a_plain_line_has_no_bsn_either():
    """LOG_FORMAT=plain (a terminal, or an operator's choice): the console
    handler's filter scrubs before any formatter (portal/settings/base.py)."""
    from portal.observability.redaction import ScrubFilter
    from portal.settings import base  # the test settings log nothing of their own

    assert base.LOGGING["handlers"]["console"]["filters"] == ["scrub"]
    try:
        raise ValueError(f"no registry record for {BSN}")
    except ValueError:
        record = _record("Lookup for %s failed", BSN, exc_info=sys.exc_info())
    assert ScrubFilter().filter(record)
    line = logging.Formatter("%(levelname)s %(message)s").format(record)
    assert BSN not in line
    assert f"Lookup for {REDACTED} failed" in line
    assert f"no registry record for {REDACTED}" in line
