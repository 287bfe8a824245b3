"""The load driver of bench/load.py: virtual citizens in threads, over HTTP only.

It never imports Django: it sees the portal as a browser does. Each virtual
citizen repeats one visit: log in through the development IdP (the full SAML round
trip: login page, signed AuthnRequest, the IdP's form, artifact back to the ACS,
which resolves it over SOAP), then Mijn overzicht, one or two case pages, a
document download, a product page, a search, and for bench citizens sometimes an
online request (form, check step, send with the idempotency token, confirmation).
Links come from the pages themselves, as a browser would follow them.

Every request carries `X-Bench-Endpoint: <name>`, so the gunicorn access log
(`%(D)s`) gives the server-side time of the same request.

Pacing: with --rate, one shared pacer hands out start times at that many requests
per second (an open-loop schedule as long as enough users are free, so a slow
response does not lower the offered load); without it, users send back to back
(closed loop, used to find the maximum). The run stops at --duration or
--max-requests, whichever comes first.

    python bench/load_driver.py --url http://127.0.0.1:8140 --idp-url http://127.0.0.1:8141 \
        --plan plan.json \
        --users 16 [--rate 40] --duration 60 --out result.json
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE_LINK = re.compile(r'href="(/mijn/zaken/[^"/]+/[^"/]+/)"')
DOCUMENT_LINK = re.compile(r'href="(/mijn/documenten/[0-9a-f-]{36}/)"')
REQUEST_TOKEN = re.compile(r'name="aanvraag_token" value="([0-9a-f]{32})"')
# The IdP's endpoints, and its login page (language-prefixed, identity/devidp/page_urls.py).
IDP_PREFIXES = ("/digid/dev-idp/", "/ontwikkel-idp/")
LEVEL_HOOG = "30"  # identity.loa.LevelOfAssurance.HOOG: enough for every product
TIMEOUT_SECONDS = 30
SUBMIT_SHARE = 0.5  # of bench citizens' visits that send a request
DEMO_SHARE = 0.3  # of visits by the demo citizens (many cases, a decision PDF)


class Stop(Exception):
    """The run's time or request budget is spent."""


class Unexpected(Exception):
    """A response that a browser user would see as an error."""


class Budget:
    """Shared across users: the deadline, the request cap and the pacer."""

    def __init__(self, *, duration: float, max_requests: int, rate: float):
        self.started = time.monotonic()
        self.deadline = self.started + duration
        self.max_requests = max_requests
        self.interval = 1.0 / rate if rate else 0.0
        self.next_slot = self.started
        self.issued = 0
        self.lock = threading.Lock()

    def take(self) -> None:
        with self.lock:
            if self.issued >= self.max_requests or time.monotonic() >= self.deadline:
                raise Stop
            self.issued += 1
            slot = self.next_slot = max(self.next_slot + self.interval, time.monotonic())
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if time.monotonic() >= self.deadline:
            raise Stop


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency_ms: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.error_samples: list[str] = []
        self.retries: dict[str, int] = defaultdict(int)
        self.visits = 0

    def record(self, endpoint: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.latency_ms[endpoint].append(round(ms, 2))
            if error:
                self.errors[endpoint][error] += 1
                if len(self.error_samples) < 20:
                    self.error_samples.append(f"{endpoint}: {error}")


class Citizen:
    def __init__(self, *, base, idp, plan, budget: Budget, results: Results, seed: int):
        self.base = base.rstrip("/")
        self.idp = idp.rstrip("/")
        self.plan = plan
        self.budget = budget
        self.results = results
        self.random = random.Random(seed)

    # --- one HTTP request, measured -------------------------------------------
    def call(self, session, endpoint, method, path, *, expect, data=None, pdf=False):
        self.budget.take()
        # The IdP's pages live on the portal's URLs (the development IdP is mounted
        # there) but are served by their own server, as DigiD is another service.
        base = self.idp if path.startswith(IDP_PREFIXES) else self.base
        url = urljoin(base + "/", path)
        started = time.perf_counter()
        error = None
        response = None
        try:
            response = self.send(session, endpoint, method, url, data)
            body = response.content  # read it all: a browser would
            if response.status_code != expect:
                error = f"HTTP {response.status_code}"
            elif pdf and not body.startswith(b"%PDF"):
                error = "not a PDF"
        except requests.RequestException as exc:
            error = type(exc).__name__
        self.results.record(endpoint, (time.perf_counter() - started) * 1000, error)
        if error:
            raise Unexpected(f"{endpoint}: {error}")
        return response

    def send(self, session, endpoint, method, url, data):
        send = functools.partial(
            session.request,
            method,
            url,
            data=data,
            headers={"X-Bench-Endpoint": endpoint},
            allow_redirects=False,
            timeout=TIMEOUT_SECONDS,
        )
        try:
            return send()
        except requests.ConnectionError as exc:
            # The keep-alive race: the server closed an idle connection just as it
            # was reused. Browsers send an idempotent request again on a new one;
            # so do we, once, and count it. A server that is down fails twice.
            if method != "GET" or isinstance(exc, requests.Timeout):
                raise
            with self.results.lock:
                self.results.retries[endpoint] += 1
            return send()

    @staticmethod
    def location(response) -> str:
        return response.headers.get("Location", "")

    # --- the visit --------------------------------------------------------------
    def run(self) -> None:
        while True:
            try:
                self.visit()
            except Unexpected:
                time.sleep(0.2)  # a user who hit an error starts over
            except Stop:
                return
            with self.results.lock:
                self.results.visits += 1

    def visit(self, *, demo: bool | None = None, submit: bool | None = None) -> None:
        """One visit; `demo` and `submit` are chosen at random unless given (tests)."""
        if demo is None:
            demo = self.random.random() < DEMO_SHARE
        if submit is None:
            submit = not demo and self.random.random() < SUBMIT_SHARE
        pool = self.plan["demo_bsns"] if demo else self.plan["bench_bsns"]
        bsn = self.random.choice(pool)
        with requests.Session() as session:
            self.login(session, bsn)
            overview = self.call(session, "overview", "GET", "/mijn/", expect=200).text
            cases = CASE_LINK.findall(overview)
            documents: list[str] = []
            for case_path in self.random.sample(cases, min(2, len(cases))):
                page = self.call(session, "case", "GET", case_path, expect=200).text
                documents += DOCUMENT_LINK.findall(page)
            if documents:
                path = self.random.choice(documents)
                self.call(session, "download", "GET", path, expect=200, pdf=True)
            self.call(
                session,
                "product",
                "GET",
                self.random.choice(self.plan["product_paths"]),
                expect=200,
            )
            term = self.random.choice(self.plan["search_terms"])
            self.call(session, "search", "GET", f"/zoeken/?q={term}", expect=200)
            if submit:
                self.submit_request(session)

    def login(self, session, bsn: str) -> None:
        page = self.call(session, "login_page", "GET", "/inloggen/?next=/mijn/", expect=200)
        start = self.call(
            session,
            "digid_start",
            "POST",
            "/inloggen/digid/",
            data={"csrfmiddlewaretoken": _csrf(page.text), "next": "/mijn/", "niveau": "hoog"},
            expect=302,
        )
        sso_url = self.location(start)
        if "/digid/dev-idp/sso/" not in sso_url:
            self.results.record("digid_start", 0, "not sent to the IdP")
            raise Unexpected("digid_start went elsewhere")
        # The IdP keeps the AuthnRequest in its session and shows its login page.
        sso = self.call(session, "idp_sso", "GET", _local(sso_url), expect=302)
        idp_page = _local(self.location(sso))
        form = self.call(session, "idp_form", "GET", idp_page, expect=200).text
        fields = {
            "csrfmiddlewaretoken": _csrf(form),
            "citizen": "anders",
            "bsn": bsn,
            "level": LEVEL_HOOG,
            "login": "",
        }
        answer = self.call(session, "idp_submit", "POST", idp_page, data=fields, expect=302)
        back = self.call(session, "acs", "GET", _local(self.location(answer)), expect=302)
        # A parent with gezag lands on "Voor wie wilt u iets regelen?" first (issue 19);
        # without a choice the pages act for the citizen themselves, as before.
        if urlsplit(self.location(back)).path not in ("/mijn/", "/mijn/voor-wie/"):
            self.results.record("acs", 0, "login did not end at /mijn/")
            raise Unexpected("acs went elsewhere")

    def submit_request(self, session) -> None:
        slug, answers = self.random.choice(sorted(self.plan["request_products"].items()))
        path = f"/aanvragen/{slug}/"
        form = self.call(session, "request_form", "GET", path, expect=200).text
        data = {
            **answers,
            "csrfmiddlewaretoken": _csrf(form),
            "aanvraag_token": _match(REQUEST_TOKEN, form),
        }
        checked = self.call(
            session,
            "request_check",
            "POST",
            path,
            data={**data, "stap": "controleren"},
            expect=200,
        ).text
        data["csrfmiddlewaretoken"] = _csrf(checked)
        sent = self.call(
            session, "request_send", "POST", path, data={**data, "stap": "versturen"}, expect=302
        )
        self.call(session, "request_sent", "GET", _local(self.location(sent)), expect=200)


def _match(pattern: re.Pattern, text: str) -> str:
    found = pattern.search(text)
    if not found:
        raise Unexpected(f"no match for {pattern.pattern[:30]}")
    return found.group(1)


def _csrf(text: str) -> str:
    return _match(CSRF, text)


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def drive(*, url, idp_url, plan, users, rate, duration, max_requests, seed=1) -> dict:
    budget = Budget(duration=duration, max_requests=max_requests, rate=rate)
    results = Results()
    citizens = [
        Citizen(
            base=url,
            idp=idp_url,
            plan=plan,
            budget=budget,
            results=results,
            seed=seed * 1000 + index,
        )
        for index in range(users)
    ]
    threads = [threading.Thread(target=citizen.run, daemon=True) for citizen in citizens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + TIMEOUT_SECONDS + 5)
    elapsed = time.monotonic() - budget.started
    return {
        "users": users,
        "rate": rate,
        "elapsed_s": round(min(elapsed, duration), 3),
        "visits": results.visits,
        "latency_ms": dict(results.latency_ms),
        "errors": {name: dict(kinds) for name, kinds in results.errors.items()},
        "error_samples": results.error_samples,
        "retries": dict(results.retries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--idp-url", required=True, help="the server of /digid/dev-idp/")
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--rate", type=float, default=0.0, help="requests/s; 0 = unpaced")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result = drive(
        url=args.url,
        idp_url=args.idp_url,
        plan=json.loads(args.plan.read_text()),
        users=args.users,
        rate=args.rate,
        duration=args.duration,
        max_requests=args.max_requests,
        seed=args.seed,
    )
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
