"""Citizens' messages through the agency API (issue 17): list with paging,
detail with the ledger, acknowledgement into the ledger with the API client
as actor, the formal_message_received webhook in the sending transaction.
Every response is validated against our own OpenAPI document."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from agency_api.models import WebhookEvent, WebhookSubscription
from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessAction, AccessLogEntry, ActorKind
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import ledger, services
from messaging.kinds import EvidenceKind, MessageKind
from messaging.models import EvidenceEvent
from messaging.tests.factories import objection_and_complaint_channels, upload

from .conftest import BSN

pytestmark = pytest.mark.django_db


def conforms(api, response, path: str, method: str = "get") -> dict:
    """The body matches the response schema our OpenAPI document publishes."""
    document = api.client.get("/api/v1/openapi.json").json()
    operation = document["paths"][f"/api/v1{path}"][method]
    content = operation["responses"][str(response.status_code)]["content"]
    schema = next(iter(content.values()))["schema"]
    Draft202012Validator({"components": document["components"], **schema}).validate(response.json())
    return response.json()


def _objection(citizen, agency, key="k1"):
    case = CaseFactory(case_type__agency=agency, closed=True, bsn=citizen.bsn)
    if not agency.channel_rules.exists():
        objection_and_complaint_channels(agency)
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=agency,
        case=case,
        kind=MessageKind.BEZWAAR,
        body="Ik ben het niet eens met dit besluit.",
        idempotency_key=key,
        level=LevelOfAssurance.MIDDEN,
        related_document=DocumentFactory(case=case, decision=True),
        details={"wants_hearing": False},
        uploads=[upload("grond.png")],
    )


def test_list_pages_own_messages_only(api, agency, other_agency, citizen):
    mine = [_objection(citizen, agency, key=f"k{n}") for n in range(3)]
    _objection(citizen, other_agency, key="other")
    response = api.get("/berichten?page_size=2")
    assert response.status_code == 200
    page = conforms(api, response, "/berichten")
    assert page["count"] == 3
    assert [row["id"] for row in page["results"]] == [str(m.public_id) for m in mine[::-1][:2]]
    assert page["next"].endswith("page=2&page_size=2") and page["previous"] is None
    second = conforms(api, api.get("/berichten?page=2&page_size=2"), "/berichten")
    assert [row["id"] for row in second["results"]] == [str(mine[0].public_id)]
    assert second["next"] is None
    assert "bsn" not in page["results"][0]


def test_bad_paging_is_problem_json(api):
    response = api.get("/berichten?page_size=1000")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_detail_has_text_attachments_and_ledger_and_is_audited(api, agency, citizen):
    message = _objection(citizen, agency)
    response = api.get(f"/berichten/{message.public_id}")
    body = conforms(api, response, "/berichten/{message_id}")
    assert body["body"] == "Ik ben het niet eens met dit besluit."
    assert body["bsn"] == BSN
    assert body["opened_zaak"] == message.opened_case.reference
    assert body["attachments"][0]["filename"] == "grond.png"
    assert body["ledger"]["chain_valid"] is True
    assert body["ledger"]["events"][0]["kind"] == EvidenceKind.SUBMITTED
    entry = AccessLogEntry.objects.for_subject(BSN).get(
        action=AccessAction.VIEWED, object_kind="message"
    )
    assert entry.actor_kind == ActorKind.API_CLIENT
    # Reading is not acknowledging: the agency's system says so explicitly.
    assert not ledger.has_event(message, EvidenceKind.DELIVERED_TO_AGENCY)


def test_other_agencys_message_is_not_found(other_api, agency, citizen):
    message = _objection(citizen, agency)
    for response in (
        other_api.get(f"/berichten/{message.public_id}"),
        other_api.post(f"/berichten/{message.public_id}/ontvangstbevestiging", {}),
        other_api.get("/berichten/not-a-uuid"),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert not ledger.has_event(message, EvidenceKind.DELIVERED_TO_AGENCY)


def test_acknowledgement_writes_the_ledger_once_with_the_client(api, agency, citizen):
    message = _objection(citizen, agency)
    path = f"/berichten/{message.public_id}/ontvangstbevestiging"
    response = api.post(path, {"state": "received"}, key="ack-1")
    body = conforms(api, response, "/berichten/{message_id}/ontvangstbevestiging", "post")
    assert body["received"] is True and body["taken_into_handling"] is False
    event = EvidenceEvent.objects.get(message=message, kind=EvidenceKind.DELIVERED_TO_AGENCY)
    assert event.actor_kind == ActorKind.API_CLIENT
    assert event.actor_organisation == agency.name
    # A retry replays; a second acknowledgement adds nothing.
    assert api.post(path, {"state": "received"}, key="ack-1").json() == response.json()
    api.post(path, {"state": "received"}, key="ack-2")
    assert message.evidence.filter(kind=EvidenceKind.DELIVERED_TO_AGENCY).count() == 1
    response = api.post(path, {"state": "taken_into_handling"}, key="ack-3")
    assert response.json()["taken_into_handling"] is True
    assert ledger.verify_chain(message)
    assert api.post(path, {"state": "handled"}).status_code == 400
    not_received = api.get("/berichten?not_received=true").json()
    assert not_received["count"] == 0


def test_webhook_row_is_written_in_the_sending_transaction(agency, citizen):
    WebhookSubscription.objects.create(
        agency=agency, url="https://zaaksysteem.example/hook", secret="s" * 32
    )
    message = _objection(citizen, agency)
    event = WebhookEvent.objects.get(event_type="formal_message_received")
    assert event.payload["kenmerken"]["bericht"] == str(message.public_id)
    assert event.payload["kenmerken"]["geopende_zaak"] == message.opened_case.reference
    assert BSN not in str(event.payload)
    assert "niet eens" not in str(event.payload)


def test_no_webhook_when_the_message_rolls_back(agency, citizen):
    """The outbox row is part of the message's transaction: a listener that
    fails after ours (connected later, so it runs later) leaves neither."""
    from messaging.models import Message
    from messaging.signals import message_sent

    WebhookSubscription.objects.create(
        agency=agency, url="https://zaaksysteem.example/hook", secret="s" * 32
    )

    def fails(sender, **kwargs):
        assert WebhookEvent.objects.exists()  # written, not yet committed
        raise RuntimeError("a later step failed")

    message_sent.connect(fails, dispatch_uid="test.fails")
    try:
        with pytest.raises(RuntimeError):
            _objection(citizen, agency)
    finally:
        message_sent.disconnect(dispatch_uid="test.fails")
    assert not WebhookEvent.objects.exists()
    assert not Message.objects.exists()
