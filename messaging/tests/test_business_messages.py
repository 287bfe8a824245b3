"""Messages for businesses (issue 19, decision 0049): an eHerkenning context
(a KvK number, optionally one branch) sees and sends its own messages and
tasks, never a person's, and a person never the business's. Through the real
views and services, with the broker's session claims as the OIDC login leaves
them (identity.acting.BROKER_SESSION_KEY)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, CaseEvent, Role
from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from identity.access_log import DATA_SUBJECT_ID_TYPE_KVK, AccessLogEntry, data_subject_id
from identity.acting import BROKER_SESSION_KEY, Subject
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.models import User
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from messaging import selectors, services
from messaging.consent_models import MessageType, PostalLetter
from messaging.kinds import EvidenceKind, MessageKind, TaskKind, TaskOrigin
from messaging.models import EvidenceEvent, Message, Task, Thread

from .factories import global_message_types, objection_and_complaint_channels

pytestmark = pytest.mark.django_db

COMPANY_X, COMPANY_Y = "68750110", "90001354"
BRANCH_A, BRANCH_B = "000038509504", "000012345678"
PERSON = "999993653"
PSEUDONYM = "eh-demo-medewerker-1"


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    global_message_types()
    with translation.override("nl"):
        yield


def business_client(client, kvk: str, branch: str = ""):
    """An eHerkenning login: a user without BSN and the broker's mandate."""
    user = User.objects.create(username=f"eh-{kvk}-{branch or 'all'}")
    log_in(client, user, level=LevelOfAssurance.SUBSTANTIEEL)
    session = client.session
    session[BROKER_SESSION_KEY] = {
        "broker": "test-broker",
        "level": "substantieel",
        "kvk": kvk,
        "branch": branch,
        "name": "Bakkerij De Vries B.V.",
        "actor_pseudonym": PSEUDONYM,
    }
    session.save()
    return client


def company_case(kvk: str = COMPANY_X, branch: str = BRANCH_A, **kwargs) -> Case:
    return CaseFactory(bsn="", kvk=kvk, branch=branch, **kwargs)


def to_business(case: Case, kvk: str, branch: str = "", key: str = "m-1") -> Message:
    return services.send_message_to_citizen(
        actor=Actor.system("zaaksysteem"),
        agency=case.agency,
        party=Subject(kvk=kvk, branch=branch),
        case=case,
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Verzoek om aanvulling",
        body="Stuur de tekening van het terras.",
        is_formal=False,
        idempotency_key=key,
    )


def business_task(case: Case, kvk: str, branch: str = "") -> Task:
    return services.create_task(
        actor=Actor.system("test"),
        agency=case.agency,
        case=case,
        party=Subject(kvk=kvk, branch=branch),
        kind=TaskKind.UPLOAD,
        title="Stuur de tekening van het terras",
        origin=TaskOrigin.CASEWORKER,
        due_on=timezone.localdate() + timedelta(days=10),
    )


def token(response) -> str:
    match = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', response.content.decode())
    assert match, "the form carries an idempotency token"
    return match.group(1)


def compose_url(case: Case, kind: str) -> str:
    return reverse(
        "messaging:compose",
        kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": kind},
    )


def test_a_row_names_a_person_or_a_business_never_both_nor_neither():
    case = company_case()
    base = {"agency": case.agency, "case": case, "subject": "Onderwerp"}
    for fields in (
        {"citizen_bsn": PERSON, "subject_kvk": COMPANY_X},
        {"citizen_bsn": "", "subject_kvk": ""},
        {"citizen_bsn": PERSON, "subject_branch": BRANCH_A},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Thread.objects.create(**base, **fields)


def test_the_business_sees_its_messages_and_tasks_and_a_person_does_not(client):
    case = company_case()
    message = to_business(case, COMPANY_X, BRANCH_A)
    task = business_task(case, COMPANY_X, BRANCH_A)
    assert (message.citizen_bsn, message.subject_kvk, message.subject_branch) == (
        "",
        COMPANY_X,
        BRANCH_A,
    )
    company = business_client(client, COMPANY_X, BRANCH_A)
    inbox = company.get(reverse("messaging:inbox")).content.decode()
    assert "Verzoek om aanvulling" in inbox
    assert (
        company.get(reverse("messaging:thread", args=[message.thread.public_id])).status_code == 200
    )
    assert (
        "Stuur de tekening van het terras"
        in company.get(reverse("messaging:tasks")).content.decode()
    )
    # The business's access log has the view; the opening is in the ledger.
    assert AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(COMPANY_X), data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK
    ).exists()
    # A person (even one with a role on the same case) sees none of it.
    Role.objects.create(case=case, bsn=PERSON, role_type="belanghebbende")
    own = Subject(bsn=PERSON)
    assert not selectors.messages_for_citizen(context=_context(own)).filter(pk=message.pk).exists()
    assert not selectors.tasks_for_citizen(context=_context(own)).filter(pk=task.pk).exists()


def _context(subject: Subject):
    from identity.acting import ActingContext

    return ActingContext(actor_bsn=PERSON, subject=subject)


def test_a_person_cannot_open_a_business_message_and_nothing_is_written(client):
    case = company_case()
    message = to_business(case, COMPANY_X)
    task = business_task(case, COMPANY_X)
    person = log_in(client, CitizenFactory(bsn=PERSON))
    before = _counts()
    for url in (
        reverse("messaging:thread", args=[message.thread.public_id]),
        f"{compose_url(case, 'aanvulling')}?taak={task.public_id}",
    ):
        assert person.get(url).status_code == 404
        assert person.post(url, {"body": "Hier.", "token": "t" * 32}).status_code == 404
    assert _counts() == before
    # Her own inbox (its view is logged in her own access log) lists none of it.
    assert "Verzoek om aanvulling" not in person.get(reverse("messaging:inbox")).content.decode()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (AccessLogEntry, Message, Thread, Task, EvidenceEvent, Case, CaseEvent)
    }


def test_company_x_gets_404_on_company_ys_message_task_and_sent_message(client):
    case_y = company_case(kvk=COMPANY_Y, branch="")
    message = to_business(case_y, COMPANY_Y)
    task = business_task(case_y, COMPANY_Y)
    owner_y = User.objects.create(username="eh-y")
    sent = services.send_message_to_agency(
        actor=Actor.acting(owner_y, _business_context(COMPANY_Y)),
        party=Subject(kvk=COMPANY_Y),
        agency=case_y.agency,
        case=case_y,
        kind=MessageKind.VRAAG,
        body="Wanneer beslist u?",
        idempotency_key="y" * 32,
        level=LevelOfAssurance.SUBSTANTIEEL,
    )
    company_x = business_client(client, COMPANY_X)
    before = _counts()
    urls = [
        reverse("messaging:thread", args=[message.thread.public_id]),
        reverse("messaging:sent_detail", args=[sent.public_id]),
        reverse("messaging:ledger_json", args=[sent.public_id]),
        f"{compose_url(case_y, 'aanvulling')}?taak={task.public_id}",
        compose_url(case_y, "klacht"),
    ]
    for url in urls:
        assert company_x.get(url).status_code == 404, url
        post = company_x.post(url, {"body": "Namens X.", "token": "t" * 32})
        assert post.status_code in (404, 405), url
    assert _counts() == before
    assert "Verzoek om aanvulling" not in company_x.get(reverse("messaging:inbox")).content.decode()


def _business_context(kvk: str, branch: str = ""):
    from identity.acting import ActingContext, Basis

    return ActingContext(
        actor_bsn="",
        actor_pseudonym=PSEUDONYM,
        subject=Subject(kvk=kvk, branch=branch),
        basis=Basis.EHERKENNING,
        basis_ref="test-broker",
    )


def test_a_mandate_for_one_branch_sees_that_branchs_messages_only(client):
    case_a = company_case(branch=BRANCH_A)
    case_b = company_case(branch=BRANCH_B)
    Role.objects.create(case=case_a, kvk=COMPANY_X, branch=BRANCH_B, role_type="belanghebbende")
    for_a = to_business(case_a, COMPANY_X, BRANCH_A, key="a")
    for_b = to_business(case_b, COMPANY_X, BRANCH_B, key="b")
    branch_a = selectors.messages_for_citizen(context=_business_context(COMPANY_X, BRANCH_A))
    assert list(branch_a) == [for_a]
    whole = selectors.messages_for_citizen(context=_business_context(COMPANY_X))
    assert set(whole) == {for_a, for_b}
    company = business_client(client, COMPANY_X, BRANCH_A)
    assert (
        company.get(reverse("messaging:thread", args=[for_b.thread.public_id])).status_code == 404
    )


def test_the_business_objects_to_the_decision_on_its_own_case(
    client, django_capture_on_commit_callbacks
):
    case = company_case(closed=True)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True, title="Besluit terrasvergunning")
    company = business_client(client, COMPANY_X, BRANCH_A)
    page = company.get(case.get_absolute_url()).content.decode()
    assert compose_url(case, "bezwaar") in page
    form = company.get(compose_url(case, "bezwaar"))
    assert form.status_code == 200
    data = {
        "idempotency_key": token(form),
        "decision": str(decision.public_id),
        "body": "De sluitingstijd van het terras is te vroeg.",
        "wants_hearing": "ja",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = company.post(compose_url(case, "bezwaar"), data)
    assert response.status_code == 302
    message = Message.objects.get(kind=MessageKind.BEZWAAR)
    assert (message.citizen_bsn, message.subject_kvk, message.subject_branch) == (
        "",
        COMPANY_X,
        BRANCH_A,
    )
    # The objection case is the company's, with its branch.
    opened_role = message.opened_case.roles.get()
    assert (opened_role.bsn, opened_role.kvk, opened_role.branch) == ("", COMPANY_X, BRANCH_A)
    # The ledger records the subject and who acted (the broker's pseudonym, no BSN).
    submitted = message.evidence.get(kind=EvidenceKind.SUBMITTED)
    assert submitted.detail["subject"] == {"kvk": COMPANY_X, "branch": BRANCH_A}
    assert submitted.detail["acting"]["pseudonym"] == PSEUDONYM
    assert submitted.detail["acting"]["basis"] == "eherkenning"
    assert submitted.actor_kind == "representative"
    # The company's access log names the actor; a person's log has nothing.
    created = AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(COMPANY_X),
        data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK,
        object_kind="message",
    ).get()
    assert created.organisation.endswith("(namens het bedrijf)")
    # The receipt says for whom and by whom.
    message.refresh_from_db()
    assert message.receipt is not None
    # The company sees what it sent, and its receipt page.
    assert company.get(response["Location"]).status_code == 200
    assert message in selectors.messages_for_citizen(context=_business_context(COMPANY_X))


def test_every_eligible_kind_works_for_the_business_on_its_case(client):
    case = company_case(in_progress=True)
    case.case_type.citizen_uploads = True
    case.case_type.save(update_fields=["citizen_uploads"])
    for status_type in case.case_type.status_types.all():
        status_type.allows_citizen_upload = True
        status_type.save(update_fields=["allows_citizen_upload"])
    objection_and_complaint_channels(case.agency)
    company = business_client(client, COMPANY_X, BRANCH_A)
    complaint = {"complaint_about": "De balie", "complaint_when": "Vorige week"}
    for kind, fields in (
        (MessageKind.KLACHT, {"body": "De medewerker was onvriendelijk.", **complaint}),
        (MessageKind.AANVULLING, {"body": "Hierbij de tekening."}),
    ):
        form = company.get(compose_url(case, kind))
        assert form.status_code == 200, kind
        response = company.post(compose_url(case, kind), {"idempotency_key": token(form), **fields})
        assert response.status_code == 302, (kind, response.content.decode()[:2000])
        message = Message.objects.get(kind=kind)
        assert message.subject_kvk == COMPANY_X and not message.citizen_bsn


def test_a_formal_message_to_a_business_goes_by_post_to_its_registered_address():
    from identity.business_registry.models import LocalBranch, LocalBusiness
    from messaging.letters import _business_lines, postal_letter_pdf

    business = LocalBusiness.objects.create(kvk=COMPANY_X, name="Bakkerij De Vries B.V.")
    LocalBranch.objects.create(
        business=business,
        number=BRANCH_A,
        name="Bakkerij De Vries",
        is_main=True,
        street="Dorpsstraat",
        house_number=40,
        postcode="2712AL",
        city="Zoetermeer",
    )
    case = company_case()
    message = services.send_message_to_citizen(
        actor=Actor.system("zaaksysteem"),
        agency=case.agency,
        party=Subject(kvk=COMPANY_X, branch=BRANCH_A),
        case=case,
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Voornemen tot intrekking",
        body="Wij zijn van plan de vergunning in te trekken.",
        is_formal=True,
        idempotency_key="formal-1",
    )
    letter = PostalLetter.objects.get(message=message)
    lines = _business_lines(message, None)
    assert lines[:2] == ["Bakkerij De Vries B.V.", "Dorpsstraat 40"]
    assert "Zoetermeer" in lines[2]
    assert postal_letter_pdf(letter, viewer=None)[:4] == b"%PDF"
    # No e-mail or SMS for a business (no addresses kept for it here).
    from notifications.models import Notification

    assert not Notification.objects.filter(message=message).exists()
