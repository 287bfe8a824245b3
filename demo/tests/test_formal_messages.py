"""The demo's formal-messages chapter: every demo agency opens bezwaar and
klacht cases of its own, Rijnland names an alternative for one kind, and
999993653 can object to the decision on demo case 3 (issue 17, "Done when")."""

import io

import pytest
from django.core.management import call_command

from cases.models import Case
from documents.models import DocumentKind
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.models import User
from messaging import services
from messaging.channels import channel_rule
from messaging.eligibility import objection_term
from messaging.kinds import MessageKind
from messaging.models import ChannelRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent


def test_every_demo_agency_opens_its_own_objection_and_complaint_cases(seeded):
    rules = ChannelRule.objects.filter(kind__in=[MessageKind.BEZWAAR, MessageKind.KLACHT])
    assert rules.count() == 8
    for rule in rules.select_related("case_type"):
        assert rule.accepted_digitally
        assert rule.case_type.agency_id == rule.agency_id
        assert rule.case_type.code == rule.kind
    bezwaar = ChannelRule.objects.get(agency__slug="zoetermeer", kind=MessageKind.BEZWAAR)
    names = list(bezwaar.case_type.status_types.order_by("order").values_list("name", flat=True))
    assert names == ["ontvangen", "in_behandeling", "hoorzitting_gepland", "besluit_op_bezwaar"]
    assert bezwaar.case_type.status_types.get(is_final=True).name == "besluit_op_bezwaar"


def test_rijnland_takes_no_notice_of_default_digitally_and_says_where_to(seeded):
    rule = ChannelRule.objects.get(agency__slug="rijnland", kind=MessageKind.INGEBREKESTELLING)
    assert not rule.accepted_digitally
    assert "Postbus 156" in rule.alternative and "Postbus 156" in rule.alternative_en


def test_suzanne_can_object_to_the_demo_decision(seeded):
    suzanne = User.objects.get(bsn="999993653")
    case = Case.objects.get(agency__slug="zoetermeer", external_id="demo-3")
    decision = case.documents.get(kind=DocumentKind.DECISION)
    assert not objection_term(decision).is_late
    message = services.send_message_to_agency(
        actor=Actor.citizen(suzanne),
        citizen_bsn=suzanne.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.BEZWAAR,
        body="Ik ben het niet eens met de voorwaarden.",
        idempotency_key="demo-test",
        level=LevelOfAssurance.MIDDEN,
        related_document=decision,
    )
    assert message.opened_case.case_type == channel_rule(case.agency, "bezwaar").case_type
    assert message.opened_case.current_status.status_type.name == "ontvangen"
