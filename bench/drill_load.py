"""What the fault drills measure with (bench/drills.py): a citizen session and an API
token made inside the stack, and a few threads requesting a mix of pages while a
seventh polls /readyz, recording every answer; then a summary per phase.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass, field

import requests

from bench.drill_stack import Stack, log, ms
from bench.stats import percentile

FRIENDLY_503 = ("Even niet beschikbaar", "Temporarily unavailable")

CITIZEN_SESSION = """
import time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from agency_api.models import ApiClient
from cases.models import Case
from identity.loa import SESSION_KEY as LOA_KEY, LevelOfAssurance
from identity.models import User
from identity.session import LOGIN_AT_KEY

# What the DigiD ACS leaves in a session (identity.digid_session.log_in_citizen), made directly:
# the drills measure the portal, not the login.
user = User.objects.get(bsn="999993653")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[LOA_KEY] = int(LevelOfAssurance.SUBSTANTIEEL)
session[LOGIN_AT_KEY] = int(time.time())
session["digid_bsn"] = user.bsn
session.create()
client = ApiClient.objects.select_related("agency").order_by("pk").first()
token = client.rotate()
case = Case.objects.filter(agency=client.agency).order_by("pk").first()
from pages.models import ProductPage
product = ProductPage.objects.live().filter(locale__language_code="nl").order_by("pk").first()
result = {
    "session": session.session_key,
    "api_token": token,
    "api_path": f"/api/v1/zaken/{case.reference}",
    "product_path": product.url,
}
"""


def citizen_fixtures(stack: Stack) -> dict:
    return stack.django(CITIZEN_SESSION)


@dataclass
class Sample:
    at: float
    target: str
    status: int  # 0: no HTTP answer (refused, timed out)
    seconds: float
    friendly: bool = False
    retry_after: bool = False
    traceback: bool = False


@dataclass
class Load:
    stack: Stack
    targets: dict[str, tuple[str, dict]]
    threads: int = 6
    samples: list[Sample] = field(default_factory=list)
    readyz: list[tuple[float, int, dict]] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pool: list[threading.Thread] = []

    def _one(self, session: requests.Session, name: str) -> None:
        path, headers = self.targets[name]
        started = time.monotonic()
        try:
            response = session.get(
                self.stack.base_url + path, headers=headers, timeout=15, allow_redirects=False
            )
        except requests.RequestException:
            sample = Sample(started, name, 0, time.monotonic() - started)
        else:
            body = response.text
            sample = Sample(
                started,
                name,
                response.status_code,
                time.monotonic() - started,
                friendly=any(text in body for text in FRIENDLY_503)
                or response.headers.get("Content-Type") == "application/problem+json",
                retry_after="Retry-After" in response.headers,
                traceback="Traceback" in body,
            )
        with self._lock:
            self.samples.append(sample)

    def _run(self, offset: int) -> None:
        names = list(self.targets)
        index = offset
        with requests.Session() as session:
            while not self._stop.is_set():
                self._one(session, names[index % len(names)])
                index += 1

    def _poll_readyz(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                response = requests.get(self.stack.base_url + "/readyz", timeout=15)
                entry = (started, response.status_code, response.json().get("checks", {}))
            except (requests.RequestException, ValueError):
                entry = (started, 0, {})
            with self._lock:
                self.readyz.append(entry)
            self._stop.wait(0.25)

    def start(self) -> None:
        self._pool = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(self.threads)
        ]
        self._pool.append(threading.Thread(target=self._poll_readyz, daemon=True))
        for thread in self._pool:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._pool:
            thread.join(20)


def describe_phase(load: Load, title: str, start: float, end: float) -> None:
    samples = [s for s in load.samples if start <= s.at < end]
    log(f"  {title} ({end - start:.1f} s, {len(samples)} requests)")
    by_target: dict[str, list[Sample]] = collections.defaultdict(list)
    for sample in samples:
        by_target[sample.target].append(sample)
    for name, rows in by_target.items():
        codes = collections.Counter(str(s.status or "no answer") for s in rows)
        times = [s.seconds for s in rows]
        extra = ""
        unavailable = [s for s in rows if s.status == 503]
        if unavailable:
            friendly = sum(s.friendly for s in unavailable)
            retry = sum(s.retry_after for s in unavailable)
            extra = f"; 503s friendly {friendly}/{len(unavailable)}, Retry-After {retry}"
        if any(s.traceback for s in rows):
            extra += "; TRACEBACK IN BODY"
        log(
            f"    {name:<9} {dict(sorted(codes.items()))}  p50 {ms(percentile(times, 0.50))}"
            f"  p95 {ms(percentile(times, 0.95))}  max {ms(max(times))}{extra}"
        )
    ready = [r for r in load.readyz if start <= r[0] < end]
    if ready:
        states = collections.Counter(
            f"{code} " + ",".join(f"{k}={v}" for k, v in sorted(checks.items()) if v != "ok")
            for _, code, checks in ready
        )
        log(f"    readyz    {dict(states)}")


def load_targets(fixtures: dict) -> dict[str, tuple[str, dict]]:
    citizen = {"Cookie": f"sessionid={fixtures['session']}"}
    return {
        "home": ("/", {}),
        "product": (fixtures["product_path"], {}),
        "overview": ("/mijn/", citizen),
        "api": (fixtures["api_path"], {"Authorization": f"Bearer {fixtures['api_token']}"}),
        "static": ("/static/css/portal.css", {}),
    }
