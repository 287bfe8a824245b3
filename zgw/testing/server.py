"""A ZGW test server: Zaken, Catalogi, Documenten and Besluiten API answering
from fixtures, in a thread (tests, the bench and `make run`'s demo).

Every request it receives and every response it gives is checked against the
VNG OpenAPI documents (validation.py); what does not conform is collected in
`violations`, which the test fixture asserts is empty. Knobs for the awkward
parts of real systems: small pages, latency, a status code for everything, a
hanging source, a search that ignores the BSN filter (the IDOR case), and
Accept-Crs enforced as Open Zaak does (412 without it).
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jwt
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .validation import CheckedRequest, CheckedResponse, minimal, request_errors, response_errors

API = "api/v1"
LISTS = {
    ("zaken", "zaken"),
    ("zaken", "rollen"),
    ("zaken", "statussen"),
    ("zaken", "zaakinformatieobjecten"),
    ("besluiten", "besluiten"),
    ("catalogi", "zaaktypen"),
}
# Lists the Zaken API does not paginate (Zaken 1.5: a plain array).
UNPAGINATED = {("zaken", "zaakinformatieobjecten")}
FILTERS = {
    "zaken": {
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "_bsns",
        "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": "_rsins",
        "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": "_branches",
        "bronorganisatie": "bronorganisatie",
    },
    "rollen": {"zaak": "zaak"},
    "statussen": {"zaak": "zaak"},
    "zaakinformatieobjecten": {"zaak": "zaak"},
    "besluiten": {"zaak": "zaak"},
}


@dataclass
class FakeZgw:
    rsin: str = "002220647"
    client_id: str = "open-loket"
    secret: str = "een-geheim-van-minstens-32-tekens-lang"  # noqa: S105 (test server)
    page_size: int = 2
    latency: float = 0.0
    fail_status: int | None = None
    fail_writes: int | None = None  # only POST/PATCH fail with this status
    hang: bool = False
    ignore_bsn_filter: bool = False
    base_url: str = ""
    store: dict[tuple[str, str], dict[str, dict]] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)

    # -- fixtures ---------------------------------------------------------------

    def url(self, api: str, resource: str, uuid: str) -> str:
        return f"{self.base_url}/{api}/{API}/{resource}/{uuid}"

    def _add(self, api: str, resource: str, schema: str, **values: Any) -> dict:
        # Deterministic: the same story gives the same URLs on every run (the
        # demo's back-office status texts name statustypen by URL).
        rows = self.store.setdefault((api, resource), {})
        uuid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"{self.rsin}/{resource}/{len(rows)}"))
        url = self.url(api, resource, uuid)
        obj = minimal(api, schema, url=url, **values)
        if "uuid" in minimal(api, schema):
            obj["uuid"] = uuid
        rows[uuid] = obj
        return obj

    def catalogus(self) -> str:
        return self.url("catalogi", "catalogussen", "6c1c2e3f-0000-4000-8000-000000000001")

    def add_zaaktype(self, omschrijving: str) -> dict:
        return self._add(
            "catalogi",
            "zaaktypen",
            "ZaakType",
            omschrijving=omschrijving,
            identificatie=omschrijving.upper().replace(" ", "-")[:50],
            catalogus=self.catalogus(),
            doorlooptijd="P56D",
            vertrouwelijkheidaanduiding="zaakvertrouwelijk",
            indicatieInternOfExtern="extern",
            handelingInitiator="aanvragen",
            onderwerp=omschrijving,
            handelingBehandelaar="behandelen",
            beginGeldigheid="2024-01-01",
            versiedatum="2024-01-01",
            referentieproces={"naam": "proces"},
        )

    def add_statustype(
        self, zaaktype: dict, omschrijving: str, volgnummer: int, *, informeren: bool = True
    ) -> dict:
        statustype = self._add(
            "catalogi",
            "statustypen",
            "StatusType",
            omschrijving=omschrijving,
            zaaktype=zaaktype["url"],
            volgnummer=volgnummer,
            catalogus=self.catalogus(),
            zaaktypeIdentificatie=zaaktype["identificatie"],
            informeren=informeren,
        )
        zaaktype["statustypen"].append(statustype["url"])
        return statustype

    def add_zaak(
        self,
        *,
        bsn: str = "",
        rsin: str = "",
        branch: str = "",
        zaaktype: dict,
        identificatie: str,
        omschrijving: str = "",
        startdatum: date = date(2026, 11, 2),
        einddatum_gepland: date | None = date(2026, 12, 28),
        vertrouwelijkheid: str = "zaakvertrouwelijk",
        bronorganisatie: str | None = None,
    ) -> dict:
        zaak = self._add(
            "zaken",
            "zaken",
            "Zaak",
            identificatie=identificatie,
            omschrijving=omschrijving,
            bronorganisatie=bronorganisatie or self.rsin,
            verantwoordelijkeOrganisatie=bronorganisatie or self.rsin,
            zaaktype=zaaktype["url"],
            startdatum=startdatum.isoformat(),
            registratiedatum=startdatum.isoformat(),
            einddatumGepland=einddatum_gepland.isoformat() if einddatum_gepland else None,
            vertrouwelijkheidaanduiding=vertrouwelijkheid,
            betalingsindicatieWeergave="",
        )
        zaak["_bsns"], zaak["_rsins"], zaak["_branches"] = [], [], []
        if bsn:
            self.add_rol(zaak, bsn)
        if rsin:
            self.add_business_rol(zaak, rsin=rsin)
        if branch:
            self.add_business_rol(zaak, branch=branch)
        return zaak

    def add_rol(self, zaak: dict, bsn: str) -> dict:
        zaak["_bsns"].append(bsn)
        return self._add_rol(zaak, "natuurlijk_persoon", {"inpBsn": bsn})

    def add_business_rol(self, zaak: dict, *, rsin: str = "", branch: str = "") -> dict:
        """A non-natural person by RSIN (innNnpId), or a branch by vestigingsnummer."""
        if branch:
            zaak["_branches"].append(branch)
            return self._add_rol(zaak, "vestiging", {"vestigingsNummer": branch})
        zaak["_rsins"].append(rsin)
        return self._add_rol(zaak, "niet_natuurlijk_persoon", {"innNnpId": rsin})

    def _add_rol(self, zaak: dict, kind: str, identification: dict) -> dict:
        rol = self._add(
            "zaken",
            "rollen",
            "Rol",
            zaak=zaak["url"],
            betrokkeneType=kind,
            roltype=self.url("catalogi", "roltypen", "2b8c4d5e-0000-4000-8000-000000000002"),
            omschrijving="Aanvrager",
            omschrijvingGeneriek="initiator",
            roltoelichting="Aanvrager",
            registratiedatum="2026-11-02T09:00:00Z",
            betrokkeneIdentificatie=identification,
        )
        zaak["rollen"].append(rol["url"])
        return rol

    def set_status(self, zaak: dict, statustype: dict, gezet: str, toelichting: str = "") -> dict:
        status = self._add(
            "zaken",
            "statussen",
            "Status",
            zaak=zaak["url"],
            statustype=statustype["url"],
            datumStatusGezet=gezet,
            statustoelichting=toelichting,
            indicatieLaatstGezetteStatus=True,
        )
        for other in self.store[("zaken", "statussen")].values():
            if other["zaak"] == zaak["url"] and other is not status:
                other["indicatieLaatstGezetteStatus"] = False
        zaak["status"] = status["url"]
        return status

    def close(self, zaak: dict, *, einddatum: date, omschrijving: str, toelichting: str) -> dict:
        resultaattype = self._add(
            "catalogi",
            "resultaattypen",
            "ResultaatType",
            omschrijving=omschrijving,
            zaaktype=zaak["zaaktype"],
            resultaattypeomschrijving="http://zgw.test/selectielijst/omschrijving",
            selectielijstklasse="http://zgw.test/selectielijst/klasse",
            zaaktypeIdentificatie="ZT",
        )
        resultaat = self._add(
            "zaken",
            "resultaten",
            "Resultaat",
            zaak=zaak["url"],
            resultaattype=resultaattype["url"],
            toelichting=toelichting,
        )
        zaak["resultaat"] = resultaat["url"]
        zaak["einddatum"] = einddatum.isoformat()
        return resultaat

    def add_document(
        self,
        zaak: dict,
        *,
        titel: str,
        content: bytes,
        bestandsnaam: str = "document.pdf",
        formaat: str = "application/pdf",
        vertrouwelijkheid: str = "zaakvertrouwelijk",
    ) -> dict:
        eio = self._add(
            "documenten",
            "enkelvoudiginformatieobjecten",
            "EnkelvoudigInformatieObject",
            titel=titel,
            bronorganisatie=self.rsin,
            creatiedatum="2026-11-20",
            auteur="Waterschap",
            taal="nld",
            bestandsnaam=bestandsnaam,
            formaat=formaat,
            bestandsomvang=len(content),
            vertrouwelijkheidaanduiding=vertrouwelijkheid,
            informatieobjecttype=self.url(
                "catalogi", "informatieobjecttypen", "3c9d5e6f-0000-4000-8000-000000000003"
            ),
            versie=1,
            beginRegistratie="2026-11-20T10:00:00Z",
            locked=False,
        )
        eio["inhoud"] = f"{eio['url']}/download"
        self.contents[eio["url"].rsplit("/", 1)[-1]] = content
        link = self._add(
            "zaken",
            "zaakinformatieobjecten",
            "ZaakInformatieObject",
            zaak=zaak["url"],
            informatieobject=eio["url"],
            registratiedatum="2026-11-20T10:00:00Z",
            aardRelatieWeergave="Hoort bij, omgekeerd: kent",
        )
        zaak["zaakinformatieobjecten"].append(link["url"])
        return eio

    def add_besluit(self, zaak: dict, *, identificatie: str, datum: date, toelichting: str) -> dict:
        return self._add(
            "besluiten",
            "besluiten",
            "Besluit",
            identificatie=identificatie,
            zaak=zaak["url"],
            verantwoordelijkeOrganisatie=self.rsin,
            besluittype=self.url(
                "catalogi", "besluittypen", "4d0e6f70-0000-4000-8000-000000000004"
            ),
            datum=datum.isoformat(),
            ingangsdatum=datum.isoformat(),
            toelichting=toelichting,
        )

    # -- serving ----------------------------------------------------------------

    def __call__(self, environ, start_response):
        request = Request(environ)
        checked = CheckedRequest(
            method=request.method,
            path=request.path,
            query=request.query_string.decode(),
            headers=dict(request.headers),
            body=request.get_data() or None,
            content_type=request.content_type or "application/json",
        )
        self.requests.append(f"{request.method} {request.path}")
        self.violations.extend(request_errors(checked))
        if self.latency:
            time.sleep(self.latency)
        if self.hang:
            self.released.wait(30)
        status, body, content_type = self.answer(request)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": content_type}
        if request.path.startswith(f"/zaken/{API}/zaken") and status < 300:
            headers["Content-Crs"] = "EPSG:4326"
        self.violations.extend(
            response_errors(checked, CheckedResponse(status, data, headers, content_type))
        )
        return Response(data, status=status, headers=headers)(environ, start_response)

    def authorised(self, request: Request) -> bool:
        """ZGW autorisatie: a Bearer JWT, HS256 with the application's secret,
        naming the client in `client_id`."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer":
            return False
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            return False
        return claims.get("client_id") == self.client_id

    def answer(self, request: Request) -> tuple[int, Any, str]:
        if not self.authorised(request):
            return 403, _problem(403, "Niet geautoriseerd"), "application/problem+json"
        if self.fail_writes and request.method in ("POST", "PATCH"):
            status = self.fail_writes
            return status, _problem(status, "Storing"), "application/problem+json"
        if self.fail_status:
            return (
                self.fail_status,
                _problem(self.fail_status, "Storing"),
                "application/problem+json",
            )
        parts = request.path.strip("/").split("/")
        if len(parts) < 4 or parts[1:3] != ["api", "v1"]:
            return 404, _problem(404, "Niet gevonden"), "application/problem+json"
        api, resource, rest = parts[0], parts[3], parts[4:]
        if api == "zaken" and resource == "zaken" and "Accept-Crs" not in request.headers:
            return 412, _problem(412, "Accept-Crs header ontbreekt"), "application/problem+json"
        if request.method == "POST" and not rest:
            return self.create(request, api, resource)
        if not rest and (api, resource) in LISTS:
            return 200, self.listing(request, api, resource), "application/json"
        found = self.store.get((api, resource), {}).get(rest[0]) if rest else None
        if found is None:
            return 404, _problem(404, "Niet gevonden"), "application/problem+json"
        if rest[1:] == ["download"]:
            return 200, self.contents[rest[0]], "application/octet-stream"
        if request.method == "PATCH":
            found.update(json.loads(request.get_data() or b"{}"))
        return 200, _public(found), "application/json"

    def create(self, request: Request, api: str, resource: str) -> tuple[int, Any, str]:
        """The two writes Open Loket makes: a document and its link to a zaak."""
        body = json.loads(request.get_data() or b"{}")
        if (api, resource) == ("documenten", "enkelvoudiginformatieobjecten"):
            content = base64.b64decode(body.pop("inhoud") or "")
            created = self._add(
                api,
                resource,
                "SchemaEIO",
                **body,
                bestandsomvang=len(content),
                versie=1,
                beginRegistratie="2026-12-06T10:00:00Z",
                locked=False,
            )
            created["inhoud"] = f"{created['url']}/download"
            self.contents[created["url"].rsplit("/", 1)[-1]] = content
            return 201, created, "application/json"
        if (api, resource) == ("zaken", "zaakinformatieobjecten"):
            created = self._add(
                api,
                resource,
                "ZaakInformatieObject",
                **body,
                registratiedatum="2026-12-06T10:00:00Z",
                aardRelatieWeergave="Hoort bij, omgekeerd: kent",
            )
            zaak = self.store[("zaken", "zaken")].get(body["zaak"].rsplit("/", 1)[-1])
            if zaak is not None:
                zaak["zaakinformatieobjecten"].append(created["url"])
            return 201, created, "application/json"
        return 405, _problem(405, "Niet toegestaan"), "application/problem+json"

    def listing(self, request: Request, api: str, resource: str) -> Any:
        rows = list(self.store.get((api, resource), {}).values())
        for param, attribute in FILTERS.get(resource, {}).items():
            wanted = request.args.get(param)
            if wanted is None:
                continue
            if attribute in ("_bsns", "_rsins", "_branches"):
                # ignore_bsn_filter: a broken source that answers every betrokkene
                # search with all zaken (zgw/reading.py must not trust it).
                if not self.ignore_bsn_filter:
                    rows = [row for row in rows if wanted in row.get(attribute, [])]
            else:
                rows = [row for row in rows if row.get(attribute) == wanted]
        rows = [_public(row) for row in rows]
        if (api, resource) in UNPAGINATED:
            return rows
        page = int(request.args.get("page", "1"))
        start = (page - 1) * self.page_size
        query = dict(parse_qsl(request.query_string.decode()))
        base = f"{self.base_url}{request.path}"
        more = start + self.page_size < len(rows)
        return {
            "count": len(rows),
            "next": f"{base}?{urlencode({**query, 'page': page + 1})}" if more else None,
            "previous": f"{base}?{urlencode({**query, 'page': page - 1})}" if page > 1 else None,
            "results": rows[start : start + self.page_size],
        }


def _public(obj: dict) -> dict:
    return {name: value for name, value in obj.items() if not name.startswith("_")}


def _problem(status: int, title: str) -> dict:
    return {
        "type": "about:blank",
        "code": str(status),
        "title": title,
        "status": status,
        "detail": title,
        "instance": "urn:uuid:00000000-0000-0000-0000-000000000000",
    }


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


class RunningServer:
    """The fake in a background thread on 127.0.0.1 (a free port)."""

    def __init__(self, fake: FakeZgw, *, port: int = 0):
        self.fake = fake
        self.server = make_server(
            "127.0.0.1", port, fake, threaded=True, request_handler=_QuietHandler
        )
        fake.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeZgw:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc_info) -> None:
        self.fake.released.set()
        self.server.shutdown()
        self.server.server_close()

    def root(self, api: str) -> str:
        return f"{self.fake.base_url}/{api}/{API}"
