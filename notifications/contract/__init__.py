"""The vendored GOV.UK Notify v2 contract (README.md beside this file), for the
test fake and the drill (jsonschema_rs is a test dependency, through schemathesis)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema_rs

SCHEMAS = Path(__file__).with_name("notify_v2.json")


@cache
def _document() -> dict:
    return json.loads(SCHEMAS.read_text())


def errors(name: str, instance: object) -> list[str]:
    """Every way `instance` breaks schema `name` (empty when it fits)."""
    document = _document()
    schema = {**document[name], "definitions": document["definitions"]}
    validator = jsonschema_rs.Draft4Validator(schema)
    return [error.message for error in validator.iter_errors(instance)]
