"""seed_demo on a database the product itself produced (issue 15.1).

`make run` runs seed_demo on every start. After a citizen's address correction
was approved the old current address had ended, and seed_demo made it current
again: IntegrityError on the one-current-address constraint, and `make run`
would not start. Here the whole demo journey runs through the services, then
seed_demo again: no error, no duplicates, and what the citizen and the staff
did is kept.
"""

import io
from datetime import date

import pytest
from django.core.management import call_command

from cases import services as case_services
from cases.models import Agency, Case, CaseType, StatusType
from corrections.services import request_correction
from documents import services as document_services
from documents.models import DecisionTemplate, Document
from documents.tests import samples
from identity.actors import Actor
from identity.models import User
from identity.registry.models import LocalAddress, LocalPerson
from pages.models import ProductPage
from product_requests.services import create_case_from_request

pytestmark = pytest.mark.django_db

BSN = "999993653"


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _approve(case, actor, final: str) -> None:
    statuses = {s.name: s for s in case.case_type.status_types.all()}
    case_services.set_status(case=case, status_type=statuses["in_behandeling"], actor=actor)
    case_services.set_status(
        case=case, status_type=statuses[final], actor=actor, result_text="Gecorrigeerd."
    )


def _counts() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(),
        "case types": CaseType.objects.count(),
        "status types": StatusType.objects.count(),
        "cases": Case.objects.count(),
        "persons": LocalPerson.objects.count(),
        "addresses": LocalAddress.objects.count(),
        "users": User.objects.count(),
        "decision templates": DecisionTemplate.objects.count(),
        "documents": Document.objects.count(),
        "products": ProductPage.objects.count(),
    }


def test_seed_demo_runs_again_after_the_whole_demo_journey(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""
    _seed()
    citizen = User.objects.get(bsn=BSN)
    caseworker = Actor.caseworker(
        User.objects.get(username="medewerker-zoetermeer"),
        agency=Agency.objects.get(slug="zoetermeer"),
    )

    # The citizen corrects their address and their name; the caseworker approves both.
    moved = request_correction(
        user=citizen,
        field="address",
        value={
            "street": "Stationsplein",
            "house_number": "3",
            "house_letter": "",
            "house_number_addition": "",
            "postcode": "2711AB",
            "city": "Zoetermeer",
        },
        explanation="Ik woon sinds maart op het Stationsplein.",
        idempotency_key="journey-address",
    )
    _approve(moved.case, caseworker, "gecorrigeerd")
    renamed = request_correction(
        user=citizen,
        field="name",
        value={"first_names": "Suzanne Maria", "prefix": "", "surname": "Moulin"},
        explanation="Mijn tweede voornaam is Maria.",
        idempotency_key="journey-name",
    )
    _approve(renamed.case, caseworker, "gecorrigeerd")

    # The caseworker publishes a status on the fresh demo case and decides it.
    fresh = Case.objects.get(external_id="demo-backoffice-1")
    statuses = {s.name: s for s in fresh.case_type.status_types.all()}
    case_services.set_status(case=fresh, status_type=statuses["in_behandeling"], actor=caseworker)
    case_services.set_status(case=fresh, status_type=statuses["aanvulling_nodig"], actor=caseworker)
    # The citizen uploads what was asked.
    document_services.upload_document(
        case=fresh,
        chunks=[samples.pdf()],
        filename="tekening.pdf",
        title="Tekening",
        actor=Actor.citizen(citizen),
    )
    template = DecisionTemplate.objects.filter(case_type=fresh.case_type).first()
    document_services.create_decision(
        case=fresh,
        template=template,
        decision_text="Wij verlenen de vergunning.",
        outcome="Vergunning verleend",
        actor=caseworker,
    )
    # An editor duplicates the demo decision template (same name).
    DecisionTemplate.objects.create(
        case_type=template.case_type,
        name=template.name,
        letterhead=template.letterhead,
        body=template.body,
        signature=template.signature,
    )

    # The citizen requests a product online.
    product = ProductPage.objects.exclude(case_type=None).first()
    create_case_from_request(
        user=citizen, product=product, answers=[], applicant={}, idempotency_key="journey-request"
    )

    before = _counts()
    _seed()  # the next `make run`

    assert _counts() == before
    person = LocalPerson.objects.get(bsn=BSN)
    assert person.first_names == "Suzanne Maria"
    current = person.addresses.get(valid_to__isnull=True)
    assert (current.street, current.house_number) == ("Stationsplein", 3)
    previous = person.addresses.get(street="Dorpsstraat")
    assert previous.valid_to is not None and previous.valid_to < date.today()
