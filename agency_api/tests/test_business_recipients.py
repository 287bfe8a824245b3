"""Outgoing messages and tasks for a business (issue 19, decision 0049): the
berichten and taken endpoints accept a non-natural person (`kvk`, optionally
`branch`) like the zaken endpoint does; bodies that name neither, both, or a
branch without a KvK number are problem+json with the field, and every
response matches the OpenAPI document the API publishes."""

from __future__ import annotations

from datetime import timedelta

import jsonschema
import pytest
from django.utils import timezone

from cases import services as case_services
from cases.models import CaseSource
from identity.access_log import AccessLogEntry
from identity.actors import Actor
from messaging.consent_models import PostalLetter
from messaging.models import Message, Task
from messaging.tests.factories import global_message_types

from .conftest import BSN
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db

KVK, OTHER_KVK = "68750110", "90001354"
BRANCH, OTHER_BRANCH = "000038509504", "000012345678"


@pytest.fixture(autouse=True)
def _message_types(db):
    global_message_types()


@pytest.fixture
def case(case_type):
    return case_services.open_case(
        case_type=case_type,
        kvk=KVK,
        branch=BRANCH,
        actor=Actor.system("test"),
        source=CaseSource.API,
    )


@pytest.fixture
def document(api):
    return api.client.get("/api/v1/openapi.json").json()


def validate(document, response, path, method, status):
    content = document["paths"][f"/api/v1{path}"][method]["responses"][str(status)]["content"]
    schema = next(iter(content.values()))["schema"]
    jsonschema.validate(response.json(), {**schema, "components": document["components"]})


def message_body(case, **overrides) -> dict:
    return {
        "kvk": KVK,
        "branch": BRANCH,
        "case": case.reference,
        "message_type": "verzoek_aanvulling",
        "subject": "Verzoek om aanvulling",
        "body": "Stuur de tekening van het terras.",
        "is_formal": False,
    } | overrides


def task_body(**overrides) -> dict:
    return {
        "kvk": KVK,
        "kind": "upload",
        "title": "Stuur de tekening van het terras",
        "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
    } | overrides


def test_the_openapi_document_names_the_business_recipient(document):
    schemas = document["components"]["schemas"]
    for name in ("MessageToCitizenIn", "TaskIn"):
        properties = schemas[name]["properties"]
        assert {"bsn", "kvk", "branch"} <= set(properties), name
        assert "bsn" not in schemas[name].get("required", []), name


def test_a_message_to_a_business_is_keyed_by_its_kvk_and_branch(api, case, document):
    response = api.post("/uitgaande-berichten", message_body(case), key="b-1")
    assert response.status_code == 201, response.content
    validate(document, response, "/uitgaande-berichten", "post", 201)
    message = Message.objects.get()
    assert (message.citizen_bsn, message.subject_kvk, message.subject_branch) == (
        "",
        KVK,
        BRANCH,
    )
    assert KVK not in response.content.decode()
    read = api.get(f"/uitgaande-berichten/{message.public_id}")
    assert read.status_code == 200
    validate(document, read, "/uitgaande-berichten/{message_id}", "get", 200)
    # The read is in the business's own access log.
    assert (
        AccessLogEntry.objects.for_subject(KVK)
        .filter(data_subject_id_type="KVK", object_kind="message", action="viewed")
        .exists()
    )


def test_a_formal_message_to_a_business_goes_by_post(api, case):
    response = api.post("/uitgaande-berichten", message_body(case, is_formal=True), key="b-2")
    assert response.status_code == 201, response.content
    assert response.json()["by_post"] is True
    assert PostalLetter.objects.filter(message__subject_kvk=KVK).exists()


def test_a_task_for_a_business_with_a_role_on_the_case(api, case, document):
    path = f"/zaken/{case.reference}/taken"
    response = api.post(path, task_body(), key="t-1")
    assert response.status_code == 201, response.content
    validate(document, response, "/zaken/{reference}/taken", "post", 201)
    task = Task.objects.get()
    assert (task.citizen_bsn, task.subject_kvk, task.subject_branch) == ("", KVK, "")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"kvk": OTHER_KVK}, "kvk", "not_involved"),
        # The role names branch A: a task for branch B is not for anyone on the case.
        ({"branch": OTHER_BRANCH}, "kvk", "not_involved"),
        ({"kvk": None, "branch": BRANCH}, "branch", "branch_without_kvk"),
        ({"kvk": None}, "bsn", "recipient_required"),
        ({"bsn": BSN}, "bsn", "ambiguous_recipient"),
        ({"kvk": "1234567a"}, "kvk", "value_error"),
    ],
)
def test_invalid_business_tasks_are_problems_and_write_nothing(
    api, case, document, overrides, field, code
):
    path = f"/zaken/{case.reference}/taken"
    response = api.post(path, task_body(**overrides), key=f"bad-{field}-{code}")
    body = assert_problem(response, 400, "invalid" if code == "value_error" else code)
    validate(document, response, "/zaken/{reference}/taken", "post", 400)
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"bsn": BSN}, "bsn", "ambiguous_recipient"),
        ({"kvk": None, "branch": None}, "bsn", "recipient_required"),
        ({"kvk": OTHER_KVK, "branch": None}, "case", "case_not_found"),
    ],
)
def test_invalid_business_messages_are_problems_and_write_nothing(
    api, case, overrides, field, code
):
    response = api.post(
        "/uitgaande-berichten", message_body(case, **overrides), key=f"bad-{field}-{code}"
    )
    body = assert_problem(response, 400, code)
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert not Message.objects.exists()


def test_another_agency_cannot_message_the_business_on_this_case(other_api, case):
    response = other_api.post("/uitgaande-berichten", message_body(case), key="x-1")
    assert response.status_code == 400
    assert not Message.objects.exists()
