"""The IDOR matrix across representation (issue 19, "Tests"; decision 0041).

Suzanne Moulin (999993653) is logged in and acts in a context she should not
have, or one that does not cover the object: every citizen URL that takes an
object answers 404 and nothing is written. The contexts come from a test
provider registered with `identity.acting.register_provider` (as the registry's
parents provider and the representation app register theirs) or from the OIDC
broker's session claims (identity.acting.BROKER_SESSION_KEY).

The rows: a parent of a child who turned 18, a parent without authority (the
registry offers no context), a guardian after the representation's end date, a
DigiD Machtigen mandate for one service used on another's case, a
representative scoped to one agency on another agency's case, an eHerkenning
bookkeeper for company X on company Y's case, and a representative trying the
represented person's own Mijn gegevens corrections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, CaseEvent, Role, RoleType
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from corrections.models import CorrectionRequest
from documents.models import Document
from documents.tests.factories import DocumentFactory
from identity import acting
from identity.access_log import AccessLogEntry
from identity.acting import (
    BROKER_SESSION_KEY,
    CHOICE_SESSION_KEY,
    ActingContext,
    Basis,
    Subject,
    register_provider,
)
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from messaging import services as messaging_services
from messaging.consent_models import MessageType
from messaging.kinds import MessageKind
from messaging.models import Message, Task, Thread
from messaging.tests.factories import global_message_types, objection_and_complaint_channels
from messaging.tests.task_helpers import make_task
from pages.models import CallbackRequest
from representation.models import MandateService

pytestmark = pytest.mark.django_db

SUZANNE = "999993653"
NOAH = "999998456"  # her son, born 2016 (a minor in the demo registry)
FATIMA = "999991772"
COMPANY_X, COMPANY_Y = "68750110", "90001354"

YESTERDAY = timezone.localdate() - timedelta(days=1)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def offered():
    """The contexts the test provider offers the logged-in user (a list the test fills)."""
    contexts: list[ActingContext] = []

    def provider(request):
        yield from contexts

    register_provider(provider)
    yield contexts
    acting._providers.remove(provider)


@dataclass
class Victim:
    """Everything a subject has that a URL can name."""

    case: Case
    document: Document
    thread_message: Message
    task: Task
    sent: Message


def _victim(bsn: str, *, kvk: str = "", agency_slug: str = "agency-b", code: str = "type-b"):
    global_message_types()
    agency = AgencyFactory(slug=agency_slug)
    objection_and_complaint_channels(agency)
    case_type = CaseTypeFactory(agency=agency, code=code)
    case = CaseFactory(bsn=bsn, case_type=case_type)
    if kvk:
        Role.objects.create(case=case, kvk=kvk, role_type=RoleType.BELANGHEBBENDE)
    owner = CitizenFactory(bsn=bsn)
    thread_message = messaging_services.send_message_to_citizen(
        actor=Actor.system("zaaksysteem"),
        agency=agency,
        citizen_bsn=bsn,
        case=case,
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Verzoek om aanvulling",
        body="Stuur uw loonstroken.",
        is_formal=True,
        expects_action_by=timezone.localdate() + timedelta(days=7),
        idempotency_key="victim-1",
    )
    sent = messaging_services.send_message_to_agency(
        actor=Actor.citizen(owner),
        citizen_bsn=bsn,
        agency=agency,
        case=case,
        kind=MessageKind.VRAAG,
        subject="Een vraag",
        body="Wanneer beslist u?",
        idempotency_key="v" * 32,
        level=LevelOfAssurance.MIDDEN,
    )
    return Victim(
        case=case,
        document=DocumentFactory(case=case, title="Beschikking"),
        thread_message=thread_message,
        task=make_task(case, bsn=bsn),
        sent=sent,
    )


def _urls(victim: Victim) -> dict[str, str]:
    case = victim.case
    reference = {"agency": case.agency.slug, "reference": case.reference}
    compose = reverse("messaging:compose", kwargs={**reference, "kind": MessageKind.KLACHT})
    supplement = reverse("messaging:compose", kwargs={**reference, "kind": MessageKind.AANVULLING})
    return {
        "case page": case.get_absolute_url(),
        "document download": reverse("documents:download", args=[victim.document.public_id]),
        "message thread": reverse(
            "messaging:thread", args=[victim.thread_message.thread.public_id]
        ),
        "task": f"{supplement}?taak={victim.task.public_id}",
        "formal compose": compose,
        "sent message": reverse("messaging:sent_detail", args=[victim.sent.public_id]),
        "ledger": reverse("messaging:ledger_json", args=[victim.sent.public_id]),
        "question": reverse("messaging:ask", kwargs=reference),
        "callback": reverse("pages:case_help", kwargs=reference),
        "upload": reverse("documents:upload", kwargs=reference),
    }


def _parent(subject_bsn: str, *, until=None) -> ActingContext:
    return ActingContext(
        actor_bsn=SUZANNE,
        subject=Subject(bsn=subject_bsn, name="Noah de Vries"),
        basis=Basis.PARENT,
        actor_name="Suzanne Moulin",
        basis_ref=f"parent:{subject_bsn}",
        valid_until=until,
    )


def _guardian(subject_bsn: str, *, until=None, agencies=frozenset()) -> ActingContext:
    return ActingContext(
        actor_bsn=SUZANNE,
        subject=Subject(bsn=subject_bsn, name="Fatima El Amrani"),
        basis=Basis.REPRESENTATIVE,
        actor_name="Suzanne Moulin",
        basis_ref="representation:1",
        agencies=agencies,
        valid_until=until,
    )


def _choose(client, context: ActingContext) -> None:
    session = client.session
    session[CHOICE_SESSION_KEY] = context.key
    session.save()


def _broker(client, claims: dict) -> None:
    session = client.session
    session[BROKER_SESSION_KEY] = {"broker": "test-broker", "level": "midden", **claims}
    session.save()


# Each row: how the context is set up, and whose objects the URLs name.
def parent_of_an_adult_child(client, offered):
    # The child turned 18 yesterday: the registry's context ended then.
    context = _parent(NOAH, until=YESTERDAY)
    offered.append(context)
    _choose(client, context)
    return _victim(NOAH)


def parent_without_authority(client, offered):
    # The registry offers no context for a child without gezag; the session
    # still names the choice made before (or forged).
    _choose(client, _parent(NOAH))
    return _victim(NOAH)


def guardian_after_the_end_date(client, offered):
    context = _guardian(FATIMA, until=YESTERDAY)
    offered.append(context)
    _choose(client, context)
    return _victim(FATIMA)


def mandate_for_service_a_on_service_b(client, offered):
    # Service A is in the register of mandate services (decision 0050) and
    # opens case type A at the same agency; the victim's case is of type B.
    victim = _victim(FATIMA, code="type-b")
    agency = victim.case.agency
    service_a = MandateService.objects.create(
        agency=agency, service_id="dienst-a", name="Dienst A", minimum_level=LevelOfAssurance.MIDDEN
    )
    service_a.case_types.add(CaseTypeFactory(agency=agency, code="type-a"))
    _broker(client, {"representee_bsn": FATIMA, "services": ["dienst-a"]})
    return victim


def representative_for_agency_a_on_agency_b(client, offered):
    context = _guardian(FATIMA, agencies=frozenset({"agency-a"}))
    offered.append(context)
    _choose(client, context)
    return _victim(FATIMA, agency_slug="agency-b")


def bookkeeper_for_company_x_on_company_y(client, offered):
    _broker(client, {"kvk": COMPANY_X, "name": "Bakkerij De Vries B.V."})
    return _victim(FATIMA, kvk=COMPANY_Y)


ROWS = [
    parent_of_an_adult_child,
    parent_without_authority,
    guardian_after_the_end_date,
    mandate_for_service_a_on_service_b,
    representative_for_agency_a_on_agency_b,
    bookkeeper_for_company_x_on_company_y,
]
URL_NAMES = [
    "case page",
    "document download",
    "message thread",
    "task",
    "formal compose",
    "sent message",
    "ledger",
    "question",
    "callback",
    "upload",
]
COUNTED = (AccessLogEntry, Message, Thread, Task, Case, CaseEvent, Document, CallbackRequest)


def _counts() -> dict[str, int]:
    """Rows per table. Not counted: the access-log entries of the registry
    lookups that list whom the logged-in person may act for (identity/parents.py):
    those are about the actor's own record, written once per session window in
    another's context, and say nothing about the object asked for."""
    from identity.access_log import Purpose

    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts["AccessLogEntry"] = AccessLogEntry.objects.exclude(
        purpose=Purpose.ACTING_CONTEXTS
    ).count()
    return counts


@pytest.fixture
def suzanne(client):
    user = CitizenFactory(bsn=SUZANNE, first_name="Suzanne", last_name="Moulin")
    return log_in(client, user)


@pytest.mark.parametrize("row", ROWS, ids=[row.__name__ for row in ROWS])
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_every_object_url_is_404_and_writes_nothing(suzanne, offered, row, url_name):
    victim = row(suzanne, offered)
    url = _urls(victim)[url_name]
    before = _counts()
    assert suzanne.get(url).status_code == 404
    post = suzanne.post(
        url,
        {"body": "Namens u.", "subject": "Vraag", "phone": "0612345678", "token": "t" * 32},
    )
    assert post.status_code in (404, 405)
    assert _counts() == before


@pytest.mark.parametrize(
    "context",
    [_guardian(FATIMA), _parent(NOAH)],
    ids=["representative", "parent"],
)
def test_a_representative_cannot_use_the_represented_persons_corrections(suzanne, offered, context):
    offered.append(context)
    _choose(suzanne, context)
    url = reverse("corrections:correction_request")
    before = (_counts(), CorrectionRequest.objects.count())
    assert suzanne.get(url).status_code == 404
    assert suzanne.get(f"{url}?gegeven=name").status_code == 404
    response = suzanne.post(f"{url}?gegeven=name", {"token": "t" * 32, "explanation": "Fout"})
    assert response.status_code == 404
    assert (_counts(), CorrectionRequest.objects.count()) == before


@pytest.mark.parametrize(
    "url_name", ["identity:contact_details", "mobile:number", "mobile:confirm", "messaging:consent"]
)
def test_the_actors_own_account_pages_do_not_exist_in_anothers_context(suzanne, offered, url_name):
    context = _parent(NOAH)
    offered.append(context)
    _choose(suzanne, context)
    assert suzanne.get(reverse(url_name)).status_code == 404


def test_the_same_urls_open_in_a_valid_parents_context(suzanne, offered):
    """The control for the matrix: the 404s above are the context's doing."""
    context = _parent(NOAH)
    offered.append(context)
    _choose(suzanne, context)
    victim = _victim(NOAH)
    urls = _urls(victim)
    for name in ("case page", "document download", "message thread", "sent message", "task"):
        assert suzanne.get(urls[name]).status_code == 200, name


def test_in_the_childs_context_the_overview_shows_the_childs_cases_not_the_parents(
    suzanne, offered
):
    own = CaseFactory(bsn=SUZANNE, title="Parkeervergunning van Suzanne")
    childs = CaseFactory(bsn=NOAH, title="Paspoort van Noah")
    assert own.pk != childs.pk
    overview = reverse("cases:overview")
    page = suzanne.get(overview).content.decode()
    assert "Parkeervergunning van Suzanne" in page and "Paspoort van Noah" not in page
    context = _parent(NOAH)
    offered.append(context)
    _choose(suzanne, context)
    page = suzanne.get(overview).content.decode()
    assert "Paspoort van Noah" in page and "Parkeervergunning van Suzanne" not in page


def test_the_childs_access_log_names_the_parent_when_she_opens_his_case(suzanne, offered):
    context = _parent(NOAH)
    offered.append(context)
    _choose(suzanne, context)
    case = CaseFactory(bsn=NOAH, title="Paspoort van Noah")
    assert suzanne.get(case.get_absolute_url()).status_code == 200
    entry = AccessLogEntry.objects.for_subject(NOAH).filter(object_kind="case").latest("id")
    assert entry.organisation == "Suzanne Moulin (ouder met gezag)"
    assert entry.actor_reference.startswith("parent:")
    assert not AccessLogEntry.objects.for_subject(SUZANNE).filter(object_kind="case").exists()


def test_a_request_for_the_child_ends_with_the_childs_role_and_access_log_naming_the_parent(
    suzanne, offered, home_page
):
    from identity.tests.factories import LocalPersonFactory
    from pages.tests.factories import requestable_product

    LocalPersonFactory(bsn=NOAH, first_names="Noah", prefix="de", surname="Vries")
    product = requestable_product(title="Paspoort aanvragen")
    context = _parent(NOAH)
    offered.append(context)
    _choose(suzanne, context)
    url = reverse("product_requests:request", kwargs={"slug": product.slug})
    assert "Noah de Vries" in suzanne.get(url).content.decode()
    date_field, text_field = product.request_form_fields.order_by("sort_order")[:2]
    response = suzanne.post(
        url,
        {
            f"vraag_{date_field.pk}": "2026-12-01",
            f"vraag_{text_field.pk}": "Voor de vakantie.",
            "aanvraag_token": "0123456789abcdef0123456789abcdef",
            "stap": "versturen",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(case_type=product.case_type)
    role = case.roles.get()
    assert (role.bsn, role.role_type) == (NOAH, RoleType.INITIATOR)
    assert role.authentication_context["source"] == "digid"
    assert role.authentication_context["representee"] == {
        "identifierType": "bsn",
        "identifier": NOAH,
    }
    assert role.authentication_context["mandate"] == {"role": "parent"}
    assert SUZANNE not in str(role.authentication_context)
    created = AccessLogEntry.objects.for_subject(NOAH).filter(object_kind="case").first()
    assert created is not None
    assert created.organisation == "Suzanne Moulin (ouder met gezag)"
    # The parent's own log has no entry for the child's case.
    assert not AccessLogEntry.objects.for_subject(SUZANNE).filter(object_kind="case").exists()
    # The confirmation is the child's request, shown in his context.
    assert suzanne.get(response.url).status_code == 200
