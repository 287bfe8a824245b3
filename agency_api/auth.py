"""Bearer-token authentication of agency API clients, with the per-client IP
allow-list, expiry/revocation and rate limit.

401: no token, or one we do not know (WWW-Authenticate: Bearer, RFC 6750).
403: a known token that may not be used now (revoked, expired, address not allowed).
429: the client's requests in this minute exceed its limit (Retry-After, RFC 6585).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from cases.models import Agency
from identity.actors import Actor

from .models import ApiClient
from .problems import ApiProblem

# Don't write last_used_at on every request: once a minute is enough to see activity.
_LAST_USED_GRANULARITY = 60


@dataclass(frozen=True)
class ApiCaller:
    client: ApiClient

    @property
    def agency(self) -> Agency:
        return self.client.agency

    @property
    def actor(self) -> Actor:
        return Actor.api_client(reference=self.client.reference, agency=self.client.agency)


def caller(request: HttpRequest) -> ApiCaller:
    return request.auth  # set by ApiClientAuth


class ApiClientAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        # Machine URLs have no language prefix, so LocaleMiddleware picks Dutch;
        # integrators choose with Accept-Language (runs first for every operation).
        translation.activate(translation.get_language_from_request(request))
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiCaller | None:
        key_id = ApiClient.key_id_of(token.strip())
        if key_id is None:
            return None
        client = ApiClient.objects.select_related("agency").filter(key_id=key_id).first()
        if client is None or not client.token_matches(token.strip()):
            return None
        if client.is_revoked or client.is_expired or not client.agency.is_active:
            raise ApiProblem(
                403, _("Deze koppeling is ingetrokken of verlopen."), code="client_inactive"
            )
        # REMOTE_ADDR: the proxy in front must set it to the real peer (docs/api.md);
        # X-Forwarded-For is not trusted here.
        if not client.ip_allowed(request.META.get("REMOTE_ADDR", "")):
            raise ApiProblem(
                403, _("Dit IP-adres mag deze koppeling niet gebruiken."), code="ip_not_allowed"
            )
        enforce_rate_limit(client)
        _touch(client)
        return ApiCaller(client=client)


def enforce_rate_limit(client: ApiClient) -> None:
    """Fixed one-minute window per client in the shared cache (Redis in
    production, so all app servers count together). The key holds the client
    id only, never anything personal."""
    now = int(time.time())
    window = now // 60
    key = f"api-rate:{client.pk}:{window}"
    cache.add(key, 0, timeout=61)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=61)
        count = 1
    if count > client.rate_limit_per_minute:
        retry_after = max(1, (window + 1) * 60 - now)
        raise ApiProblem(
            429,
            _("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.")
            % {"seconds": retry_after},
            code="rate_limited",
            headers={"Retry-After": str(retry_after)},
        )


def _touch(client: ApiClient) -> None:
    now = timezone.now()
    last = client.last_used_at
    if last is None or (now - last).total_seconds() > _LAST_USED_GRANULARITY:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
