"""Idempotency-Key for every POST (IETF draft-ietf-httpapi-idempotency-key-header).

The record is inserted FIRST in the request's transaction, before any work:
- a retry after success finds the committed record and gets the stored response;
- a concurrent request with the same key blocks on the unique index (client,
  key) until the first commits, then finds its record and replays it; if the
  first failed and rolled back, the second simply does the work;
- the same key with another body (method, path or canonical JSON differ) is 409.
A request that fails (4xx) stores nothing, so the client may correct and retry.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .auth import caller
from .models import IdempotencyRecord
from .problems import ApiProblem

HEADER = "Idempotency-Key"
_VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def fingerprint(request: HttpRequest, body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def run_idempotent(
    request: HttpRequest,
    *,
    key: str | None,
    body: dict,
    action: Callable[[], tuple[int, dict]],
) -> tuple[int, dict]:
    """Run `action` (returning status and JSON body) at most once per key."""
    if key is None:
        with transaction.atomic():
            return action()
    if not _VALID_KEY.match(key):
        raise ApiProblem(
            400,
            _("De Idempotency-Key moet 1 tot 255 zichtbare ASCII-tekens zijn."),
            code="invalid_idempotency_key",
            errors=[{"field": HEADER, "code": "invalid", "message": _("Ongeldige sleutel.")}],
        )
    client = caller(request).client
    digest = fingerprint(request, body)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    client=client, key=key, fingerprint=digest, response_status=0
                )
        except IntegrityError:
            record = IdempotencyRecord.objects.select_for_update().get(client=client, key=key)
            if record.fingerprint != digest:
                raise ApiProblem(
                    409,
                    _("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
                    code="idempotency_key_reused",
                ) from None
            return record.response_status, record.response_body
        status, response_body = action()
        record.response_status = status
        record.response_body = response_body
        record.save(update_fields=["response_status", "response_body"])
        return status, response_body
