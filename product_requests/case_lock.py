"""How long a request holds its agency's case-number lock (issue 23: ≤ 50 ms).

`cases.services.next_case_reference` locks the agency's sequence row
(SELECT ... FOR UPDATE) until the transaction that opens the case ends, so
every other request to that agency waits that long. `timed_case_number_lock`
notes when that SELECT returned and when the transaction committed (or rolled
back) and logs the difference at INFO on the `product_requests.case_lock`
logger: "case-number lock held 12.3 ms (committed)". No BSN, no key: only the
time. bench/drill_duplicate_submit.py reads these lines from the portal's log.
SQLite has no row locks (it serialises writers), so nothing is logged there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from cases.models import CaseReferenceSequence

logger = logging.getLogger(__name__)


def _is_lock(sql: str) -> bool:
    return "FOR UPDATE" in sql and CaseReferenceSequence._meta.db_table in sql


@contextmanager
def timed_case_number_lock() -> Iterator[None]:
    acquired: list[float] = []
    ended: list[str] = []

    def report(outcome: str) -> None:
        ended.append(outcome)
        held = (time.perf_counter() - acquired[0]) * 1000
        logger.info("case-number lock held %.1f ms (%s)", held, outcome)

    def note_lock(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not acquired and _is_lock(sql):
            acquired.append(time.perf_counter())
            # The first callback after the COMMIT, before slower ones (enqueues).
            transaction.on_commit(lambda: report("committed"))
        return result

    with connection.execute_wrapper(note_lock):
        try:
            yield
        finally:
            # Rolled back (a duplicate key lost the race): the lock went with it.
            if acquired and not ended and not connection.in_atomic_block:
                report("rolled back")
