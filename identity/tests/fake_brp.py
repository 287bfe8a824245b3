"""A fake Haal Centraal BRP Personen v2 server: a real HTTP server on 127.0.0.1
in a thread, answering POST /personen in the documented response format.

    with FakeBrpServer() as server:
        server.persons["999993653"] = SUZANNE
        server.script = [FakeBrpServer.error(503)]  # first answer; later ones are normal
        client = HaalCentraalRegistry(base_url=server.url, ...)
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A person as BRP Personen v2 returns it (RaadpleegMetBurgerservicenummerResponse).
SUZANNE = {
    "burgerservicenummer": "999993653",
    "naam": {
        "voornamen": "Suzanne Marie",
        "geslachtsnaam": "Moulin",
        "voorletters": "S.M.",
        "volledigeNaam": "Suzanne Marie Moulin",
    },
    "geboorte": {"datum": {"type": "Datum", "datum": "1985-03-14", "langFormaat": "14 maart 1985"}},
    "nationaliteiten": [
        {"type": "Nationaliteit", "nationaliteit": {"code": "0001", "omschrijving": "Nederlandse"}}
    ],
    "verblijfplaats": {
        "type": "Adres",
        "verblijfadres": {
            "officieleStraatnaam": "Dorpsstraat",
            "korteStraatnaam": "Dorpsstr",
            "huisnummer": 12,
            "huisletter": "a",
            "postcode": "2712AB",
            "woonplaats": "Zoetermeer",
        },
        "datumVan": {"type": "Datum", "datum": "2015-05-01", "langFormaat": "1 mei 2015"},
    },
    "partners": [
        {
            "burgerservicenummer": "999990019",
            "naam": {"voornamen": "Peter Jan", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
        }
    ],
    "kinderen": [
        {
            "burgerservicenummer": "999998456",
            "naam": {"voornamen": "Noah", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
            "geboorte": {
                "datum": {"type": "Datum", "datum": "2016-09-08", "langFormaat": "8 september 2016"}
            },
        }
    ],
}


class FakeBrpServer:
    def __init__(self):
        self.persons: dict[str, dict] = {}
        # Scripted answers, used up one per request before normal answers resume.
        self.script: list[dict] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # Do not wait for a deliberately slow answer when the test is done.
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/haalcentraal/api/brp"

    @staticmethod
    def error(status: int) -> dict:
        return {"status": status}

    @staticmethod
    def slow(seconds: float) -> dict:
        return {"sleep": seconds}

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _next_step(self) -> dict | None:
        with self._lock:
            return self.script.pop(0) if self.script else None

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status: int, body: dict, content_type: str) -> None:
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                step = fake._next_step()
                if step and "sleep" in step:
                    time.sleep(step["sleep"])
                    return
                if step and "status" in step:
                    self._send(
                        step["status"],
                        {
                            "type": "about:blank",
                            "title": "Fout",
                            "status": step["status"],
                            "code": "serverError" if step["status"] >= 500 else "paramsValidation",
                        },
                        "application/problem+json",
                    )
                    return
                if not self.path.rstrip("/").endswith("/personen"):
                    self._send(404, {"status": 404, "code": "notFound"}, "application/problem+json")
                    return
                personen = [
                    fake.persons[bsn]
                    for bsn in body.get("burgerservicenummer", [])
                    if bsn in fake.persons
                ]
                self._send(
                    200,
                    {"type": "RaadpleegMetBurgerservicenummer", "personen": personen},
                    "application/json",
                )

        return Handler
