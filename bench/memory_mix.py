"""Where a gunicorn worker's memory goes under the load mix, in one process (issue 23).

    .venv/bin/python bench/memory_mix.py --database-url postgres://…/openloket_memory \\
        [--visits 2000] [--threads 4] [--every 250] [--tracemalloc]

The 10-minute load run (bench/load.py) showed each worker growing ~10 MB. This
drives the same mix through Django's test Client in this process, as a gunicorn
gthread worker would serve it: `--threads` threads, each a virtual citizen doing
visits like bench/load_driver.py's — a DigiD login through the development IdP
(login start, the IdP's answer over the POST binding, the ACS), Mijn overzicht,
one or two case pages from its links, a document download, a product page, a
search, and every second visit an online request (form, check step, send,
confirmation). Settings: bench/settings.py's `in-process` profile (the test
settings: DEBUG off, full middleware, local-memory cache) on `--database-url`,
which must hold `seed_demo`'s data (migrate it and run seed_demo first). The
request's receipt task is only queued (database backend, as on a web server):
the task worker renders it, not this process.

Every `--every` visits it prints RSS (VmRSS) and, with `--tracemalloc`, the
Python heap that tracemalloc sees and the 12 source lines whose live
allocations grew most since the first snapshot (taken after the first
`--every` visits: warm-up). At the end it calls glibc's malloc_trim(0) and
prints RSS again: memory that malloc_trim gives back was freed by Python and
only kept by the allocator. Run it with and without MALLOC_ARENA_MAX=2 in the
environment to see the per-thread arenas' share. Prints; does not pass or fail.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import re
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import uptime  # noqa: E402

CASE_LINK = re.compile(r'href="(/mijn/zaken/[^"/]+/[^"/]+/)"')
DOCUMENT_LINK = re.compile(r'href="(/mijn/documenten/[0-9a-f-]{36}/)"')
SAML_FIELDS = re.compile(r'name="(SAMLResponse|RelayState)" value="([^"]*)"')
TOKEN = re.compile(r'name="aanvraag_token" value="([0-9a-f]{32})"')
BROWSING_BSN = "999993653"  # nine cases, a decision PDF (seed_demo)
REQUESTING_BSN = "999991772"  # no cases to begin with; its requests open them
SEARCHES = ("paspoort", "bijstand", "afval", "verhuizing")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Mix:
    """One virtual citizen's visits, as bench/load_driver.py makes them, in-process."""

    def __init__(self, request_form: dict, product_paths: list[str], seed: int):
        self.request_form = request_form
        self.product_paths = product_paths
        self.seed = seed

    @staticmethod
    def _ok(response, expected=(200,)) -> str:
        if response.status_code not in expected:
            raise RuntimeError(f"{response.request['PATH_INFO']}: {response.status_code}")
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content).decode("latin-1")
        return response.content.decode()

    def login(self, bsn: str):
        from html import unescape
        from urllib.parse import parse_qs, urlsplit

        from django.test import Client

        client = Client()
        start = client.post("/inloggen/digid/", {"next": "/mijn/", "niveau": "basis"})
        url = urlsplit(start["Location"])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        sso = client.get(url.path, query)
        page = urlsplit(sso["Location"]).path
        answer = client.post(page, {"citizen": "anders", "bsn": bsn, "level": "30", "login": ""})
        fields = {k: unescape(v) for k, v in SAML_FIELDS.findall(answer.content.decode())}
        self._ok(client.post("/digid/acs/", fields), expected=(302,))
        return client

    def visit(self, number: int) -> None:
        submit = number % 2 == 1
        client = self.login(REQUESTING_BSN if submit else BROWSING_BSN)
        overview = self._ok(client.get("/mijn/"))
        for path in CASE_LINK.findall(overview)[: 1 + number % 2]:
            case_page = self._ok(client.get(path))
            for document in DOCUMENT_LINK.findall(case_page)[:1]:
                self._ok(client.get(document))
        self._ok(client.get(self.product_paths[number % len(self.product_paths)]))
        self._ok(client.get("/zoeken/", {"q": SEARCHES[number % len(SEARCHES)]}))
        if submit:
            self.submit_request(client)

    def submit_request(self, client) -> None:
        path = self.request_form["path"]
        token = TOKEN.search(self._ok(client.get(path))).group(1)
        data = {**self.request_form["data"], "aanvraag_token": token}
        self._ok(client.post(path, {**data, "stap": "controleren"}))
        sent = client.post(path, {**data, "stap": "versturen"})
        self._ok(sent, expected=(302,))
        self._ok(client.get(sent["Location"]))


def _request_form() -> dict:
    from django.urls import reverse

    from pages.models import ProductPage, RequestFieldType
    from product_requests.forms import field_name

    product = ProductPage.objects.live().filter(slug="bijzondere-bijstand").first()
    if product is None:
        sys.exit("No 'bijzondere-bijstand' product: run seed_demo on --database-url first.")
    values = {
        RequestFieldType.TEXT: "Een wasmachine",
        RequestFieldType.TEXTAREA: "Mijn wasmachine is kapot.",
        RequestFieldType.NUMBER: "350",
        RequestFieldType.EMAIL: "bench@example.org",
        RequestFieldType.DATE: "2026-12-01",
        RequestFieldType.CHECKBOX: "on",
    }
    data = {}
    for question in product.request_form_fields.all():
        first_choice = (question.choice_list or [""])[0]
        data[field_name(question)] = values.get(question.field_type, first_choice)
    return {
        "path": reverse("product_requests:request", kwargs={"slug": product.slug}),
        "data": data,
    }


def _product_paths() -> list[str]:
    from pages.models import ProductPage

    pages = ProductPage.objects.live().public().filter(locale__language_code="nl")
    return [page.url for page in pages[:8]]


def _top_growth(first: tracemalloc.Snapshot, count: int = 12) -> list[str]:
    now = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    rows = []
    for stat in now.compare_to(first, "lineno")[:count]:
        frame = stat.traceback[0]
        name = (
            os.path.relpath(frame.filename, ROOT) if str(ROOT) in frame.filename else frame.filename
        )
        name = name.split("site-packages/")[-1]
        rows.append(
            f"    {stat.size_diff / 1024:+9.1f} kB {stat.count_diff:+7d} blocks"
            f"  {name}:{frame.lineno}"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--visits", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4, help="as gunicorn's gthread (4)")
    parser.add_argument("--every", type=int, default=250, help="report every N visits")
    parser.add_argument("--tracemalloc", action="store_true", help="top growth by source line")
    args = parser.parse_args()

    os.environ["BENCH_DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import override_settings

    # As on a web server: the receipt task is queued in the database, not run here.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        DIGID_RESPONSE_BINDING="post",
    ).enable()

    print(f"load before: {uptime()}")
    print(
        f"MALLOC_ARENA_MAX={os.environ.get('MALLOC_ARENA_MAX', '(unset)')}, "
        f"{args.threads} threads, {args.visits} visits, tracemalloc "
        f"{'on' if args.tracemalloc else 'off'}"
    )
    mix = Mix(_request_form(), _product_paths(), seed=1)
    connection.close()

    counter = {"next": 0, "done": 0, "errors": 0}
    lock = threading.Lock()
    snapshot: dict[str, object] = {}
    started = time.monotonic()
    print(f"{'visits':>7} {'s':>6} {'RSS MB':>8} {'py heap MB':>11} {'gc objects':>11}")

    def report(done: int) -> None:
        gc.collect()
        heap = tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else 0
        print(
            f"{done:>7} {time.monotonic() - started:>6.0f} {rss_mb():>8.1f} "
            f"{heap:>11.1f} {len(gc.get_objects()):>11}",
            flush=True,
        )
        if args.tracemalloc and done:
            if "first" not in snapshot:
                snapshot["first"] = tracemalloc.take_snapshot()
            else:
                print("  top growth since the first report (live allocations, by line):")
                print("\n".join(_top_growth(snapshot["first"])), flush=True)

    def worker() -> None:
        from django.db import connection as own

        while True:
            with lock:
                number = counter["next"]
                if number >= args.visits:
                    break
                counter["next"] += 1
            try:
                mix.visit(number)
            except Exception as exc:  # counted and shown; the run goes on
                with lock:
                    counter["errors"] += 1
                    if counter["errors"] <= 3:
                        print(f"  error in visit {number}: {exc!r}", flush=True)
            with lock:
                counter["done"] += 1
                if counter["done"] % args.every == 0:
                    report(counter["done"])
        own.close()

    if args.tracemalloc:
        tracemalloc.start(1)
    report(0)
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    before_trim = rss_mb()
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc_trim(0)
    print(
        f"done: {counter['done']} visits, {counter['errors']} errors, "
        f"{time.monotonic() - started:.0f} s; RSS {before_trim:.1f} MB, after malloc_trim(0) "
        f"{rss_mb():.1f} MB"
    )
    from django_tasks_db.models import DBTaskResult

    print(f"tasks queued in the database (not run here): {DBTaskResult.objects.count()}")
    print(f"load after: {uptime()}")


if __name__ == "__main__":
    main()
