"""GOV.UK Notify's delivery receipts (its docs: "Callbacks > Delivery receipts").

Notify POSTs JSON {id, reference, to, status, created_at, completed_at,
sent_at, notification_type, template_id, template_version} with
`Authorization: Bearer <token>`, the token the service set in Notify
(settings.NOTIFY_CALLBACK_BEARER_TOKEN). It retries a failed POST every 5
minutes up to 5 times, so the endpoint is idempotent (outcomes.* update a row
only from the state they expect) and answers 2xx for an id it does not know.
The body names an address (`to`): it is neither stored nor logged.
"""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.problems import problem_response

from .outcomes import record_provider_status

REQUIRED = ("id", "status")


def _authorised(request) -> bool:
    token = settings.NOTIFY_CALLBACK_BEARER_TOKEN
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    return bool(token) and scheme == "Bearer" and hmac.compare_digest(given, token)


@csrf_exempt  # a server-to-server POST, authenticated by its bearer token
@require_POST
def delivery_receipt(request):
    if not _authorised(request):
        return problem_response(401, "Bearer token missing or wrong.", code="unauthorised")
    try:
        body = json.loads(request.body)
    except ValueError:
        return problem_response(400, "Body is not JSON.", code="invalid_json")
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in REQUIRED):
        return problem_response(400, "id and status are required strings.", code="invalid")
    completed = parse_datetime(body.get("completed_at") or "") if body.get("completed_at") else None
    record_provider_status(body["id"], body["status"], completed)
    return HttpResponse(status=204)
