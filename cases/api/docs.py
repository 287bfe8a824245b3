"""The API's docs page: the operations of our OpenAPI document, rendered on
the server in the portal's own layout (no JavaScript, our strict CSP, WCAG
checked like every page) with a link to the machine-readable document.

Swagger UI (shipped by ninja) fails WCAG checks (contrast, nested controls) and
needs a CSP exception, so it is not used; integrators load openapi.json into
their own tools.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .api import api

METHOD_ORDER = ["get", "post", "patch", "put", "delete"]


def operations_by_tag() -> list[dict]:
    document = api.get_openapi_schema()
    groups: dict[str, list[dict]] = {}
    for path, methods in document["paths"].items():
        for method, spec in sorted(methods.items(), key=lambda m: METHOD_ORDER.index(m[0])):
            tag = (spec.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": spec.get("summary", ""),
                    "description": spec.get("description", ""),
                    "statuses": sorted(spec.get("responses", {})),
                    "idempotent": any(
                        p.get("name") == "Idempotency-Key" for p in spec.get("parameters", [])
                    ),
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


@csrf_exempt  # no cookie-authenticated writes here; a POST gets a problem+json 405
@require_GET
def docs(request):
    return render(
        request,
        "api/docs.html",
        {"groups": operations_by_tag(), "title": api.title, "version": api.version},
    )
