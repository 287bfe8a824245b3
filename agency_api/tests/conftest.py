"""Fixtures for the agency API tests: two agencies, each with a case type and
an API client, and `api`, a test client that sends our agency's token."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from agency_api.models import ApiClient
from cases.tests.factories import AgencyFactory, CaseTypeFactory

BSN = "999993653"
OTHER_BSN = "999990019"


class ApiTestClient:
    """Django's test client with the bearer token and JSON bodies."""

    def __init__(self, token: str, **defaults):
        self.client = Client(**defaults)
        self.headers = {"Authorization": f"Bearer {token}"}

    def _send(self, method, path, body=None, *, key=None, headers=None, **extra):
        all_headers = {**self.headers, **(headers or {})}
        if key is not None:
            all_headers["Idempotency-Key"] = key
        kwargs = {"headers": all_headers, **extra}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, **kw):
        return self._send("get", path, **kw)

    def post(self, path, body=None, **kw):
        return self._send("post", path, body if body is not None else {}, **kw)

    def patch(self, path, body=None, **kw):
        return self._send("patch", path, body if body is not None else {}, **kw)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    return AgencyFactory(slug="gemeente-a", name="Gemeente A", short_name="A")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(slug="gemeente-b", name="Gemeente B", short_name="B")


@pytest.fixture
def case_type(agency):
    return CaseTypeFactory(agency=agency, code="parkeervergunning", name="Parkeervergunning")


@pytest.fixture
def other_case_type(other_agency):
    return CaseTypeFactory(agency=other_agency, code="kapvergunning", name="Kapvergunning")


@pytest.fixture
def client_and_token(agency):
    return ApiClient.issue(agency=agency, name="Zaaksysteem A")


@pytest.fixture
def api_client_obj(client_and_token):
    return client_and_token[0]


@pytest.fixture
def api(client_and_token):
    return ApiTestClient(client_and_token[1])


@pytest.fixture
def other_api(other_agency):
    _client, token = ApiClient.issue(agency=other_agency, name="Zaaksysteem B")
    return ApiTestClient(token)


def new_case_body(**overrides) -> dict:
    return {
        "case_type": "parkeervergunning",
        "bsn": BSN,
        "title": "Parkeervergunning Dorpsstraat",
    } | overrides
