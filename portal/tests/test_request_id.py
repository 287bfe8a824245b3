"""Every response names its request id, and every JSON log line of the request too."""

import io
import json
import logging

import pytest

from portal.observability.json_logs import JsonFormatter
from portal.observability.request_id import request_id_from

BSN = "999993653"


@pytest.mark.parametrize(
    "sent", ["4f2a9c", "a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "lb01:1733539200.123"]
)
def test_a_sane_id_from_the_proxy_is_kept(sent):
    assert request_id_from(sent) == sent


@pytest.mark.parametrize(
    "sent", [None, "", "x" * 65, "abc\nlevel=ERROR forged", "<script>", "id with spaces"]
)
def test_anything_else_is_replaced_by_a_new_id(sent):
    new = request_id_from(sent)
    assert new != sent
    assert len(new) == 32 and int(new, 16) >= 0


def test_the_response_echoes_the_proxys_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-77")
    assert response["X-Request-ID"] == "proxy-77"


def test_every_response_gets_one_and_each_its_own(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.fixture
def json_lines():
    """The django.request logger's lines as production writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@pytest.mark.django_db
def test_a_log_line_written_during_the_request_carries_its_id(client, json_lines):
    response = client.get(f"/bestaat-niet/?bsn={BSN}", HTTP_X_REQUEST_ID="proxy-404")
    assert response.status_code == 404

    [line] = json_lines()
    assert line["request_id"] == "proxy-404"
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["message"] == "Not Found: /bestaat-niet/"
    # Django passes the request as an extra field: its method and path, no query string.
    assert line["extra"]["request"] == "GET /bestaat-niet/"
    assert BSN not in json.dumps(line)
