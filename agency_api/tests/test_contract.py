"""Contract test driven by our own OpenAPI document (schemathesis): for any
generated input, valid or not, no endpoint answers with a server error, and
every error is problem+json. Runs in-process through the WSGI application
with a bounded, derandomised number of examples (well under a minute)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from agency_api.models import ApiClient
from cases import services
from cases.models import CaseSource
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.actors import Actor
from portal.wsgi import application

from .conftest import BSN

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Valid and invalid inputs, NUL bytes included; no example database on disk.
schema.config.generation.update(
    modes=list(schemathesis.GenerationMode), allow_x00=True, database="none"
)


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the database
    connection after each request, or the test's transaction is lost on
    PostgreSQL (SQLite's in-memory connection ignores close())."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, keep_test_connection):
    """An agency with a case type, an open case and a client; the generated
    requests are pointed at these objects half of the time so that they get
    past the 404 and exercise the services."""
    agency = AgencyFactory(slug="contract")
    case_type = CaseTypeFactory(agency=agency, code="contract-type")
    case = services.open_case(
        case_type=case_type, bsn=BSN, actor=Actor.system("contract"), source=CaseSource.API
    )
    _client, token = ApiClient.issue(
        agency=agency, name="Contract", rate_limit_per_minute=1_000_000
    )
    return {"token": token, "code": case_type.code, "reference": case.reference}


@schema.parametrize()
@hypothesis_settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_for_any_input(case, world):
    params = case.path_parameters or {}
    for name in ("code", "reference"):
        if name in params and len(str(params[name])) % 2 == 0:
            params[name] = world[name]
    response = case.call(headers={"Authorization": f"Bearer {world['token']}"})
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    if response.status_code >= 400:
        assert response.headers.get("content-type", [""])[0] == "application/problem+json", (
            response.status_code,
            case.path,
            case.path_parameters,
            dict(response.headers),
        )


def test_openapi_document_needs_no_token_and_names_zgw_resources(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    tags = {
        tag for op in document["paths"].values() for spec in op.values() for tag in spec["tags"]
    }
    assert {"zaaktypen", "statustypen", "zaken", "statussen", "rollen"} <= tags
    assert document["components"]["securitySchemes"]["ApiClientAuth"]["scheme"] == "bearer"


def test_docs_page_lists_every_operation_under_the_strict_csp(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/api/v1" not in html  # the document's paths already carry the prefix
    for path in document["paths"]:
        assert path in html
    assert 'href="/api/v1/openapi.json"' in html
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "<script" not in html.replace('<script nonce="', "")  # no inline scripts
