from unittest import mock

import pytest

from documents.tests.fake_clamd import FakeClamd, unused_tcp_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_dependencies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_every_dependency_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "tasks": "ok",
        # The test settings configure no scanner: "off", which does not make it unready.
        "virus_scanner": "off",
        # Nothing was sent yet, so nothing says whether the provider works (issue 18).
        "notification_provider": "off",
    }
    assert response.json()["status"] == "ok"


def test_readyz_is_503_and_names_the_dependency_that_is_down(client):
    with mock.patch("portal.health.private_storage", side_effect=OSError("disk gone")):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["storage"] == "down"
    assert body["checks"]["database"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_readyz_with_the_cache_down_is_degraded_but_ready(client):
    # The cache is optional (portal/cache.py): the load balancer keeps the server.
    with mock.patch("portal.health.cache.set", side_effect=ConnectionError("no redis")):
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == "down"
    assert body["checks"]["database"] == "ok"


def test_readyz_reports_a_virus_scanner_that_answers(client, settings):
    with FakeClamd() as clamd:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT, settings.CLAMAV_SOCKET = (
            clamd.host,
            clamd.port,
            "",
        )
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["virus_scanner"] == "ok"
    assert response.json()["status"] == "ok"


def test_readyz_with_the_virus_scanner_down_is_degraded_but_ready(client, settings):
    # Uploads are refused while clamd is down (fail closed); the rest of the portal works.
    settings.CLAMAV_HOST, settings.CLAMAV_PORT, settings.CLAMAV_SOCKET = (
        "127.0.0.1",
        unused_tcp_port(),
        "",
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["virus_scanner"] == "down"
