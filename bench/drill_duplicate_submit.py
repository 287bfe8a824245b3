"""The duplicate-submit drill (bench/drills.py): many threads post the same request
form with one idempotency token at once; one case must come of it. What to look
for: bench/README.md, "Fault drills".
"""

from __future__ import annotations

import collections
import os
import threading
import time

import requests

from bench.drill_load import citizen_fixtures
from bench.drill_stack import Stack, log, ms
from bench.stats import median, percentile

REQUEST_FORM = """
import secrets
from django.urls import reverse
from pages.models import ProductPage
from product_requests.forms import TOKEN_FIELD, field_name
from pages.models import RequestFieldType

dutch = ProductPage.objects.live().filter(locale__language_code="nl")
product = dutch.filter(slug="bijzondere-bijstand").first()
values = {
    RequestFieldType.TEXT: "Een wasmachine",
    RequestFieldType.TEXTAREA: "Mijn wasmachine is kapot.",
    RequestFieldType.NUMBER: "350",
    RequestFieldType.EMAIL: "suzanne@example.org",
    RequestFieldType.DATE: "2026-12-01",
    RequestFieldType.CHECKBOX: "on",
}
data = {"stap": "versturen", TOKEN_FIELD: secrets.token_hex(16)}
for question in product.request_form_fields.all():
    first_choice = (question.choice_list or [""])[0]
    data[field_name(question)] = values.get(question.field_type, first_choice)
result = {"path": reverse("product_requests:request", kwargs={"slug": product.slug}), "data": data}
"""

REQUEST_COUNT = """
import os
from cases.models import Case
from documents.models import Document
from product_requests.models import RequestSubmission
key = os.environ["DRILL_KEY"]
submissions = RequestSubmission.objects.filter(idempotency_key=key)
case_ids = list(submissions.values_list("case_id", flat=True))
result = {
    "submissions": submissions.count(),
    "cases": case_ids,
    "receipts": Document.objects.filter(case_id__in=case_ids).count(),
    "all_cases": Case.objects.count(),
}
"""


def _watch_connections(stack: Stack, stop: threading.Event, peaks: dict) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=stack.pg_port, user="postgres", dbname="openloket", autocommit=True
    ) as conn:
        while not stop.is_set():
            row = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                " coalesce(extract(epoch FROM max(now() - xact_start)"
                "  FILTER (WHERE state <> 'idle')), 0)"
                " FROM pg_stat_activity WHERE datname = 'openloket' AND pid <> pg_backend_pid()"
            ).fetchone()
            peaks["connections"] = max(peaks.get("connections", 0), row[0])
            peaks["waiting_on_locks"] = max(peaks.get("waiting_on_locks", 0), row[1])
            peaks["longest_transaction"] = max(peaks.get("longest_transaction", 0), row[2])
            stop.wait(0.05)


def drill_duplicate_submit(stack: Stack, args) -> None:
    log(f"\n== Drill: {args.submissions} concurrent duplicate submissions, one token ==")
    fixtures = citizen_fixtures(stack)
    form = stack.django(REQUEST_FORM)
    csrf = os.urandom(16).hex()  # an unmasked 32-character secret, as the cookie holds
    data = {**form["data"], "csrfmiddlewaretoken": csrf}
    cookies = {"sessionid": fixtures["session"], "csrftoken": csrf}
    url = stack.base_url + form["path"]
    before = stack.django(REQUEST_COUNT, DRILL_KEY=data["aanvraag_token"])

    barrier = threading.Barrier(args.submissions)
    results: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def submit() -> None:
        barrier.wait()
        started = time.monotonic()
        try:
            response = requests.post(
                url, data=data, cookies=cookies, allow_redirects=False, timeout=300
            )
            outcome = (response.status_code, response.headers.get("Location", ""))
        except requests.RequestException as exc:
            outcome = (0, type(exc).__name__)
        with lock:
            results.append((*outcome, time.monotonic() - started))

    stop = threading.Event()
    peaks: dict = {}
    watcher = threading.Thread(target=_watch_connections, args=(stack, stop, peaks), daemon=True)
    watcher.start()
    threads = [threading.Thread(target=submit) for _ in range(args.submissions)]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - t0
    stop.set()
    watcher.join(5)
    after = stack.django(REQUEST_COUNT, DRILL_KEY=data["aanvraag_token"])

    codes = collections.Counter(code for code, _, _ in results)
    locations = collections.Counter(location for code, location, _ in results if code == 302)
    times = [seconds for _, _, seconds in results]
    log(
        "  gunicorn has 2 sync workers: at most 2 of the posts are in the portal at a time, "
        "the others wait in the listen backlog"
    )
    log(f"  status codes: {dict(codes)}; distinct redirect targets: {len(locations)}")
    log(
        f"  cases for the token: {len(after['cases'])} (submissions {after['submissions']}, "
        f"receipt documents {after['receipts']}); cases in the database "
        f"{before['all_cases']} -> {after['all_cases']}"
    )
    log(
        f"  wall time {wall:.1f} s; per request p50 {ms(median(times))}, "
        f"p95 {ms(percentile(times, 0.95))}, max {ms(max(times))}"
    )
    log(
        f"  PostgreSQL during the run: peak {peaks.get('connections', 0)} connections from the "
        f"portal (max_connections 100), peak {peaks.get('waiting_on_locks', 0)} waiting on a "
        f"lock, longest open transaction {peaks.get('longest_transaction', 0):.2f} s"
    )
