"""Benchmark the DigiD ACS step (/digid/acs/) at 1k and at 1M cases.

    .venv/bin/python bench/saml_acs.py
      [--small postgres://.../openloket_scale1k] [--large postgres://.../openloket_scale1m]
      [--runs 100] [--warmup 10]

Each round, per database, not timed: a fresh browser (test Client) starts a
login (/inloggen/digid/: signed AuthnRequest, pending request stored), and the
development IdP (pysaml2, identity/devidp) answers for the benchmark citizen
with a signed Response over the POST binding. Timed: the POST of that Response
to /digid/acs/ - signature verification (python3-saml/xmlsec), the checks, the
replay-cache write (SeenSamlMessage), the pending request claimed, the citizen
looked up among 100,000 accounts (1M database), the access-log entry and the
rotated session. The POST binding is used so the step has no back channel; with
the Artifact binding (DigiD's default) the ACS adds one ArtifactResolve round
trip to DigiD, which is DigiD's time, not ours.

Contender "bare" (an anonymous GET of /healthz) shows the cost of a request
through the stack with no work, for scale. Prints median/p95 and SQL queries.
"""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness


class Login:
    """`prepare` gets one signed Response per round; `fetch` posts it to the ACS."""

    def __init__(self, bsn: str):
        self.bsn = bsn
        self.pending = None

    def fetch(self, _client):
        client, fields = self.pending
        return client.post("/digid/acs/", fields)

    def prepare(self) -> None:
        from django.test import Client

        client = Client()
        start = client.post("/inloggen/digid/", {"next": "/mijn/", "niveau": "basis"})
        url = urlsplit(start["Location"])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        # The IdP keeps the AuthnRequest and sends the browser to its own login page
        # (identity/devidp/page_urls.py), where the citizen is picked, as DigiD does.
        sso = client.get(url.path, query)
        page = urlsplit(sso["Location"]).path
        answer = client.post(
            page, {"citizen": "anders", "bsn": self.bsn, "level": "10", "login": ""}
        )
        html = answer.content.decode()
        fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', html))
        if "SAMLResponse" not in fields:
            sys.exit(f"development IdP gave no SAMLResponse (status {answer.status_code})")
        self.pending = (client, {key: unescape(value) for key, value in fields.items()})


def main() -> None:
    args = harness.parse_args(__doc__.split("\n\n")[0], runs=100)
    load_before = harness.uptime()
    wrappers = harness.setup(args)

    from django.conf import settings

    from bench.scale_people import BENCH_BSN

    settings.DIGID_RESPONSE_BINDING = "post"
    contenders = []
    for database in wrappers:
        login = Login(BENCH_BSN)
        contenders.append(
            harness.Contender(
                name="ACS",
                database=database,
                client=None,
                expect_status=302,
                prepare=login.prepare,
                fetch=login.fetch,
            )
        )
        contenders.append(
            harness.Contender(
                name="bare",
                database=database,
                client=None,
                fetch=lambda _c: _anonymous().get("/healthz"),
            )
        )
    harness.run(contenders, wrappers, runs=args.runs, warmup=args.warmup)
    harness.report_plain(
        "DigiD ACS step (POST binding, signed Response and Assertion, RSA-SHA256)",
        contenders,
        page="ACS",
        load_before=load_before,
    )


def _anonymous():
    from django.test import Client

    return Client()


if __name__ == "__main__":
    main()
