"""The API reference page shows the whole OpenAPI document (issue 15 item 14)."""

import pytest

from agency_api.api import api
from agency_api.docs import type_of

pytestmark = pytest.mark.django_db


def test_every_operation_once_and_every_schema_with_its_fields(client):
    document = api.get_openapi_schema()
    html = client.get("/api/v1/docs").content.decode()
    assert "/api/v1/api/v1" not in html
    for path, methods in document["paths"].items():
        for method in methods:
            heading = (
                f'<code class="ol-api-method">{method.upper()}</code> <code class="ol-api-path">'
            )
            assert html.count(f"{heading}{path}</code>") == 1, (method, path)
    for name, schema in document["components"]["schemas"].items():
        assert f'id="schema-{name}"' in html
        for field in schema.get("properties", {}):
            assert f"<code>{field}</code>" in html


def test_types_read_as_words():
    assert type_of({"$ref": "#/components/schemas/CaseOut"}) == {
        "label": "CaseOut",
        "ref": "CaseOut",
    }
    assert (
        type_of({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]})["label"]
        == "string (date) of null"
    )
    assert type_of({"type": "array", "items": {"$ref": "#/components/schemas/RoleIn"}}) == {
        "label": "lijst van RoleIn",
        "ref": "RoleIn",
    }
