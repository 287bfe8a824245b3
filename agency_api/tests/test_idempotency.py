"""Idempotency-Key on POST: a retry replays the first response and creates
nothing; the same key with another body is 409; two concurrent requests with
the same key create one case."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from agency_api.models import IdempotencyRecord
from cases.models import Case, CaseEvent, StatusUpdate

from .conftest import ApiTestClient, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db

# SQLite's in-memory shared-cache test database refuses a second writer at once
# ("database table is locked") instead of waiting, so real concurrency is tested
# in the PostgreSQL pass of scripts/test.sh (production's database). The race's
# losing path is tested on both by test_replay_after_losing_the_insert_race.
needs_concurrent_writers = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database with concurrent writers"
)


def test_same_key_twice_replays_and_creates_one_case(api, case_type):
    first = api.post("/zaken", new_case_body(), key="create-1")
    second = api.post("/zaken", new_case_body(), key="create-1")
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(kind="opened").count() == 1


def test_same_key_other_body_is_409(api, case_type):
    api.post("/zaken", new_case_body(), key="create-1")
    response = api.post("/zaken", new_case_body(title="Iets anders"), key="create-1")
    assert_problem(response, 409, "idempotency_key_reused")
    assert Case.objects.count() == 1


def test_same_key_on_another_endpoint_is_409(api, case_type):
    reference = api.post("/zaken", new_case_body(), key="k").json()["reference"]
    response = api.post(f"/zaken/{reference}/statussen", {"status_type": 2}, key="k")
    assert_problem(response, 409, "idempotency_key_reused")


def test_key_is_per_client(api, other_api, case_type, other_case_type):
    api.post("/zaken", new_case_body(), key="shared")
    theirs = other_api.post("/zaken", new_case_body(case_type="kapvergunning"), key="shared")
    assert theirs.status_code == 201
    assert Case.objects.count() == 2


def test_status_retry_sets_one_status(api, case_type):
    reference = api.post("/zaken", new_case_body()).json()["reference"]
    for _ in range(3):
        response = api.post(f"/zaken/{reference}/statussen", {"status_type": 2}, key="s-2")
        assert response.status_code == 201
    assert StatusUpdate.objects.filter(case__reference=reference).count() == 2


def test_failed_request_stores_nothing_so_a_corrected_retry_works(api, case_type):
    bad = api.post("/zaken", new_case_body(case_type="onbekend"), key="k")
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.exists()
    good = api.post("/zaken", new_case_body(), key="k")
    assert good.status_code == 201


def test_invalid_key_is_400(api, case_type):
    response = api.post("/zaken", new_case_body(), key="x" * 256)
    assert_problem(response, 400, "invalid_idempotency_key")
    assert not Case.objects.exists()


def test_replay_after_losing_the_insert_race(api, api_client_obj, case_type):
    """The path a concurrent loser takes: the record already exists (committed
    by the winner) with the same fingerprint, so the stored response is replayed."""
    first = api.post("/zaken", new_case_body(), key="race")
    record = IdempotencyRecord.objects.get(client=api_client_obj, key="race")
    record.response_body = {**record.response_body, "title": "zoals opgeslagen"}
    record.save()
    again = api.post("/zaken", new_case_body(), key="race")
    assert again.json()["title"] == "zoals opgeslagen"
    assert again.json()["reference"] == first.json()["reference"]


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_concurrent_same_key_creates_one_case(client_and_token, case_type):
    """Real threads, real connections: both requests start together; the unique
    (client, key) index makes the second wait for the first and replay it."""
    _client, token = client_and_token
    barrier = threading.Barrier(4)
    results: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def send():
        try:
            api = ApiTestClient(token)
            barrier.wait()
            response = api.post("/zaken", new_case_body(), key="concurrent-1")
            results.append((response.status_code, response.json().get("reference", "")))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [status for status, _ in results] == [201] * 4
    assert len({reference for _, reference in results}) == 1
    assert Case.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_concurrent_same_external_id_creates_one_case(client_and_token, case_type):
    """Different keys (or none) but the same external id: one case, the others get it."""
    _client, token = client_and_token
    barrier = threading.Barrier(3)
    results: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def send(index):
        try:
            api = ApiTestClient(token)
            barrier.wait()
            response = api.post("/zaken", new_case_body(external_id="ZS-9"), key=f"k{index}")
            results.append((response.status_code, response.json().get("reference", "")))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(status for status, _ in results) == [200, 200, 201]
    assert len({reference for _, reference in results}) == 1
    assert Case.objects.filter(external_id="ZS-9").count() == 1


def test_prune_removes_only_old_records(api, api_client_obj, case_type):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    api.post("/zaken", new_case_body(), key="old")
    api.post("/zaken", new_case_body(external_id="2"), key="new")
    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    call_command("prune_idempotency_keys", stdout=StringIO())
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
