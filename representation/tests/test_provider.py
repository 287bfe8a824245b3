"""The provider: a representative's current representations as acting contexts."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.access_log import AccessLogEntry, data_subject_id
from identity.acting import Basis, available_contexts
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from representation.provider import representation_contexts

from .factories import REPRESENTATIVE, REPRESENTED, RepresentationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def fatima():
    return CitizenFactory(bsn=REPRESENTATIVE, first_name="Fatima", last_name="El Amrani")


@pytest.fixture
def peter():
    return LocalPersonFactory(
        bsn=REPRESENTED, first_names="Peter Jan", prefix="de", surname="Vries"
    )


def _request(user):
    request = RequestFactory().get("/mijn/")
    request.user = user
    request.session = {}
    return request


def test_a_current_representation_is_a_context_for_the_client(fatima, peter):
    zoetermeer = AgencyFactory(slug="zoetermeer")
    benefits = CaseTypeFactory(agency=zoetermeer, code="bijzondere-bijstand")
    ends = TODAY() + timedelta(days=30)
    representation = RepresentationFactory(case_types=[benefits], ends_on=ends)
    (context,) = representation_contexts(_request(fatima))
    assert context.basis == Basis.REPRESENTATIVE
    assert context.basis_ref == str(representation.pk)
    assert context.subject.bsn == REPRESENTED
    assert context.subject.name == "Peter Jan de Vries"
    assert context.actor_bsn == REPRESENTATIVE and context.actor_name == "Fatima El Amrani"
    assert context.case_types == {"bijzondere-bijstand"}
    assert context.agencies == {"zoetermeer"}
    assert context.valid_until == ends
    assert context.allows(agency="zoetermeer", case_type="bijzondere-bijstand")
    assert not context.allows(agency="zoetermeer", case_type="omgevingsvergunning")
    assert not context.allows(agency="rijnland", case_type="kwijtschelding")
    # The registry lookup for the name is in the client's access log.
    assert AccessLogEntry.objects.filter(data_subject_id=data_subject_id(REPRESENTED)).exists()


def test_agency_scope_and_all_agencies(fatima, peter):
    uwv = AgencyFactory(slug="uwv")
    RepresentationFactory(agencies=[uwv])
    (context,) = representation_contexts(_request(fatima))
    assert context.agencies == {"uwv"} and not context.case_types
    RepresentationFactory(represented_bsn="999993653", kind="mentor")
    contexts = list(representation_contexts(_request(fatima)))
    assert [c.agencies for c in contexts][1] == frozenset()


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        (-30, -1),  # ended yesterday
        (1, None),  # starts tomorrow
    ],
)
def test_ended_or_future_representations_give_no_context(fatima, peter, starts, ends):
    RepresentationFactory(
        starts_on=TODAY() + timedelta(days=starts),
        ends_on=None if ends is None else TODAY() + timedelta(days=ends),
    )
    assert list(representation_contexts(_request(fatima))) == []


def test_ending_today_still_counts_today(fatima, peter):
    RepresentationFactory(starts_on=TODAY() - timedelta(days=5), ends_on=TODAY())
    assert len(list(representation_contexts(_request(fatima)))) == 1


def test_the_represented_person_gets_no_context_the_other_way(peter):
    RepresentationFactory()
    client_user = CitizenFactory(bsn=REPRESENTED)
    assert list(representation_contexts(_request(client_user))) == []


def test_one_query_for_many_representations(fatima, django_assert_max_num_queries):
    zoetermeer = AgencyFactory()
    types = [CaseTypeFactory(agency=zoetermeer) for _ in range(3)]
    clients = ["999993653", REPRESENTED, "999998456"]
    for bsn in clients:
        LocalPersonFactory(bsn=bsn)
        RepresentationFactory(represented_bsn=bsn, case_types=types)
    request = _request(fatima)
    # One for the representations, then per client one registry read (the local
    # registry's own queries) and its access-log entry.
    with django_assert_max_num_queries(1 + 3 * 8):
        contexts = list(representation_contexts(request))
    assert {c.subject.bsn for c in contexts} == set(clients)
    assert all(len(c.case_types) == 3 for c in contexts)


def test_registered_with_identity(fatima, peter):
    RepresentationFactory()
    request = _request(fatima)
    contexts = available_contexts(request)
    assert [c.basis for c in contexts] == [Basis.SELF, Basis.REPRESENTATIVE]
