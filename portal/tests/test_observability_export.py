"""End to end: a gunicorn worker started as operators start it (gunicorn.conf.py)
with only OTEL_* variables set sends its spans and metrics over OTLP/HTTP to a
receiver that decodes them with opentelemetry-proto (decision 0055)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from portal.tests.otlp_receiver import OtlpReceiver

ROOT = Path(__file__).resolve().parents[2]
BSN = "999993653"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    """Readiness of a process we just started: ask until it answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1][-3000:]
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            requests.get(url, timeout=10)
            return
        time.sleep(0.1)
    raise AssertionError(f"gunicorn did not answer within {seconds} s")


@contextlib.contextmanager
def _gunicorn(env: dict[str, str]):
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - our own server, on loopback
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi", "-c", "gunicorn.conf.py"),
            *("--workers", "1", "--bind", f"127.0.0.1:{port}"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base + "/healthz", process)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


def _environment(**otel: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    return {**keep, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **otel}


def test_a_request_reaches_an_otlp_receiver_without_its_query_string():
    with OtlpReceiver() as receiver:
        env = _environment(
            OTEL_EXPORTER_OTLP_ENDPOINT=receiver.endpoint,
            OTEL_SERVICE_NAME="loket-test",
            OTEL_BSP_SCHEDULE_DELAY="50",
            OTEL_METRIC_EXPORT_INTERVAL="200",
        )
        with _gunicorn(env) as base:
            response = requests.get(
                f"{base}/favicon.ico?bsn={BSN}",
                headers={"X-Request-ID": "proxy-4f2a", "Cookie": f"sessionid={BSN}"},
                timeout=10,
                allow_redirects=False,
            )
            assert response.headers["X-Request-ID"] == "proxy-4f2a"

            def has_the_request(r):
                return any(s["attributes"].get("openloket.request_id") for s in r.spans)

            assert receiver.wait_for(has_the_request), receiver.spans
            assert receiver.wait_for(lambda r: r.metric_names), "no metrics arrived"

    [span] = [s for s in receiver.spans if s["attributes"].get("openloket.request_id")]
    assert span["attributes"]["openloket.request_id"] == "proxy-4f2a"
    assert span["resource"]["service.name"] == "loket-test"
    assert span["scope"] == "opentelemetry.instrumentation.django"
    assert span["attributes"]["http.target"] == "/favicon.ico"
    assert span["attributes"]["http.status_code"] == response.status_code
    # The load balancer's health checks are not traced by default.
    assert not [s for s in receiver.spans if "healthz" in str(s["attributes"])]
    assert any(name.startswith("http.server") for name in receiver.metric_names)
    assert receiver.content_types == {"application/x-protobuf"}
    leaks = [
        b[max(0, b.find(BSN.encode()) - 120) :][:200]
        for b in receiver.raw_bodies
        if BSN.encode() in b
    ]
    assert not leaks, leaks


def test_nothing_is_sent_without_otel_variables():
    with OtlpReceiver() as receiver:
        # The receiver listens, but only OTEL_SERVICE_NAME says anything about telemetry.
        env = _environment(OTEL_SERVICE_NAME="loket-test")
        with _gunicorn(env) as base:
            response = requests.get(f"{base}/favicon.ico", timeout=10, allow_redirects=False)
            assert response.headers["X-Request-ID"]
        assert receiver.spans == [] and receiver.raw_bodies == []
