"""What spans and metrics the portal's instrumentation makes, and what they leave
out, through the same redacting exporter as production into the SDK's in-memory
exporter (the OTLP wire itself: test_observability_export.py)."""

import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from django.db import connection
from django.tasks import task
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from portal.observability import telemetry

BSN = "999993653"


class Telemetry:
    def __init__(self):
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(telemetry.span_processor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = telemetry.meter_provider(Resource.create(), self.reader)

    def spans(self):
        self.tracer_provider.force_flush()
        return self.exporter.get_finished_spans()

    def data_points(self, name: str) -> list[dict]:
        return [
            dict(point.attributes)
            for resource in self.reader.get_metrics_data().resource_metrics
            for scope in resource.scope_metrics
            for metric in scope.metrics
            if metric.name == name
            for point in metric.data.data_points
        ]


@pytest.fixture
def otel():
    recorder = Telemetry()
    telemetry.instrument_libraries(recorder.tracer_provider, recorder.meter_provider)
    try:
        yield recorder
    finally:
        telemetry.uninstrument_libraries()


def everything_exported(spans) -> str:
    return repr(
        [
            (s.name, dict(s.attributes), [(e.name, dict(e.attributes)) for e in s.events])
            for s in spans
        ]
    )


def test_a_citizen_page_is_one_server_span_without_query_string_or_cookies(
    otel, citizen_client, monkeypatch
):
    monkeypatch.setenv(
        "OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_REQUEST", "cookie,accept-language"
    )
    response = citizen_client.get(f"/mijn/?bsn={BSN}", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200

    [server] = [s for s in otel.spans() if s.kind == SpanKind.SERVER]
    assert server.attributes["http.url"] == "http://testserver/mijn/"
    assert "?" not in server.attributes.get("http.target", "")
    assert server.attributes["http.route"] == "mijn/"
    assert server.attributes["openloket.request_id"] == response["X-Request-ID"]
    assert server.attributes["http.request.header.accept_language"] == ("nl",)
    assert not [key for key in server.attributes if "cookie" in key]
    assert BSN not in everything_exported(otel.spans())
    [duration] = otel.data_points("http.server.duration")
    assert "http.target" not in duration and BSN not in repr(duration)


def test_the_health_checks_are_not_traced(otel, client):
    client.get("/healthz")
    assert otel.spans() == ()


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format, *args):
        pass


@pytest.fixture
def zgw_like_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_outgoing_zgw_query_by_bsn_is_traced_without_the_bsn(otel, zgw_like_server):
    # How a ZGW Zaken API is asked for a citizen's cases (VNG ZGW, zaken list filter).
    query = f"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}"
    url = f"{zgw_like_server}/zaken/api/v1/zaken?{query}"
    assert requests.get(url, timeout=5).status_code == 200

    [client_span] = otel.spans()
    assert client_span.kind == SpanKind.CLIENT
    assert client_span.attributes["http.url"] == f"{zgw_like_server}/zaken/api/v1/zaken"
    assert BSN not in everything_exported(otel.spans())


@task
def add_up(a: int, b: int) -> int:
    return a + b


@task
def fail_with_a_bsn(bsn: str) -> None:
    raise ValueError(f"no person {bsn}")


def test_a_task_runs_in_its_own_span_beside_the_enqueuing_span(otel):
    tracer = otel.tracer_provider.get_tracer("test")
    with tracer.start_as_current_span("request"):
        result = add_up.enqueue(2, 3)

    spans = {s.name: s for s in otel.spans()}
    task_span, request_span = spans["task add_up"], spans["request"]
    assert task_span.kind == SpanKind.CONSUMER
    assert task_span.attributes["messaging.message.id"] == str(result.id)
    assert task_span.attributes["openloket.task.name"].endswith(".add_up")
    assert task_span.attributes["openloket.task.status"] == "SUCCESSFUL"
    [enqueued] = request_span.events
    assert enqueued.name == "task enqueued"
    assert enqueued.attributes["messaging.message.id"] == str(result.id)
    [point] = otel.data_points("openloket.task.duration")
    assert point == {
        "openloket.task.name": task_span.attributes["openloket.task.name"],
        "openloket.task.status": "SUCCESSFUL",
    }


def test_a_failed_task_is_an_error_span_without_the_bsn_it_was_given(otel):
    fail_with_a_bsn.enqueue(BSN)

    [task_span] = otel.spans()
    assert task_span.status.status_code == StatusCode.ERROR
    assert task_span.attributes["openloket.task.status"] == "FAILED"
    assert BSN not in everything_exported(otel.spans())


@pytest.mark.django_db(transaction=True)
def test_postgresql_queries_are_traced_with_placeholders_only(otel):
    if connection.vendor != "postgresql":
        pytest.skip("psycopg is the PostgreSQL driver (TEST_DATABASE_URL=postgres://...)")
    from identity.models import User

    connection.close()  # the next query opens an instrumented connection
    assert not User.objects.filter(bsn=BSN).exists()

    [query] = [
        s
        for s in otel.spans()
        if s.attributes.get("db.system") == "postgresql"
        and User._meta.db_table in s.attributes["db.statement"]
    ]
    assert "%s" in query.attributes["db.statement"]
    assert BSN not in everything_exported(otel.spans())


@pytest.fixture
def redis_port(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed (scripts/bootstrap.sh installs it for CI)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - our own server, on loopback
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:  # readiness, not a result
            assert time.monotonic() < deadline and process.poll() is None, "redis did not start"
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_redis_commands_are_traced_without_their_arguments(otel, redis_port):
    import redis

    client = redis.Redis(port=redis_port)
    client.set("ratelimit:login", BSN)

    [*_, set_span] = otel.spans()
    assert set_span.attributes["db.system"] == "redis"
    assert set_span.attributes["db.statement"] == "SET ? ?"
    assert BSN not in everything_exported(otel.spans())
