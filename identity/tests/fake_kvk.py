"""A fake KvK API server (Basisprofiel v1 and Vestigingsprofiel v1): a real HTTP
server on 127.0.0.1 in a thread, answering in the shape of KvK's published
OpenAPI documents (schemas Basisprofiel, Eigenaar, Vestiging, VestigingList;
developers.kvk.nl). The examples are recorded in that shape for the demo
company, not copied from KvK's test environment.

    with FakeKvkServer() as server:
        server.script = [{"status": 503}]  # first answer; later ones are normal
        client = KvkBusinessRegistry(base_url=server.url, ...)
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KVK = "68750110"
MAIN_BRANCH = "000038509504"
OTHER_BRANCH = "000038509520"

_LINKS = [{"rel": "self", "href": "https://api.kvk.nl/api/v1/basisprofielen/68750110"}]
_VISIT = {
    "type": "bezoekadres",
    "indAfgeschermd": "Nee",
    "volledigAdres": "Dorpsstraat 40                    2712AL Zoetermeer",
    "straatnaam": "Dorpsstraat",
    "huisnummer": 40,
    "postcode": "2712AL",
    "plaats": "Zoetermeer",
    "land": "Nederland",
}
MAIN = {
    "vestigingsnummer": MAIN_BRANCH,
    "kvkNummer": KVK,
    "rsin": "857587973",
    "eersteHandelsnaam": "Bakkerij De Vries",
    "indHoofdvestiging": "Ja",
    "indCommercieleVestiging": "Ja",
    "totaalWerkzamePersonen": 12,
    "adressen": [_VISIT],
    "links": _LINKS,
}
BASISPROFIEL = {
    "kvkNummer": KVK,
    "indNonMailing": "Ja",
    "naam": "Bakkerij De Vries B.V.",
    "statutaireNaam": "Bakkerij De Vries B.V.",
    "formeleRegistratiedatum": "20120302",
    "materieleRegistratie": {"datumAanvang": "20120301"},
    "handelsnamen": [{"naam": "Bakkerij De Vries", "volgorde": 0}],
    "sbiActiviteiten": [
        {
            "sbiCode": "1071",
            "sbiOmschrijving": "Brood- en banketbakkerijen",
            "indHoofdactiviteit": "Ja",
        }
    ],
    "links": _LINKS,
    "_embedded": {
        "hoofdvestiging": MAIN,
        "eigenaar": {
            "rsin": "857587973",
            "rechtsvorm": "BeslotenVennootschap",
            "uitgebreideRechtsvorm": "Besloten Vennootschap",
            "links": _LINKS,
        },
    },
}
VESTIGINGEN = {
    "kvkNummer": KVK,
    "aantalCommercieleVestigingen": 2,
    "aantalNietCommercieleVestigingen": 0,
    "totaalAantalVestigingen": 2,
    "vestigingen": [
        {
            "vestigingsnummer": MAIN_BRANCH,
            "kvkNummer": KVK,
            "eersteHandelsnaam": "Bakkerij De Vries",
            "indHoofdvestiging": "Ja",
            "indAdresAfgeschermd": "Nee",
            "indCommercieleVestiging": "Ja",
            "volledigAdres": "Dorpsstraat 40 2712AL Zoetermeer",
            "links": _LINKS,
        },
        {
            "vestigingsnummer": OTHER_BRANCH,
            "kvkNummer": KVK,
            "eersteHandelsnaam": "Bakkerij De Vries Centrum",
            "indHoofdvestiging": "Nee",
            "indAdresAfgeschermd": "Nee",
            "indCommercieleVestiging": "Ja",
            "volledigAdres": "Promenade 12 2711AA Zoetermeer",
            "links": _LINKS,
        },
    ],
    "links": _LINKS,
}
OTHER_PROFILE = {
    **MAIN,
    "vestigingsnummer": OTHER_BRANCH,
    "eersteHandelsnaam": "Bakkerij De Vries Centrum",
    "indHoofdvestiging": "Nee",
    "adressen": [
        {
            "type": "bezoekadres",
            "indAfgeschermd": "Nee",
            "straatnaam": "Promenade",
            "huisnummer": 12,
            "huisletter": "b",
            "postcode": "2711AA",
            "plaats": "Zoetermeer",
            "land": "Nederland",
        },
        {
            "type": "correspondentieadres",
            "indAfgeschermd": "Ja",
            "straatnaam": "Geheim",
            "huisnummer": 1,
            "plaats": "Zoetermeer",
        },
    ],
}

_ROUTES = [
    (re.compile(r"^/api/v1/basisprofielen/(\d{8})$"), "profile"),
    (re.compile(r"^/api/v1/basisprofielen/(\d{8})/vestigingen$"), "branches"),
    (re.compile(r"^/api/v1/vestigingsprofielen/(\d{12})$"), "branch"),
]


class FakeKvkServer:
    def __init__(self):
        self.profiles = {KVK: BASISPROFIEL}
        self.branch_lists = {KVK: VESTIGINGEN}
        self.branch_profiles = {MAIN_BRANCH: MAIN, OTHER_BRANCH: OTHER_PROFILE}
        self.script: list[dict] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _next_step(self) -> dict | None:
        with self._lock:
            return self.script.pop(0) if self.script else None

    def _answer(self, path: str) -> tuple[int, dict]:
        for pattern, kind in _ROUTES:
            match = pattern.match(path.split("?")[0])
            if not match:
                continue
            table = {
                "profile": self.profiles,
                "branches": self.branch_lists,
                "branch": self.branch_profiles,
            }[kind]
            if match.group(1) in table:
                return 200, table[match.group(1)]
            break
        # KvK's error body: a list of fouten with a code and an omschrijving.
        return 404, {"fout": [{"code": "IPD0004", "omschrijving": "Geen gegevens gevonden"}]}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.requests.append({"path": self.path, "headers": dict(self.headers)})
                step = fake._next_step()
                status, body = (step["status"], {"fout": []}) if step else fake._answer(self.path)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/hal+json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler
