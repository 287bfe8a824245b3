"""A small HTTP client for one agency's ZGW APIs (decision 0031 says why not
zgw-consumers): ZGW JWT authentication, connect/read timeouts, bounded
pagination, and one error type for "this source did not answer properly".

ZGW authentication ("Autorisatie" in the ZGW API standard, VNG
gemma-zaken/docs/themas/privacy-en-autorisatie): every request carries
`Authorization: Bearer <JWT>`, HS256-signed with the application's secret, with
the claims `iss`, `iat`, `client_id`, `user_id` and `user_representation`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import jwt
import requests
from django.conf import settings

from .models import CaseSystem

# Geometry in the Zaken API is exchanged in WGS84; the API requires the
# client to say so on every /zaken call (Accept-Crs / Content-Crs, Zaken 1.5).
CRS = "EPSG:4326"
USER_ID = "open-loket"
USER_REPRESENTATION = "Open Loket (portaal voor inwoners)"


class SourceUnavailable(Exception):
    """The source did not answer, or not in a way we can use. The message is
    safe to log: a status code or exception class, never a body or a BSN."""


def setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def timeouts() -> tuple[float, float]:
    return (
        float(setting("ZGW_CONNECT_TIMEOUT", 2.0)),
        float(setting("ZGW_READ_TIMEOUT", 5.0)),
    )


def make_token(*, client_id: str, secret: str, now: float | None = None) -> str:
    issued_at = int(now if now is not None else time.time())
    return jwt.encode(
        {
            "iss": client_id,
            "iat": issued_at,
            "client_id": client_id,
            "user_id": USER_ID,
            "user_representation": USER_REPRESENTATION,
        },
        secret,
        algorithm="HS256",
        # Older ZGW providers read the client from the header.
        headers={"client_identifier": client_id},
    )


class ZgwClient:
    def __init__(self, system: CaseSystem, *, session: requests.Session | None = None):
        self.system = system
        self.session = session or requests.Session()

    def _headers(self, url: str, *, body: bool = False) -> dict[str, str]:
        token = make_token(client_id=self.system.client_id, secret=self.system.secret)
        headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
        }
        if self._is_zaak_resource(url):
            headers["Accept-Crs"] = CRS
            headers["Content-Crs"] = CRS
        if body:
            headers["Content-Type"] = "application/json"
        return headers

    def _is_zaak_resource(self, url: str) -> bool:
        root = self.system.zaken_url.rstrip("/")
        return url.startswith(f"{root}/zaken") and not url.startswith(f"{root}/zaken/_")

    def request(
        self, method: str, url: str, *, params: dict | None = None, json: Any = None
    ) -> requests.Response:
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json,
                headers=self._headers(url, body=json is not None),
                timeout=timeouts(),
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise SourceUnavailable(exc.__class__.__name__) from None
        if response.status_code >= 400:
            raise SourceUnavailable(f"HTTP {response.status_code}")
        return response

    def get(self, url: str, *, params: dict | None = None) -> dict:
        return self._json(self.request("GET", url, params=params))

    def post(self, url: str, body: dict) -> dict:
        return self._json(self.request("POST", url, json=body))

    def patch(self, url: str, body: dict) -> dict:
        return self._json(self.request("PATCH", url, json=body))

    def list(self, url: str, *, params: dict | None = None) -> Iterator[dict]:
        """Every result of a paginated list, at most ZGW_MAX_PAGES pages: a
        source that keeps saying "next" must not keep the page waiting."""
        max_pages = int(setting("ZGW_MAX_PAGES", 5))
        next_url: str | None = url
        page = 0
        while next_url and page < max_pages:
            body = self.get(next_url, params=params if page == 0 else None)
            page += 1
            if isinstance(body, list):  # unpaginated lists (Zaken: rollen of old versions)
                yield from body
                return
            results = body.get("results")
            if not isinstance(results, list):
                raise SourceUnavailable("no results")
            yield from results
            next_url = body.get("next")

    def stream(self, url: str) -> requests.Response:
        """A document's content (Documenten API `inhoud`), to be streamed on."""
        try:
            response = self.session.get(
                url,
                headers=self._headers(url),
                timeout=timeouts(),
                stream=True,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise SourceUnavailable(exc.__class__.__name__) from None
        if response.status_code != 200:
            response.close()
            raise SourceUnavailable(f"HTTP {response.status_code}")
        return response

    @staticmethod
    def _json(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise SourceUnavailable("not JSON") from None
