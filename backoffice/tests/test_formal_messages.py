"""Citizens' formal messages on the caseworker's case screen and dashboard
(issue 17, agency side): shown on both linked cases, opening records the
agency's receipt in the ledger, actions are POST-only and audited, and
another agency's caseworker gets a 404 everywhere."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessAction, AccessLogEntry
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import ledger, services
from messaging.kinds import EvidenceKind, MessageKind
from messaging.models import EvidenceEvent, Message
from messaging.tests.factories import objection_and_complaint_channels, upload

pytestmark = pytest.mark.django_db


def _send(citizen, case, kind, key="k1", **kwargs):
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=kind,
        body="Ik ben het niet eens met dit besluit.",
        idempotency_key=key,
        level=LevelOfAssurance.MIDDEN,
        **kwargs,
    )


@pytest.fixture
def objection(citizen):
    case = CaseFactory(closed=True, bsn=citizen.bsn)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True)
    return _send(
        citizen,
        case,
        MessageKind.BEZWAAR,
        related_document=decision,
        details={"wants_hearing": True},
        uploads=[upload("grond.png")],
    )


def _detail(client, case):
    return client.get(reverse("cases_backoffice:detail", args=[case.pk]))


def test_objection_shows_on_both_cases_and_opening_records_delivery(client, objection):
    caseworker = CaseworkerFactory(agency=objection.agency)
    client.force_login(caseworker)
    assert not ledger.has_event(objection, EvidenceKind.DELIVERED_TO_AGENCY)

    body = _detail(client, objection.opened_case).content.decode()
    assert 'data-testid="formal-messages-panel"' in body
    assert "Ik ben het niet eens met dit besluit." in body
    assert "grond.png" in body
    assert "Wilt u uw bezwaar mondeling toelichten" in body  # labelled details
    assert reverse("cases_backoffice:detail", args=[objection.case.pk]) in body
    delivered = EvidenceEvent.objects.get(message=objection, kind=EvidenceKind.DELIVERED_TO_AGENCY)
    assert delivered.actor_organisation == objection.agency.name
    assert delivered.actor_user_id == caseworker.pk
    assert "Ontvangen door de organisatie" in body  # the new event is on the screen

    # The original case links to the objection case; a second view adds no event.
    body = _detail(client, objection.case).content.decode()
    assert reverse("cases_backoffice:detail", args=[objection.opened_case.pk]) in body
    assert objection.evidence.filter(kind=EvidenceKind.DELIVERED_TO_AGENCY).count() == 1
    assert ledger.verify_chain(objection)


def test_take_into_handling_and_handled_are_post_only_and_audited(client, objection):
    client.force_login(CaseworkerFactory(agency=objection.agency))
    case = objection.opened_case
    take = reverse("cases_backoffice:message_take", args=[case.pk, objection.public_id])
    handled = reverse("cases_backoffice:message_handled", args=[case.pk, objection.public_id])
    assert client.get(take).status_code == 405

    assert client.post(take).status_code == 302
    kinds = list(objection.evidence.values_list("kind", flat=True))
    assert kinds[-2:] == [EvidenceKind.DELIVERED_TO_AGENCY, EvidenceKind.TAKEN_INTO_HANDLING]
    assert client.post(handled).status_code == 302
    objection.refresh_from_db()
    assert objection.handled_at is not None
    assert objection.evidence.last().kind == EvidenceKind.HANDLED
    changes = AccessLogEntry.objects.for_subject(objection.citizen_bsn).filter(
        action=AccessAction.CHANGED, object_kind="message"
    )
    assert changes.count() == 2


def test_csrf_is_required_for_the_actions(objection):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(CaseworkerFactory(agency=objection.agency))
    case = objection.opened_case
    take = reverse("cases_backoffice:message_take", args=[case.pk, objection.public_id])
    assert client.post(take).status_code == 403
    assert not ledger.has_event(objection, EvidenceKind.TAKEN_INTO_HANDLING)


def test_ledger_downloads_are_logged(client, objection):
    client.force_login(CaseworkerFactory(agency=objection.agency))
    case = objection.opened_case
    response = client.get(
        reverse("cases_backoffice:message_ledger_json", args=[case.pk, objection.public_id])
    )
    assert response.status_code == 200
    export = json.loads(response.content)
    assert export["message"] == str(objection.public_id)
    assert export["chain_valid"] is True
    response = client.get(
        reverse("cases_backoffice:message_ledger_pdf", args=[case.pk, objection.public_id])
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    downloads = AccessLogEntry.objects.for_subject(objection.citizen_bsn).filter(
        action=AccessAction.DOWNLOADED, object_kind="message_ledger"
    )
    assert downloads.count() == 2


def test_another_agency_gets_404_everywhere_and_records_nothing(client, objection):
    own_case = CaseFactory()
    client.force_login(CaseworkerFactory(agency=own_case.agency))
    events_before = objection.evidence.count()
    case = objection.opened_case
    assert _detail(client, case).status_code == 404
    for name in ("message_take", "message_handled"):
        assert (
            client.post(
                reverse(f"cases_backoffice:{name}", args=[case.pk, objection.public_id])
            ).status_code
            == 404
        )
        # Nor through a case of their own agency.
        url = reverse(f"cases_backoffice:{name}", args=[own_case.pk, objection.public_id])
        assert client.post(url).status_code == 404
    for name in ("message_ledger_pdf", "message_ledger_json"):
        assert (
            client.get(
                reverse(f"cases_backoffice:{name}", args=[case.pk, objection.public_id])
            ).status_code
            == 404
        )
        url = reverse(f"cases_backoffice:{name}", args=[own_case.pk, objection.public_id])
        assert client.get(url).status_code == 404
    assert objection.evidence.count() == events_before
    assert "formal-messages-panel" not in _detail(client, own_case).content.decode()


def test_dashboard_lists_new_objections_and_notices_of_default_by_deadline(
    client, citizen, objection
):
    agency = objection.agency
    notices = []
    for key in ("n1", "n2"):
        late_case = CaseFactory(case_type__agency=agency, overdue=True, bsn=citizen.bsn)
        notice = _send(citizen, late_case, MessageKind.INGEBREKESTELLING, key=key)
        notices.append(notice)
    # One deadline already passed: shown first and marked.
    Message.objects.filter(pk=notices[1].pk).update(
        expects_action_by=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(CaseworkerFactory(agency=agency))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 nieuw bezwaar" in body
    assert "2 ingebrekestellingen met termijn" in body
    first, second = notices[1].case.reference, notices[0].case.reference
    assert body.index(first) < body.index(second)
    assert body.count('data-testid="overdue"') == 1

    services.take_into_handling(message=objection, actor=Actor.system("test"))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "0 nieuwe bezwaren" in body
    # Another agency's caseworker sees none of them.
    client.force_login(CaseworkerFactory())
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "0 nieuwe bezwaren" in body and "0 ingebrekestellingen met termijn" in body
