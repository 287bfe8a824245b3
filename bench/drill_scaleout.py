"""The scale-out drill (bench/drills.py scale-out, issue 23): is adding app servers just
adding processes?

Two gunicorn masters (server A and B, production settings via BENCH_PROFILE=scaleout)
on one PostgreSQL and one Redis, documents in an S3-compatible store (moto in server
mode), behind haproxy from Debian (round robin, no sticky sessions; it adds an
`X-Served-By` header so each step shows which server answered), and two task workers
(`manage.py db_worker`). It prints what happened; it does not pass or fail:

- a citizen journey through the balancer: DigiD login at the development IdP (the
  SAML pending request and the replay cache must work whichever server answers),
  overview, case page, product page, search, a request sent, and its receipt
  downloaded once a worker has made it (polled with a deadline);
- a publish on server A's side (Wagtail's `Revision.publish`, the code the admin's
  publish button runs, in a process of its own) and how long until server B's
  anonymous page cache serves the new page;
- a rate limit (document verifications per client) counted across both servers;
- notifications delivered by two workers racing: how many mails per notification.

What to look for: bench/README.md, "Scale-out drill"; the last run: docs/deploy.md.
"""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import requests

from bench.drill_stack import Stack, log, ms
from bench.drill_worker_kill import OUTBOX, OUTBOX_STATE, _delivered
from bench.load_driver import CASE_LINK, CSRF, DOCUMENT_LINK, REQUEST_TOKEN
from bench.processes import (
    PYTHON,
    ROOT,
    gunicorn_command,
    port_is_free,
    wait_for_port,
    wait_until_ready,
)

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
BUCKET = "openloket-drill"
REGION = "eu-central-1"
# moto accepts any key pair; the portal reads these as boto3 does, from the environment.
S3_KEYS = {"AWS_ACCESS_KEY_ID": "openloket-drill", "AWS_SECRET_ACCESS_KEY": "drill-secret"}
RATE_LIMIT = 10
TIMEOUT = 30

HAPROXY_CONFIG = """global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend portal
    bind 127.0.0.1:{lb_port}
    default_backend servers
backend servers
    balance roundrobin
    http-response set-header X-Served-By %s
    server A 127.0.0.1:{port_a}
    server B 127.0.0.1:{port_b}
"""

PUBLISH = """
import os, time
from pages.models import ProductPage
page = (ProductPage.objects.live().public().filter(locale__language_code="nl")
        .order_by("pk").first().specific)
page.title = page.title + " " + os.environ["DRILL_MARKER"]
page.save_revision().publish()
result = {"published_at": time.time(), "url": page.url}
"""

TASKS_BY_WORKER = """
import os
from collections import Counter
from django_tasks_db.models import DBTaskResult
ids = {int(x) for x in os.environ["DRILL_IDS"].split(",")}
tasks = DBTaskResult.objects.filter(task_path__endswith="deliver_notification")
result = dict(Counter(
    "+".join(task.worker_ids) or "none" for task in tasks
    if (task.args_kwargs.get("args") or [None])[0] in ids
))
"""

PAGE = """
from pages.models import ProductPage
page = ProductPage.objects.live().public().filter(locale__language_code="nl").order_by("pk").first()
result = page.url
"""


class ScaleOut:
    def __init__(self, args) -> None:
        self.port_a, self.port_b = args.web_port, args.web_port + 1
        self.lb_port, self.s3_port = args.lb_port, args.s3_port
        for port in (self.port_b, self.lb_port, self.s3_port):
            if not port_is_free(port):
                raise SystemExit(f"Port {port} is in use; pick others (--help).")
        self.stack = Stack(
            pg_port=args.pg_port, redis_port=args.redis_port, web_port=self.port_a, keep=args.keep
        )
        self.lb = f"http://127.0.0.1:{self.lb_port}"
        self.s3 = f"http://127.0.0.1:{self.s3_port}"
        self.stack.env.update(
            {
                "BENCH_PROFILE": "scaleout",
                "PORTAL_BASE_URL": self.lb,
                "S3_BUCKET": BUCKET,
                "S3_ENDPOINT_URL": self.s3,
                "S3_REGION": REGION,
                **S3_KEYS,
                "DOCUMENT_VERIFICATIONS_PER_HOUR": str(RATE_LIMIT),
                "BENCH_MAIL_DELAY": str(args.mail_delay),
            }
        )
        self.plan: dict = {}

    # --- the stack ------------------------------------------------------------------
    def up(self) -> None:
        stack = self.stack
        started = time.monotonic()
        log(f"Stack in {stack.dir}")
        stack.start_postgres()
        stack.psql("CREATE DATABASE openloket")
        stack.start_redis()
        self.start_s3()
        t = time.monotonic()
        stack.manage("migrate", "--no-input")
        log(f"  migrate: {time.monotonic() - t:.0f} s")
        t = time.monotonic()
        stack.manage("seed_demo")
        log(f"  seed_demo (its documents into S3): {time.monotonic() - t:.0f} s")
        plan_path = stack.dir / "plan.json"
        subprocess.run(
            [
                *[PYTHON, "-m", "bench.load_django", "seed", "--citizens", "5"],
                *["--plan", str(plan_path), "--idp-url", self.lb],
                *["--idp-metadata", str(stack.dir / "idp-metadata.xml")],
            ],
            cwd=ROOT,
            env=stack.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.plan = json.loads(plan_path.read_text())
        # One after the other: the first writes the development IdP's keys, the second reads them.
        for name, port in (("a", self.port_a), ("b", self.port_b)):
            self.start_web(name, port)
        self.start_haproxy()
        for _ in range(2):
            stack.start_worker()
        log(
            f"  PostgreSQL :{stack.pg_port}, Redis :{stack.redis_port}, S3 (moto) :{self.s3_port}, "
            f"server A :{self.port_a}, server B :{self.port_b} (2 sync workers each), "
            f"haproxy {self.lb} (round robin), 2 db_workers; ready in "
            f"{time.monotonic() - started:.0f} s"
        )

    def start_s3(self) -> None:
        command = [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)]
        self.stack.processes.start(command, env=self.stack.env, log_path=self.stack.dir / "s3.log")
        wait_for_port(self.s3_port, "moto")
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=self.s3,
            region_name=REGION,
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        where = {"LocationConstraint": REGION}
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration=where)
        self.s3_client = client

    def s3_keys(self) -> int:
        listing = self.s3_client.list_objects_v2(Bucket=BUCKET)
        return listing.get("KeyCount", 0)

    def start_web(self, name: str, port: int) -> None:
        log_path = self.stack.dir / f"gunicorn-{name}.log"
        web = self.stack.processes.start(
            gunicorn_command(
                port=port, workers=2, control_socket=self.stack.dir / f"gunicorn-{name}.ctl"
            ),
            env=self.stack.env,
            log_path=log_path,
        )
        wait_until_ready(f"http://127.0.0.1:{port}/healthz", process=web, log_path=log_path)

    def start_haproxy(self) -> None:
        config = self.stack.dir / "haproxy.cfg"
        config.write_text(
            HAPROXY_CONFIG.format(lb_port=self.lb_port, port_a=self.port_a, port_b=self.port_b)
        )
        self.stack.processes.start(
            [HAPROXY, "-db", "-f", str(config)],
            env=self.stack.env,
            log_path=self.stack.dir / "haproxy.log",
        )
        wait_for_port(self.lb_port, "haproxy")

    def down(self) -> None:
        self.stack.down()

    # --- the drills -----------------------------------------------------------------
    def journey(self) -> None:
        log("\n== Citizen journey through the balancer ==")
        trail: list[tuple[str, str, int]] = []
        session = requests.Session()

        def note(response, *_args, **_kwargs):
            served = response.headers.get("X-Served-By", "-")
            trail.append((urlsplit(response.url).path, served, response.status_code))

        session.hooks["response"].append(note)
        try:
            acs_url = self._login(session, self.plan["bench_bsns"][0])
            overview = self._get(session, "/mijn/").text
            cases = CASE_LINK.findall(overview)
            if cases:
                self._get(session, cases[0])
            self._get(session, self.plan["product_paths"][0])
            self._get(session, "/zoeken/?q=paspoort")
            keys_before = self.s3_keys()
            sent_path = self._submit(session)
            receipt, waited = self._receipt(session, sent_path)
            if receipt:
                pdf = self._get(session, receipt)
                log(
                    f"  receipt {receipt} downloaded {waited:.1f} s after sending: "
                    f"{len(pdf.content)} bytes, PDF {pdf.content.startswith(b'%PDF')}, "
                    f"served by {pdf.headers.get('X-Served-By')}; objects in the bucket "
                    f"{keys_before} before sending, {self.s3_keys()} now"
                )
            else:
                log(f"  no receipt link within {waited:.0f} s (see worker.log)")
            self._replay(acs_url, trail)
        except Exception as exc:  # the drill prints what happened
            log(f"  journey stopped: {type(exc).__name__}: {exc}")
        finally:
            served = collections.Counter(server for _path, server, _status in trail)
            log(f"  {len(trail)} responses, served by {dict(served)}:")
            for path, server, status in trail:
                log(f"    {server} {status} {path[:70]}")

    def _get(self, session, path: str, expect: int = 200):
        response = session.get(self.lb + path, allow_redirects=False, timeout=TIMEOUT)
        if response.status_code != expect:
            raise RuntimeError(f"GET {path}: HTTP {response.status_code}, expected {expect}")
        return response

    def _post(self, session, path: str, data: dict, expect: int):
        response = session.post(self.lb + path, data=data, allow_redirects=False, timeout=TIMEOUT)
        if response.status_code != expect:
            raise RuntimeError(f"POST {path}: HTTP {response.status_code}, expected {expect}")
        return response

    @staticmethod
    def _local(response) -> str:
        parts = urlsplit(response.headers["Location"])
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _login(self, session, bsn: str) -> str:
        page = self._get(session, "/inloggen/?next=/mijn/")
        data = {"csrfmiddlewaretoken": _csrf(page.text), "next": "/mijn/", "niveau": "hoog"}
        start = self._post(session, "/inloggen/digid/", data, 302)
        sso = self._get(session, self._local(start), 302)
        idp_page = self._local(sso)
        form = self._get(session, idp_page).text
        fields = {
            "csrfmiddlewaretoken": _csrf(form),
            "citizen": "anders",
            "bsn": bsn,
            "level": "30",
            "login": "",
        }
        answer = self._post(session, idp_page, fields, 302)
        acs_url = self._local(answer)
        back = self._get(session, acs_url, 302)
        landed = urlsplit(back.headers["Location"]).path
        log(f"  DigiD login via the development IdP ended at {landed}")
        return acs_url

    def _submit(self, session) -> str:
        slug, answers = sorted(self.plan["request_products"].items())[0]
        path = f"/aanvragen/{slug}/"
        form = self._get(session, path).text
        data = {
            **answers,
            "csrfmiddlewaretoken": _csrf(form),
            "aanvraag_token": _match(REQUEST_TOKEN, form),
        }
        checked = self._post(session, path, {**data, "stap": "controleren"}, 200).text
        data["csrfmiddlewaretoken"] = _csrf(checked)
        sent = self._post(session, path, {**data, "stap": "versturen"}, 302)
        sent_path = self._local(sent)
        log(f"  request for {slug!r} sent; confirmation {sent_path}")
        return sent_path

    def _receipt(self, session, sent_path: str) -> tuple[str | None, float]:
        """The receipt's download link, from the confirmation page or the case page it
        links to, whichever shows it first (polled; the worker may still be making it)."""
        started = time.monotonic()
        while time.monotonic() - started < TIMEOUT:
            page = self._get(session, sent_path).text
            found = DOCUMENT_LINK.findall(page)
            if not found:
                for case_path in CASE_LINK.findall(page)[:1]:
                    found = DOCUMENT_LINK.findall(self._get(session, case_path).text)
            if found:
                return found[0], time.monotonic() - started
            time.sleep(0.5)
        return None, time.monotonic() - started

    def _replay(self, acs_url: str, trail: list) -> None:
        """The ACS URL (the same artifact) again, at the server that did not answer it."""
        acs_path = urlsplit(acs_url).path
        acs_server = next(server for path, server, _ in trail if path == acs_path)
        other = self.port_b if acs_server == "A" else self.port_a
        response = requests.get(
            f"http://127.0.0.1:{other}{acs_url}", allow_redirects=False, timeout=TIMEOUT
        )
        where = response.headers.get("Location", "")
        log(
            f"  the ACS answered on server {acs_server}; the same artifact again at the other "
            f"server: HTTP {response.status_code} {urlsplit(where).path or ''}"
        )

    def page_cache(self) -> None:
        log("\n== Publish on one side, the anonymous page cache on server B ==")
        path = self.stack.django(PAGE)
        marker = f"drill-{uuid.uuid4().hex[:8]}"
        url_b = f"http://127.0.0.1:{self.port_b}{path}"
        for _ in range(6):  # warm both of B's workers
            requests.get(url_b, timeout=TIMEOUT)
        seen: list[tuple[float, bool]] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                body = requests.get(url_b, timeout=TIMEOUT).text
                seen.append((time.time(), marker in body))
                stop.wait(0.05)

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            published = self.stack.django(PUBLISH, DRILL_MARKER=marker)["published_at"]
            deadline = time.time() + 5
            while time.time() < deadline:
                time.sleep(0.1)
        finally:
            stop.set()
            poller.join()
        fresh = [at for at, new in seen if new and at >= published]
        stale_after = [at for at, new in seen if not new and at >= published]
        log(f"  {path}: {len(seen)} GETs at server B :{self.port_b}, every 50 ms")
        if fresh:
            log(f"  first new page at B {ms(fresh[0] - published)} after the publish committed")
        else:
            log("  server B never served the new page within 5 s")
        if stale_after:
            log(
                f"  last old page at B {ms(stale_after[-1] - published)} after the publish "
                f"({len(stale_after)} old answers after it)"
            )
        else:
            log("  no old page served after the publish")

    def rate_limit(self) -> None:
        log("\n== Rate limit across both servers ==")
        session = requests.Session()
        answers = []
        # One form, then only POSTs: they alternate between the servers.
        page = session.get(f"{self.lb}/controleer-een-document/", timeout=TIMEOUT)
        for _ in range(RATE_LIMIT + 4):
            response = session.post(
                f"{self.lb}/controleer-een-document/",
                data={"csrfmiddlewaretoken": _csrf(page.text), "sha256": "0" * 64},
                timeout=TIMEOUT,
            )
            limited = "veel documenten gecontroleerd" in response.text
            answers.append((response.headers.get("X-Served-By"), limited))
        accepted = collections.Counter(server for server, limited in answers if not limited)
        log(
            f"  limit {RATE_LIMIT} verifications per client per hour; {len(answers)} tried "
            f"alternately: accepted {sum(accepted.values())} ({dict(accepted)}), "
            f"refused {sum(1 for _, limited in answers if limited)}; "
            f"first refusal at attempt {next((i + 1 for i, a in enumerate(answers) if a[1]), '-')}"
        )

    def notifications(self, count: int, deadline: float) -> None:
        log("\n== Notifications with two workers racing ==")
        stack = self.stack
        ids = stack.django(OUTBOX, DRILL_N=str(count), DRILL_RUN=str(time.time_ns()))
        started = time.monotonic()
        state: dict = {}
        while time.monotonic() - started < deadline:
            state = stack.django(OUTBOX_STATE, DRILL_IDS=",".join(map(str, ids)))
            if set(state["rows"]) <= {"sent", "failed", "undeliverable"}:
                break
        delivered = _delivered(stack.mail_dir)
        per_row = collections.Counter(
            delivered.get(f"<notification-{pk}@127.0.0.1>", 0) for pk in ids
        )
        log(
            f"  {count} notifications queued with both workers running; after "
            f"{time.monotonic() - started:.1f} s: outbox {state.get('rows')}, "
            f"queue {state.get('tasks')}"
        )
        log(
            f"  mails per notification: exactly once {per_row.get(1, 0)}, never "
            f"{per_row.get(0, 0)}, twice or more {sum(v for k, v in per_row.items() if k >= 2)}"
        )
        by_worker = stack.django(TASKS_BY_WORKER, DRILL_IDS=",".join(map(str, ids)))
        log(f"  delivery tasks per worker (django-tasks-db worker ids): {by_worker}")


def _match(pattern: re.Pattern, text: str) -> str:
    found = pattern.search(text)
    if not found:
        raise RuntimeError(f"no match for {pattern.pattern[:30]}")
    return found.group(1)


def _csrf(text: str) -> str:
    return _match(CSRF, text)


def drill_scaleout(args) -> None:
    if not Path(HAPROXY).exists():
        raise SystemExit("haproxy is missing: apt-get install -y haproxy")
    drill = ScaleOut(args)
    try:
        drill.up()
        steps = [drill.journey, drill.page_cache, drill.rate_limit]
        steps.append(lambda: drill.notifications(args.notifications, args.deadline))
        for step in steps:
            try:
                step()
            except Exception as exc:  # the drill prints what happened
                log(f"  stopped: {type(exc).__name__}: {exc}")
    finally:
        drill.down()
