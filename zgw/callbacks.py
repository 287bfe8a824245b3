"""The Notificaties API callback: the agency's notification component tells us
that something changed in its Zaken or Documenten API.

Notificaties API 1.0 ("Abonnement"): the subscriber gives a callback URL and an
`auth` value; the NRC POSTs each notification (the `Message` schema: kanaal,
hoofdObject, resource, resourceUrl, actie, aanmaakdatum, kenmerken) with that
value as the Authorization header. Our `auth` value is "Bearer <token>", the
token shown to the agency admin on the case system's page (docs/zgw.md).

A notification makes every cached answer of that source stale
(provider.bump_generation): the next page fetches fresh data. A new status
also writes the citizen's e-mail to the outbox (zgw/notifying.py).
"""

from __future__ import annotations

import hmac
import json
import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .client import SourceUnavailable
from .models import CaseSystem, SourceKind
from .notifying import is_new_status, notify_new_status
from .provider import bump_generation

logger = logging.getLogger(__name__)

KANALEN = {"zaken", "documenten", "besluiten"}
REQUIRED = ("kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum")


def _authorised(request, system: CaseSystem) -> bool:
    expected = f"Bearer {system.notification_token}"
    given = request.headers.get("Authorization", "")
    return bool(system.notification_token) and hmac.compare_digest(
        given.encode(), expected.encode()
    )


@csrf_exempt
@require_POST
def notification(request, system: int):
    found = get_object_or_404(CaseSystem, pk=system, kind=SourceKind.ZGW)
    if not _authorised(request, found):
        # 403 with no detail: a wrong token learns nothing about the subscription.
        return HttpResponse(status=403)
    try:
        message = json.loads(request.body)
    except ValueError:
        message = None
    if not isinstance(message, dict) or any(
        not isinstance(message.get(name), str) for name in REQUIRED
    ):
        return JsonResponse({"detail": "Geen geldige notificatie."}, status=400)
    if message["kanaal"] in KANALEN:
        bump_generation(found)
        logger.info(
            "ZGW notification from %s: %s %s",
            found.agency.slug,
            message["resource"],
            message["actie"],
        )
    if is_new_status(message):
        try:
            notify_new_status(found, message)
        except SourceUnavailable as exc:
            # Not received: the notification component delivers it again later.
            logger.warning("ZGW notification from %s not handled: %s", found.agency.slug, exc)
            return HttpResponse(status=503)
    # 204: received (the NRC retries on anything else).
    return HttpResponse(status=204)
