"""Correction requests: filing (service and form), and the caseworker's decision
updating the local registry through cases.services.set_status."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, CaseSource, RoleType
from corrections.case_type import CASE_TYPE_CODE
from corrections.models import CorrectionOutcome, CorrectionRequest
from corrections.services import request_correction
from identity.access_log import AccessAction, AccessLogEntry, ActorKind, Purpose
from identity.actors import Actor
from identity.registry.models import LocalPerson
from identity.tests.factories import (
    CorrectionRequestFactory,
    LocalPersonFactory,
    StaffUserFactory,
    correction_case_type_at,
)

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {
    "street": "Stationsplein",
    "house_number": "3",
    "house_letter": "a",
    "house_number_addition": "",
    "postcode": "2711ab",
    "city": "Zoetermeer",
}


@pytest.fixture
def case_type(db):
    return correction_case_type_at()


@pytest.fixture
def person(citizen):
    return LocalPersonFactory(bsn=citizen.bsn)


@pytest.fixture
def caseworker(case_type):
    return Actor.caseworker(StaffUserFactory(), agency=case_type.agency)


def decide(correction, status_name, actor, result="Besluit genomen."):
    case = correction.case
    statuses = {s.name: s for s in case.case_type.status_types.all()}
    case_services.set_status(case=case, status_type=statuses["in_behandeling"], actor=actor)
    return case_services.set_status(
        case=case, status_type=statuses[status_name], actor=actor, result_text=result
    )


def registry_changes(bsn):
    return AccessLogEntry.objects.for_subject(bsn).filter(object_kind="person", action="changed")


# Filing --------------------------------------------------------------------


def test_request_opens_a_correction_case_with_the_citizen_as_initiator(citizen, person, case_type):
    correction = request_correction(
        user=citizen,
        field="address",
        value=NEW_ADDRESS,
        explanation="Ik woon sinds maart op het Stationsplein.",
        idempotency_key="key-1",
    )
    case = correction.case
    assert case.case_type == case_type
    assert case.case_type.code == CASE_TYPE_CODE
    assert case.agency.name == "Gemeente Zoetermeer"
    assert case.source == CaseSource.REQUEST
    assert case.title == "Correctie persoonsgegevens: adres"
    assert case.current_status.status_type.name == "ontvangen"
    assert list(case.roles.values_list("bsn", "role_type")) == [(citizen.bsn, RoleType.INITIATOR)]
    # Structured and normalised, with a snapshot of what the registry said.
    assert correction.requested_value == {
        "street": "Stationsplein",
        "house_number": 3,
        "house_letter": "A",
        "house_number_addition": "",
        "postcode": "2711 AB",
        "city": "Zoetermeer",
    }
    assert correction.old_display == "Dorpsstraat 12, 2712 AB Zoetermeer"
    assert correction.outcome == CorrectionOutcome.PENDING
    # The registry lookup for the snapshot is logged with its purpose.
    lookup = AccessLogEntry.objects.for_subject(citizen.bsn).get(action=AccessAction.LOOKED_UP)
    assert lookup.purpose == Purpose.CORRECTION


def test_a_double_submit_files_one_request(citizen, person, case_type):
    kwargs = {
        "user": citizen,
        "field": "nationality",
        "value": "Belgische",
        "explanation": "Ik ben Belg.",
        "idempotency_key": "same-form",
    }
    first = request_correction(**kwargs)
    second = request_correction(**kwargs)
    assert second.pk == first.pk
    assert Case.objects.count() == 1
    assert CorrectionRequest.objects.count() == 1
    # Another form (another key) is another request.
    request_correction(**{**kwargs, "idempotency_key": "other-form"})
    assert CorrectionRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "explanation", "errors"),
    [
        ("nationality", "Belgische", "  ", {"explanation"}),
        ("nationality", "Belgische", "x" * 1001, {"explanation"}),
        ("nationality", "", "Uitleg", {"nationality"}),
        (
            "address",
            {**NEW_ADDRESS, "street": "", "postcode": "12345"},
            "U",
            {"street", "postcode"},
        ),
        ("address", {**NEW_ADDRESS, "house_number": "twaalf"}, "Uitleg", {"house_number"}),
        ("date_of_birth", "tomorrow", "Uitleg", {"date_of_birth"}),
        ("name", {"first_names": "Suzanne", "surname": ""}, "", {"surname", "explanation"}),
        ("bsn", "999990019", "Uitleg", {"field"}),
    ],
)
def test_invalid_requests_write_nothing(
    citizen, person, case_type, field, value, explanation, errors
):
    if value == "tomorrow":
        # Computed when the test runs, not when it is collected: a suite that
        # crosses midnight would otherwise send today's date.
        value = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        request_correction(
            user=citizen, field=field, value=value, explanation=explanation, idempotency_key="k"
        )
    assert set(raised.value.message_dict) == errors
    assert not Case.objects.exists()
    assert not CorrectionRequest.objects.exists()


def test_asking_for_what_the_registry_already_says_is_refused(citizen, person, case_type):
    with pytest.raises(ValidationError, match="staat al zo in de registratie"):
        request_correction(
            user=citizen,
            field="nationality",
            value=person.nationality,
            explanation="Uitleg",
            idempotency_key="k",
        )
    assert not Case.objects.exists()


def test_without_the_case_type_the_request_is_refused_plainly(citizen, person):
    with pytest.raises(ValidationError, match="kan op dit moment niet"):
        request_correction(
            user=citizen,
            field="nationality",
            value="Belgische",
            explanation="U",
            idempotency_key="k",
        )


# The decision --------------------------------------------------------------


def test_corrected_address_updates_the_local_registry_and_is_logged(
    citizen, person, caseworker, case_type
):
    correction = CorrectionRequestFactory(user=citizen, address=True)
    decide(correction, "gecorrigeerd", caseworker, result="Uw adres is gecorrigeerd.")

    current = person.addresses.get(valid_to__isnull=True)
    assert (current.street, current.house_number, current.postcode) == (
        "Stationsplein",
        3,
        "2711 AB",
    )
    assert current.valid_from == timezone.localdate()
    assert person.addresses.filter(street="Dorpsstraat", valid_to__isnull=False).exists()
    entry = registry_changes(citizen.bsn).get()
    assert entry.purpose == Purpose.CORRECTION
    assert entry.organisation == "Gemeente Zoetermeer"
    assert entry.actor_kind == ActorKind.CASEWORKER
    assert entry.detail == {"fields": ["address"]}
    correction.refresh_from_db()
    assert correction.outcome == CorrectionOutcome.APPLIED
    assert correction.applied_at is not None
    assert correction.case.is_closed


def test_corrected_name_and_date_of_birth_update_the_person(citizen, person, caseworker, case_type):
    name = CorrectionRequestFactory(
        user=citizen,
        field="name",
        value={"first_names": "Suzanne Maria", "prefix": "de", "surname": "Moulin"},
    )
    born = CorrectionRequestFactory(user=citizen, field="date_of_birth", value="1985-04-14")
    decide(name, "gecorrigeerd", caseworker)
    decide(born, "gecorrigeerd", caseworker)

    person.refresh_from_db()
    assert (person.first_names, person.prefix, person.surname) == ("Suzanne Maria", "de", "Moulin")
    assert person.date_of_birth == date(1985, 4, 14)
    fields = [e.detail["fields"] for e in registry_changes(citizen.bsn).order_by("id")]
    assert fields == [["first_names", "prefix"], ["date_of_birth"]]


def test_an_agency_api_can_grant_it_too(citizen, person, case_type):
    correction = CorrectionRequestFactory(user=citizen)
    api = Actor.api_client(reference="zaaksysteem", agency=case_type.agency)
    decide(correction, "gecorrigeerd", api)
    person.refresh_from_db()
    assert person.nationality == "Belgische"
    entry = registry_changes(citizen.bsn).get()
    # The agency's API client decided: not "system", and no user to name.
    assert (entry.organisation, entry.actor_kind, entry.actor_reference) == (
        "Gemeente Zoetermeer",
        ActorKind.API_CLIENT,
        "zaaksysteem",
    )
    assert entry.actor_user is None


def test_a_scripted_decision_is_logged_as_the_system_for_the_agency(citizen, person, case_type):
    correction = CorrectionRequestFactory(user=citizen)
    decide(correction, "gecorrigeerd", Actor.system("correcties-inlezen"))
    entry = registry_changes(citizen.bsn).get()
    assert (entry.organisation, entry.actor_kind, entry.actor_reference) == (
        "Gemeente Zoetermeer",
        ActorKind.SYSTEM,
        "correcties-inlezen",
    )


def test_rejected_changes_nothing_in_the_registry(citizen, person, caseworker, case_type):
    correction = CorrectionRequestFactory(user=citizen, address=True)
    decide(correction, "afgewezen", caseworker, result="Uw adres klopt volgens onze gegevens.")

    person.refresh_from_db()
    assert person.addresses.get().street == "Dorpsstraat"
    assert person.nationality == "Nederlandse"
    assert not registry_changes(citizen.bsn).exists()
    correction.refresh_from_db()
    assert correction.outcome == CorrectionOutcome.REJECTED
    assert correction.applied_at is None
    assert correction.case.is_closed


def test_with_haal_centraal_nothing_is_written(citizen, person, caseworker, case_type, settings):
    correction = CorrectionRequestFactory(user=citizen)
    settings.PERSON_REGISTRY = "haal_centraal"
    decide(correction, "gecorrigeerd", caseworker)

    person.refresh_from_db()
    assert person.nationality == "Nederlandse"
    assert not registry_changes(citizen.bsn).exists()
    correction.refresh_from_db()
    assert correction.outcome == CorrectionOutcome.CORRECTED_IN_BRP
    assert correction.decided_at is not None
    assert correction.applied_at is None


def test_a_correction_the_registry_cannot_apply_leaves_the_case_open(
    citizen, person, caseworker, case_type
):
    correction = CorrectionRequestFactory(user=citizen)
    LocalPerson.objects.filter(pk=person.pk).delete()
    with pytest.raises(ValidationError, match="niet in de lokale registratie"):
        decide(correction, "gecorrigeerd", caseworker)

    correction.refresh_from_db()
    correction.case.refresh_from_db()
    assert correction.outcome == CorrectionOutcome.PENDING
    assert not correction.case.is_closed
    assert correction.case.current_status.status_type.name == "in_behandeling"


def test_other_cases_statuses_are_left_alone(citizen, person, caseworker, case_type):
    from cases.tests.factories import CaseFactory

    case = CaseFactory(bsn=citizen.bsn, closed=True)
    assert case.is_closed
    assert not registry_changes(citizen.bsn).exists()


def test_filing_works_while_the_registry_cannot_answer(citizen, case_type):
    from identity.registry import RegistryUnavailable

    class Down:
        def get_person(self, bsn, *, purpose, viewer):
            raise RegistryUnavailable("BRP timed out")

    correction = request_correction(
        user=citizen,
        field="nationality",
        value="Belgische",
        explanation="Ik ben Belg.",
        idempotency_key="k",
        registry=Down(),
    )
    assert correction.old_value == {}
    assert correction.case.case_type == case_type
