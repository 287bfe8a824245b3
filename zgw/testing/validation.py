"""Checking requests and responses against the official VNG OpenAPI documents
(vendored in ./openapi, EUPL 1.2, see openapi/LICENCE.md), so the test ZGW
server cannot drift from the standard and neither can our client.

The documents' `servers` are production hosts; we serve each API under
`/<api>/api/v1` on the test server, so the loaded copy names that instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

OPENAPI_DIR = Path(__file__).parent / "openapi"
DOCUMENTS = {
    "zaken": "zaken-1.5.1.yaml",
    "catalogi": "catalogi-1.3.1.yaml",
    "documenten": "documenten-1.5.0.yaml",
    "besluiten": "besluiten-1.0.2.yaml",
    "notificaties": "notificaties-1.0.0.post1.yaml",
}
VALIDATION_HOST = "http://zgw.test"


@cache
def document(api: str) -> dict:
    with (OPENAPI_DIR / DOCUMENTS[api]).open() as handle:
        return yaml.safe_load(handle)


@cache
def openapi(api: str) -> OpenAPI:
    spec = dict(document(api))
    spec["servers"] = [{"url": f"{VALIDATION_HOST}/{api}/api/v1"}]
    # The documents are VNG's published ones; validating them again on every run adds nothing.
    # Errors come as application/problem+json (ZGW "Foutmeldingen", RFC 7807).
    return OpenAPI.from_dict(
        spec,
        config=Config(
            spec_validator_cls=None,
            extra_media_type_deserializers={"application/problem+json": json.loads},
        ),
    )


@dataclass
class CheckedRequest:
    """openapi-core's Request protocol for one request to the test server."""

    method: str
    path: str  # /<api>/api/v1/...
    query: str
    headers: dict[str, str]
    body: bytes | None
    content_type: str
    host_url: str = VALIDATION_HOST
    parameters: RequestParameters = field(init=False)

    def __post_init__(self):
        self.method = self.method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(self.query, keep_blank_values=True)),
            header=Headers(self.headers),
        )


@dataclass
class CheckedResponse:
    status_code: int
    data: bytes
    headers: dict[str, str]
    content_type: str


def api_of(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def request_errors(request: CheckedRequest) -> list[str]:
    try:
        openapi(api_of(request.path)).validate_request(request)
    except Exception as exc:
        return [_describe(request, exc)]
    return []


def response_errors(request: CheckedRequest, response: CheckedResponse) -> list[str]:
    try:
        openapi(api_of(request.path)).validate_response(request, response)
    except Exception as exc:
        return [_describe(request, exc, response.status_code)]
    return []


def _describe(request: CheckedRequest, exc: Exception, status: int | None = None) -> str:
    causes = [str(exc)]
    cause: Any = exc.__cause__
    while cause is not None:
        causes.append(str(cause)[:500])
        for error in getattr(cause, "schema_errors", []) or []:
            causes.append(f"{list(error.path)}: {error.message[:300]}")
        cause = cause.__cause__
    where = f"{request.method.upper()} {request.path}" + (f" -> {status}" if status else "")
    return f"{where}: " + " | ".join(causes)


def minimal(api: str, schema_name: str, **values: Any) -> dict:
    """An object of `schema_name` with every required field filled in
    (nullable ones null), then `values` on top: fixtures name only what matters."""
    spec = document(api)
    built = _build(spec, spec["components"]["schemas"][schema_name])
    built.update(values)
    return built


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _build(spec: dict, schema: dict) -> Any:
    schema = _resolve(spec, schema)
    if "allOf" in schema:
        merged: dict = {}
        for part in schema["allOf"]:
            value = _build(spec, part)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    if schema.get("nullable"):
        return None
    if "enum" in schema:
        return next(value for value in schema["enum"] if value not in ("", None))
    kind = schema.get("type", "object")
    if kind == "object":
        return {
            name: _build(spec, prop)
            for name, prop in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    return _string(schema)


def _string(schema: dict) -> str:
    fmt = schema.get("format")
    if fmt == "uri":
        return "http://zgw.test/niet-gebruikt"
    if fmt == "date":
        return "2026-01-01"
    if fmt == "date-time":
        return "2026-01-01T00:00:00Z"
    if fmt == "duration":
        return "P30D"
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    return "x" * max(schema.get("minLength", 1), 1)
