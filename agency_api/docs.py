"""The API's reference page: our OpenAPI document rendered on the server.

Every operation with its parameters, request body and answers, and every schema
with its fields (type, required, description), in the portal's own layout: no
JavaScript, our strict CSP, WCAG checked like every page. The page chrome is
Dutch with English; descriptions come from the OpenAPI document as written.

Swagger UI (shipped by ninja) fails WCAG checks (contrast, nested controls) and
needs a CSP exception and a CDN, so it is not used; integrators load
openapi.json into their own tools.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .api import api

METHOD_ORDER = ["get", "post", "put", "patch", "delete"]
REF_PREFIX = "#/components/schemas/"


def _ref_name(schema: dict) -> str:
    return schema.get("$ref", "").removeprefix(REF_PREFIX)


def type_of(schema: dict) -> dict:
    """{"label": readable type, "ref": schema name to link to, or ""}."""
    if "$ref" in schema:
        name = _ref_name(schema)
        return {"label": name, "ref": name}
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema.get("oneOf")
        real = [option for option in options if option.get("type") != "null"]
        inner = [type_of(option) for option in real]
        label = " | ".join(part["label"] for part in inner)
        if len(real) < len(options):
            label = _("%(type)s of null") % {"type": label}
        return {"label": label, "ref": next((p["ref"] for p in inner if p["ref"]), "")}
    if schema.get("type") == "array":
        inner = type_of(schema.get("items", {}))
        return {"label": _("lijst van %(type)s") % {"type": inner["label"]}, "ref": inner["ref"]}
    label = schema.get("type", "") or "object"
    if schema.get("format"):
        label = f"{label} ({schema['format']})"
    if schema.get("enum"):
        label = f"{label}: {', '.join(str(value) for value in schema['enum'])}"
    return {"label": label, "ref": ""}


def _body_schema(spec: dict) -> dict:
    for media in (spec.get("content") or {}).values():
        return type_of(media.get("schema", {}))
    return {"label": "", "ref": ""}


def _operation(method: str, path: str, spec: dict) -> dict:
    return {
        "id": spec.get("operationId", f"{method}-{path}"),
        "method": method.upper(),
        "path": path,  # the document's paths already start with /api/v1
        "summary": spec.get("summary", ""),
        "description": spec.get("description", ""),
        "parameters": [
            {
                "name": parameter["name"],
                "where": parameter["in"],
                "type": type_of(parameter.get("schema", {})),
                "required": parameter.get("required", False),
                "description": parameter.get("description", ""),
            }
            for parameter in spec.get("parameters", [])
        ],
        "body": _body_schema(spec["requestBody"]) if "requestBody" in spec else None,
        "body_required": spec.get("requestBody", {}).get("required", False),
        "responses": [
            {"status": status, "description": answer.get("description", ""), **_body_schema(answer)}
            for status, answer in sorted(spec.get("responses", {}).items())
        ],
    }


def operations_by_tag(document: dict) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for path, methods in document["paths"].items():
        known = [m for m in methods.items() if m[0] in METHOD_ORDER]
        for method, spec in sorted(known, key=lambda m: METHOD_ORDER.index(m[0])):
            tag = (spec.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(_operation(method, path, spec))
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


def schemas(document: dict) -> list[dict]:
    result = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        result.append(
            {
                "name": name,
                "description": schema.get("description", ""),
                "type": type_of(schema) if "properties" not in schema else None,
                "fields": [
                    {
                        "name": field,
                        "type": type_of(spec),
                        "required": field in required,
                        "description": spec.get("description", ""),
                    }
                    for field, spec in schema.get("properties", {}).items()
                ],
            }
        )
    return result


@csrf_exempt  # no cookie-authenticated writes here; a POST gets a problem+json 405
@require_GET
def docs(request):
    document = api.get_openapi_schema()
    # Like the API itself (auth.py): /api/ has no language prefix, so integrators
    # choose with Accept-Language.
    translation.activate(translation.get_language_from_request(request))
    response = render(
        request,
        "agency_api/docs.html",
        {
            "groups": operations_by_tag(document),
            "schemas": schemas(document),
            "title": api.title,
            "version": api.version,
        },
    )
    patch_vary_headers(response, ["Accept-Language"])
    return response
