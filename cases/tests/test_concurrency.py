"""Race safety of case numbering and status changes, with real parallel connections."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from cases import services
from cases.models import CaseSource
from cases.tests.factories import CaseFactory, CaseTypeFactory
from identity.actors import Actor

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 6


def _in_parallel(function, count: int) -> list:
    """Run `function` in `count` threads with their own connections, released
    together. SQLite serialises writers by design and its in-memory test database
    cannot be shared between threads, so there the calls run one after another
    and the test checks the same outcome."""
    if connection.vendor == "sqlite":
        return [function(index) for index in range(count)]
    barrier = Barrier(count)

    def run(index):
        try:
            barrier.wait()
            return function(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_concurrent_openings_get_distinct_consecutive_references():
    case_type = CaseTypeFactory()

    def open_one(index):
        return services.open_case(
            case_type=case_type, bsn="999993653", actor=Actor.system(), source=CaseSource.API
        ).reference

    references = _in_parallel(open_one, WORKERS)
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, WORKERS + 1))


def test_concurrent_final_statuses_close_the_case_once():
    case = CaseFactory(in_progress=True)
    final = case.case_type.status_types.get(is_final=True)

    def close(index):
        try:
            services.set_status(
                case=case, status_type=final, actor=Actor.system(), result_text=f"Klaar {index}"
            )
            return "closed"
        except ValidationError:
            return "refused"

    outcomes = _in_parallel(close, WORKERS)
    assert sorted(outcomes) == ["closed"] + ["refused"] * (WORKERS - 1)
    assert case.status_updates.filter(status_type=final).count() == 1


def test_concurrent_statuses_leave_the_denormalised_status_on_the_latest_row():
    """docs/decisions/0052: set_status locks the case, so of racing calls the last
    to commit wrote the latest status row and the case's copy of it."""
    from cases.models import Case
    from cases.status_consistency import inconsistent_cases

    case = CaseFactory(action_required=True)
    asking = case.case_type.status_types.get(name="aanvulling_nodig")

    def publish(index):
        # Repeating the current status is allowed, so every call succeeds.
        return services.set_status(
            case=case, status_type=asking, actor=Actor.system(), explanation=f"Vraag {index}"
        ).pk

    created = _in_parallel(publish, WORKERS)
    case = Case.objects.get(pk=case.pk)
    latest = case.status_updates.order_by("-set_at", "-id").first()
    assert len(created) == WORKERS and latest.pk in created
    assert case.current_status_id == latest.pk
    assert case.current_status_type_id == latest.status_type_id
    assert case.current_status_set_at == latest.set_at
    assert not inconsistent_cases().exists()
