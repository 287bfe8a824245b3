"""A decision on a business's case is addressed to the company as the business
registry knows it (name and branch address), with a logged lookup in the
business's own access log; a business role gets no personal notification."""

import pytest

from cases.tests.factories import CaseFactory
from documents import services
from identity.access_log import AccessAction, AccessLogEntry, Purpose
from identity.actors import Actor
from identity.tests.business_factories import KVK, MAIN_BRANCH, make_demo_business
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_business_decision_is_addressed_to_the_company_from_the_registry():
    make_demo_business()
    case = CaseFactory(bsn="", kvk=KVK, branch=MAIN_BRANCH)

    recipient = services.decision_recipient(case=case, viewer=None)

    assert recipient.name == "Bakkerij De Vries B.V."
    assert recipient.salutation == "Geachte heer/mevrouw"
    assert recipient.address == "Dorpsstraat 40\n2712AL Zoetermeer"
    entry = AccessLogEntry.objects.for_subject(KVK).get(action=AccessAction.LOOKED_UP)
    assert (entry.purpose, entry.organisation) == (Purpose.DECISION, case.agency.name)


def test_unknown_business_or_rsin_only_gets_a_neutral_address():
    case = CaseFactory(bsn="", rsin="857587973")
    recipient = services.decision_recipient(case=case, viewer=None)
    assert (recipient.name, recipient.address) == ("", "")


def test_a_business_role_gets_no_personal_notification(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        CaseFactory(bsn="", kvk=KVK, in_progress=True)
    assert not Notification.objects.exists()


def test_decision_on_a_business_case_renders(django_capture_on_commit_callbacks):
    from documents.tests.factories import DecisionTemplateFactory

    make_demo_business()
    case = CaseFactory(bsn="", kvk=KVK, branch=MAIN_BRANCH)
    template = DecisionTemplateFactory(case_type=case.case_type)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.create_decision(
            case=case,
            template=template,
            decision_text="Wij verlenen u de vergunning.",
            outcome="Vergunning verleend",
            actor=Actor.system("test"),
        )
    request.refresh_from_db()
    assert request.recipient_name == "Bakkerij De Vries B.V."
