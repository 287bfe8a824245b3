"""Errors as "problem details" (RFC 9457, application/problem+json): the one
response format of every error under /api/, whether the agency API answers it or
Django does (CSRF, 400, 404, 500; portal/errors.py)."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"


def problem_response(
    status: int,
    detail: str,
    *,
    code: str = "",
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
    }
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
