"""OpenTelemetry traces and metrics: off unless the standard OTEL_* variables ask.

`configure(process)` runs once per process where the work happens: in each
gunicorn worker (gunicorn.conf.py, post_fork) and in manage.py for runserver and
the task workers. It is on when the SDK is not disabled (OTEL_SDK_DISABLED) and
an exporter is named: an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or its
_TRACES_/_METRICS_ variants) or OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER
other than "none". The SDK itself reads the rest (OTEL_SERVICE_NAME,
OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_EXPORTER_OTLP_HEADERS, ...).

Traced: Django requests, PostgreSQL (psycopg), Redis, outgoing HTTP through
requests (person registry, ZGW sources, webhooks, notification provider) and
task execution (tasks.py). Every span passes `RedactingSpanExporter` on its way
out: no query strings, no captured personal headers, no BSN-shaped numbers.
"""

import logging
import os
import sys
import threading
from collections.abc import Sequence

from .redaction import METRIC_ATTRIBUTES, redact_attributes, scrub

logger = logging.getLogger(__name__)

SERVICE_NAME_DEFAULT = "open-loket"
_OTLP_ENDPOINT_VARIABLES = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
)

_lock = threading.Lock()
_configured_pid: int | None = None


def _exporter_name(signal: str, environ) -> str:
    default = "otlp" if any(environ.get(name) for name in _OTLP_ENDPOINT_VARIABLES) else "none"
    return (environ.get(f"OTEL_{signal}_EXPORTER") or default).strip().lower()


def wanted(environ=os.environ) -> bool:
    """Whether the environment asks for telemetry."""
    if (environ.get("OTEL_SDK_DISABLED") or "").strip().lower() == "true":
        return False
    return (
        _exporter_name("TRACES", environ) != "none" or _exporter_name("METRICS", environ) != "none"
    )


def is_configured() -> bool:
    return _configured_pid == os.getpid()


def configure(process: str) -> bool:
    """Set up tracing and metrics for this process once; True when it is on."""
    global _configured_pid
    with _lock:
        if is_configured():
            return True
        if not wanted():
            return False
        try:
            _set_up(process)
        except ImportError as error:
            logger.error(
                "OTEL_* variables ask for telemetry, but OpenTelemetry is not installed "
                "(pip install '.[otel]'): %s",
                error,
            )
            return False
        _configured_pid = os.getpid()
        logger.info("OpenTelemetry on for %s", process)
        return True


def _set_up(process: str) -> None:
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider

    attributes = {"process.command": process}
    if not os.environ.get("OTEL_SERVICE_NAME"):
        attributes[SERVICE_NAME] = SERVICE_NAME_DEFAULT
    resource = Resource.create(attributes)

    traces = _exporter_name("TRACES", os.environ)
    if traces != "none":
        tracer_provider = TracerProvider(resource=resource)
        tracer_provider.add_span_processor(span_processor(_span_exporter(traces)))
        trace.set_tracer_provider(tracer_provider)

    metrics_exporter = _exporter_name("METRICS", os.environ)
    if metrics_exporter != "none":
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

        reader = PeriodicExportingMetricReader(_metric_exporter(metrics_exporter))
        metrics.set_meter_provider(meter_provider(resource, reader))

    # The global providers (no-ops for a signal whose exporter is "none").
    instrument_libraries(trace.get_tracer_provider(), metrics.get_meter_provider())


def _span_exporter(name: str):
    if name == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    _require_http_protocol("TRACES")
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


def _metric_exporter(name: str):
    if name == "console":
        from opentelemetry.sdk.metrics.export import ConsoleMetricExporter

        return ConsoleMetricExporter()
    _require_http_protocol("METRICS")
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter

    return OTLPMetricExporter()


def _require_http_protocol(signal: str) -> None:
    protocol = os.environ.get(f"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL") or os.environ.get(
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
    )
    if protocol.strip().lower() != "http/protobuf":
        logger.warning(
            "OTEL_EXPORTER_OTLP_PROTOCOL=%s is not installed; sending http/protobuf "
            "(collectors listen for it on port 4318)",
            protocol,
        )


def span_processor(exporter):
    """Batches spans to `exporter` with every span redacted first."""
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    return BatchSpanProcessor(RedactingSpanExporter(exporter))


def meter_provider(resource, reader):
    """Every instrument keeps only the attributes of `METRIC_ATTRIBUTES`, and no
    exemplars: an exemplar carries the attributes a view dropped
    (`filtered_attributes`), the request's full target among them."""
    from opentelemetry.sdk.metrics import AlwaysOffExemplarFilter, MeterProvider
    from opentelemetry.sdk.metrics.view import View

    return MeterProvider(
        resource=resource,
        metric_readers=[reader],
        views=[View(instrument_name="*", attribute_keys=set(METRIC_ATTRIBUTES))],
        exemplar_filter=AlwaysOffExemplarFilter(),
    )


def instrument_libraries(tracer_provider, meter_provider) -> None:
    """Instrument Django, psycopg, Redis, requests and tasks with these providers."""
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor

    from . import tasks

    providers = {"tracer_provider": tracer_provider, "meter_provider": meter_provider}
    # Health checks every few seconds from the load balancer would drown the rest
    # (OTEL_PYTHON_DJANGO_EXCLUDED_URLS overrides this).
    excluded = os.environ.get("OTEL_PYTHON_DJANGO_EXCLUDED_URLS", "healthz,readyz")
    DjangoInstrumentor().instrument(excluded_urls=excluded, **providers)
    PsycopgInstrumentor().instrument(enable_commenter=False, **providers)
    RedisInstrumentor().instrument(**providers)
    RequestsInstrumentor().instrument(**providers)
    tasks.connect(tracer_provider, meter_provider)


def uninstrument_libraries() -> None:
    """Undo `instrument_libraries` (tests)."""
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor

    from . import tasks

    for instrumentor in (
        DjangoInstrumentor,
        PsycopgInstrumentor,
        RedisInstrumentor,
        RequestsInstrumentor,
    ):
        instrumentor().uninstrument()
    tasks.disconnect()


def current_trace_ids() -> dict[str, str]:
    """trace_id and span_id of the current span, for log lines; empty when off."""
    if "opentelemetry.trace" not in sys.modules:
        return {}  # never imported, so no span: and no import on every log line
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}


class RedactingSpanExporter:
    """Passes each span to `exporter` with its name, attributes and events redacted."""

    def __init__(self, exporter):
        self.exporter = exporter

    def export(self, spans: Sequence):
        return self.exporter.export([redacted_span(span) for span in spans])

    def shutdown(self) -> None:
        self.exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.exporter.force_flush(timeout_millis)


def redacted_span(span):
    from opentelemetry.sdk.trace import Event, ReadableSpan
    from opentelemetry.trace import Status

    events = [
        Event(event.name, redact_attributes(event.attributes), event.timestamp)
        for event in span.events
    ]
    return ReadableSpan(
        name=scrub(span.name),
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=redact_attributes(span.attributes),
        events=events,
        links=span.links,
        kind=span.kind,
        status=Status(span.status.status_code, scrub(span.status.description or "") or None),
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )
