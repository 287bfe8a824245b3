"""The evidence ledger cannot be changed, and a change in the database shows."""

import pytest
from django.db import connection

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import ledger, services
from messaging.kinds import EvidenceKind, MessageKind
from messaging.models import EvidenceEvent
from portal.append_only import AppendOnlyError

from .factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    message = services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.KLACHT,
        body="De baliemedewerker was onvriendelijk.",
        idempotency_key="k",
        level=LevelOfAssurance.MIDDEN,
    )
    services.record_agency_opened(message=message, actor=Actor.system("webhook"))
    return message


def test_events_cannot_be_changed_or_deleted_through_the_orm(message):
    event = message.evidence.first()
    event.detail = {"forged": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        EvidenceEvent.objects.filter(message=message).update(detail={})
    with pytest.raises(AppendOnlyError):
        EvidenceEvent.objects.filter(message=message).delete()


def test_a_rewrite_in_the_database_breaks_the_chain(message):
    assert ledger.verify_chain(message)
    first = message.evidence.first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {EvidenceEvent._meta.db_table} SET kind = %s WHERE id = %s",  # noqa: S608
            [EvidenceKind.HANDLED.value, first.pk],
        )
    assert not ledger.verify_chain(message)
    assert ledger.ledger_export(message)["chain_valid"] is False


def test_each_event_chains_to_the_previous_one(message):
    first, second = message.evidence.order_by("sequence")
    assert first.previous_hash == ledger.GENESIS
    assert second.previous_hash == first.hash
    export = ledger.ledger_export(message)
    assert [e["kind"] for e in export["events"]] == ["submitted", "delivered_to_agency"]
    assert "999993653" not in str(export)
