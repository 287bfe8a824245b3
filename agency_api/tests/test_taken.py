"""Tasks through the agency API (issue 21): POST with an Idempotency-Key, GET
per case; every body is checked against our own OpenAPI document."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from identity.access_log import AccessAction, AccessLogEntry
from messaging.kinds import TaskOrigin, TaskState
from messaging.models import Task

from .conftest import BSN, OTHER_BSN, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(api, case_type):
    return api.post("/zaken", new_case_body()).json()["reference"]


@pytest.fixture
def openapi(api):
    return api.client.get("/api/v1/openapi.json").json()


def assert_matches(openapi: dict, path: str, method: str, response) -> None:
    """The body matches what our OpenAPI document promises for this status."""
    promised = openapi["paths"][f"/api/v1{path}"][method]["responses"][str(response.status_code)]
    content = next(iter(promised["content"].values()))
    schema = {**content["schema"], "components": openapi["components"]}
    Draft202012Validator(schema).validate(response.json())


def task_body(**overrides) -> dict:
    return {
        "bsn": BSN,
        "kind": "upload",
        "title": "Stuur uw bankafschriften",
        "title_en": "Send your bank statements",
        "reason": "Wij hebben uw inkomen nodig.",
        "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
    } | overrides


def test_post_creates_a_task_for_the_citizen_and_a_retry_gives_the_same(api, reference, openapi):
    path = f"/zaken/{reference}/taken"
    first = api.post(path, task_body(), key="taak-1")
    assert first.status_code == 201, first.content
    assert_matches(openapi, "/zaken/{reference}/taken", "post", first)
    retry = api.post(path, task_body(), key="taak-1")
    assert retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    task = Task.objects.get()
    assert (task.origin, task.citizen_bsn, task.state) == (TaskOrigin.API, BSN, TaskState.OPEN)
    assert str(task.public_id) == first.json()["id"]
    # The same key with another body is a conflict, not a second task.
    assert_problem(
        api.post(path, task_body(title="Iets anders"), key="taak-1"), 409, "idempotency_key_reused"
    )
    assert Task.objects.count() == 1


def test_the_task_survives_an_expired_idempotency_record(api, reference):
    from agency_api.models import IdempotencyRecord

    path = f"/zaken/{reference}/taken"
    first = api.post(path, task_body(), key="taak-2").json()
    IdempotencyRecord.objects.all().delete()  # pruned after 24 hours
    again = api.post(path, task_body(), key="taak-2")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Task.objects.count() == 1


def test_get_lists_the_tasks_of_the_case_and_is_logged(api, reference, openapi):
    api.post(f"/zaken/{reference}/taken", task_body(), key="taak-3")
    response = api.get(f"/zaken/{reference}/taken")
    assert response.status_code == 200
    assert_matches(openapi, "/zaken/{reference}/taken", "get", response)
    assert [t["title"] for t in response.json()] == ["Stuur uw bankafschriften"]
    assert response.json()[0]["state"] == "open"
    assert (
        AccessLogEntry.objects.for_subject(BSN)
        .filter(action=AccessAction.VIEWED, object_kind="tasks")
        .exists()
    )


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"due_on": "2020-01-01"}, "due_on", "date_in_past"),
        ({"bsn": OTHER_BSN}, "bsn", "not_involved"),
        ({"kind": "bake_cake"}, "kind", "enum"),
        ({"title": ""}, "title", "string_too_short"),
    ],
)
def test_invalid_tasks_are_problem_json_with_the_field(
    api, reference, openapi, overrides, field, code
):
    response = api.post(f"/zaken/{reference}/taken", task_body(**overrides), key=f"bad-{field}")
    body = assert_problem(
        response, 400, code if field != "kind" and field != "title" else "invalid"
    )
    assert_matches(openapi, "/zaken/{reference}/taken", "post", response)
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert not Task.objects.exists()


def test_dutch_and_english_messages(api, reference):
    path = f"/zaken/{reference}/taken"
    dutch = api.post(path, task_body(bsn=OTHER_BSN)).json()
    english = api.post(path, task_body(bsn=OTHER_BSN), headers={"Accept-Language": "en"}).json()
    assert dutch["detail"] == "Deze persoon is geen betrokkene bij deze zaak."
    assert english["detail"] == "This person has no role in this case."


def test_another_agencys_case_is_not_found(api, other_api, reference):
    assert_problem(other_api.post(f"/zaken/{reference}/taken", task_body()), 404, "not_found")
    assert_problem(other_api.get(f"/zaken/{reference}/taken"), 404, "not_found")
    assert not Task.objects.exists()
