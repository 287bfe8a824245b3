"""POST /uitgaande-berichten (issue 18): one service with the back office,
idempotent, problem+json, responses valid against our OpenAPI document."""

from datetime import timedelta

import jsonschema
import pytest
from django.utils import timezone

from cases import services as case_services
from cases.models import CaseSource
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from messaging.consent_models import PostalLetter
from messaging.kinds import EvidenceKind
from messaging.models import Message
from messaging.tests.factories import global_message_types

from .conftest import BSN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _message_types(db):
    global_message_types()


@pytest.fixture
def case(case_type):
    return case_services.open_case(
        case_type=case_type, bsn=BSN, actor=Actor.system("test"), source=CaseSource.API
    )


def body(the_case, **overrides):
    return {
        "bsn": BSN,
        "case": the_case.reference,
        "message_type": "verzoek_aanvulling",
        "subject": "Verzoek om aanvulling",
        "body": "Stuur uw loonstroken.",
        "is_formal": True,
        "expects_action_by": (timezone.localdate() + timedelta(days=14)).isoformat(),
    } | overrides


def validate(api, response, path, method, status):
    """Check a response body against the schema our OpenAPI document declares."""
    document = api.client.get("/api/v1/openapi.json").json()
    content = document["paths"][path][method]["responses"][str(status)]["content"]
    schema = next(iter(content.values()))["schema"]
    resolver_schema = {**schema, "components": document["components"]}
    jsonschema.validate(response.json(), resolver_schema)


def test_send_a_formal_message_without_consent_goes_by_post(api, case):
    decision = DocumentFactory(case=case, decision=True)
    response = api.post(
        "/uitgaande-berichten", body(case, documents=[str(decision.public_id)]), key="m-1"
    )
    assert response.status_code == 201, response.content
    validate(api, response, "/api/v1/uitgaande-berichten", "post", 201)
    data = response.json()
    assert data["by_post"] is True
    assert data["documents"] == [str(decision.public_id)]
    assert "bsn" not in data
    message = Message.objects.get(public_id=data["id"])
    assert message.sender_kind == "api_client"
    assert PostalLetter.objects.filter(message=message).exists()
    assert message.evidence.filter(kind=EvidenceKind.LETTER_QUEUED).exists()
    again = api.post(
        "/uitgaande-berichten", body(case, documents=[str(decision.public_id)]), key="m-1"
    )
    assert again.json()["id"] == data["id"]
    assert Message.objects.count() == 1
    read = api.get(f"/uitgaande-berichten/{data['id']}")
    assert read.status_code == 200
    validate(api, read, "/api/v1/uitgaande-berichten/{message_id}", "get", 200)
    assert read.json()["first_opened_at"] is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"message_type": "bestaat-niet"}, "message_type"),
        ({"case": "ONBEKEND-1"}, "case"),
        ({"subject": ""}, "subject"),
        ({"bsn": "123456789"}, "bsn"),
        ({"expects_action_by": "2000-01-01"}, "expects_action_by"),
    ],
)
def test_invalid_input_is_a_problem_with_the_field(api, case, overrides, field):
    response = api.post("/uitgaande-berichten", body(case, **overrides), key=f"bad-{field}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    validate(api, response, "/api/v1/uitgaande-berichten", "post", 400)
    assert field in {error["field"].split(".")[-1] for error in response.json()["errors"]}
    assert BSN not in response.content.decode()
    assert Message.objects.count() == 0


def test_another_agency_cannot_send_on_or_read_our_case(api, other_api, case):
    response = other_api.post("/uitgaande-berichten", body(case), key="x")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "case"
    sent = api.post("/uitgaande-berichten", body(case), key="y").json()
    assert other_api.get(f"/uitgaande-berichten/{sent['id']}").status_code == 404
