"""Telemetry is off unless the standard OTEL_* variables ask for it."""

import pytest

from portal.observability.telemetry import wanted


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"OTEL_SERVICE_NAME": "loket"},
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"},
        {"OTEL_TRACES_EXPORTER": "none", "OTEL_METRICS_EXPORTER": "none"},
    ],
)
def test_off(environ):
    assert not wanted(environ)


@pytest.mark.parametrize(
    "environ",
    [
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"},
        {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"},
        {"OTEL_TRACES_EXPORTER": "console"},
        {"OTEL_METRICS_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "false"},
    ],
)
def test_on(environ):
    assert wanted(environ)
