"""The duplicate-submit drill (bench/drills.py): many threads post the same request
form with one idempotency token at once; one case must come of it. What to look
for: bench/README.md, "Fault drills".

Then `--distinct` threads post the same form with a token each, at once: as many
cases of one agency, all taking that agency's case-number lock in turn. For
both phases it prints how long each request held the lock (issue 23: ≤ 50 ms),
from the lines product_requests.case_lock writes to the portal's log ("case-number
lock held 12.3 ms (committed)"), and how long the task worker took to make the
receipts the requests only queued.
"""

from __future__ import annotations

import collections
import os
import re
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

RECEIPTS = """
import os
from product_requests.models import RequestSubmission
keys = os.environ["DRILL_KEYS"].split(",")
rows = RequestSubmission.objects.filter(idempotency_key__in=keys)
result = {
    "submissions": rows.count(),
    "ready": rows.filter(receipt__isnull=False).count(),
    "failed": rows.filter(receipt_failed_at__isnull=False).count(),
}
"""

LOCK_LINE = re.compile(r"case-number lock held ([0-9.]+) ms \((committed|rolled back)\)")

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


def _lock_holds(stack: Stack, offset: int) -> tuple[list[tuple[float, str]], int]:
    """The lock hold times the portal logged after `offset` in gunicorn.log, and the new offset."""
    with open(stack.dir / "gunicorn.log", "rb") as log_file:
        log_file.seek(offset)
        text = log_file.read()
    holds = [
        (float(ms_), outcome) for ms_, outcome in LOCK_LINE.findall(text.decode("utf-8", "replace"))
    ]
    return holds, offset + len(text)


def _log_offset(stack: Stack) -> int:
    return (stack.dir / "gunicorn.log").stat().st_size


def _print_holds(holds: list[tuple[float, str]]) -> None:
    if not holds:
        log("  case-number lock: no hold logged (is product_requests.case_lock at INFO?)")
        return
    times = [held for held, _ in holds]
    outcomes = collections.Counter(outcome for _, outcome in holds)
    log(
        f"  case-number lock held by {len(holds)} requests ({dict(outcomes)}): "
        f"p50 {median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
        f"max {max(times):.1f} ms; over 50 ms: {sum(t > 50 for t in times)}"
    )


def _wait_for_receipts(stack: Stack, keys: list[str], started: float, limit: float = 300) -> None:
    while True:
        state = stack.django(RECEIPTS, DRILL_KEYS=",".join(keys))
        done = state["ready"] + state["failed"]
        if done >= state["submissions"] or time.monotonic() - started > limit:
            break
        time.sleep(1)
    log(
        f"  receipts made by the task worker: {state['ready']} of {state['submissions']} "
        f"({state['failed']} failed), all done {time.monotonic() - started:.1f} s after the "
        "first post (rendered after the commit, no lock held)"
    )


def _post_all(url: str, bodies: list[dict], cookies: dict) -> tuple[list, float]:
    barrier = threading.Barrier(len(bodies))
    results: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def submit(data: dict) -> None:
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

    threads = [threading.Thread(target=submit, args=(body,)) for body in bodies]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - t0


def drill_duplicate_submit(stack: Stack, args) -> None:
    log(f"\n== Drill: {args.submissions} concurrent duplicate submissions, one token ==")
    fixtures = citizen_fixtures(stack)
    form = stack.django(REQUEST_FORM)
    csrf = os.urandom(16).hex()  # an unmasked 32-character secret, as the cookie holds
    data = {**form["data"], "csrfmiddlewaretoken": csrf}
    cookies = {"sessionid": fixtures["session"], "csrftoken": csrf}
    url = stack.base_url + form["path"]
    before = stack.django(REQUEST_COUNT, DRILL_KEY=data["aanvraag_token"])
    # The receipts are the task worker's (issue 23), as in production.
    worker = stack.start_worker()
    offset = _log_offset(stack)

    stop = threading.Event()
    peaks: dict = {}
    watcher = threading.Thread(target=_watch_connections, args=(stack, stop, peaks), daemon=True)
    watcher.start()
    first_post = time.monotonic()
    results, wall = _post_all(url, [data] * args.submissions, cookies)
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
    holds, offset = _lock_holds(stack, offset)
    _print_holds(holds)
    _wait_for_receipts(stack, [data["aanvraag_token"]], first_post)

    if args.distinct:
        log(f"\n  -- {args.distinct} concurrent submissions of one agency, a token each --")
        bodies = [{**data, "aanvraag_token": os.urandom(16).hex()} for _ in range(args.distinct)]
        stop = threading.Event()
        peaks = {}
        watcher = threading.Thread(
            target=_watch_connections, args=(stack, stop, peaks), daemon=True
        )
        watcher.start()
        first_post = time.monotonic()
        results, wall = _post_all(url, bodies, cookies)
        stop.set()
        watcher.join(5)
        codes = collections.Counter(code for code, _, _ in results)
        times = [seconds for _, _, seconds in results]
        log(
            f"  status codes: {dict(codes)}; wall time {wall:.1f} s; per request p50 "
            f"{ms(median(times))}, p95 {ms(percentile(times, 0.95))}, max {ms(max(times))}"
        )
        log(
            f"  PostgreSQL: peak {peaks.get('waiting_on_locks', 0)} waiting on a lock, "
            f"longest open transaction {peaks.get('longest_transaction', 0):.2f} s"
        )
        holds, offset = _lock_holds(stack, offset)
        _print_holds(holds)
        _wait_for_receipts(stack, [body["aanvraag_token"] for body in bodies], first_post)
    stack.processes.stop(worker, timeout=10)
