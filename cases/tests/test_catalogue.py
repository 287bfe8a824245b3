"""The catalogue in each process's memory (cases/catalogue.py, decision 0056):
read once, the case page joins nothing of it, and every save or delete of an
agency, case type or status type reaches the next read, also in another
process (a version in the shared cache)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import catalogue
from cases.models import StatusType
from cases.selectors import case_with_status_updates, status_timeline
from cases.tests.factories import CaseFactory
from cases.viewer import own_context
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _queries(read) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        value = read()
    return value, len(captured)


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


def test_read_once_then_no_query(citizen):
    case = CaseFactory(bsn=citizen.bsn)
    _, first = _queries(catalogue.current)
    assert first == 3  # agencies, case types, status types
    known, second = _queries(catalogue.current)
    assert second == 0
    assert known.agencies[case.agency_id].name == case.agency.name
    assert [s.order for s in known.steps[case.case_type_id]] == sorted(
        case.case_type.status_types.values_list("order", flat=True)
    )


def test_the_case_page_reads_its_case_and_updates_without_joins(citizen):
    case = CaseFactory(bsn=citizen.bsn, in_progress=True)
    catalogue.current()
    context = own_context(citizen)
    agency = case.agency
    with CaptureQueriesContext(connection) as read:
        found, updates = case_with_status_updates(
            context=context, agency=agency.slug, reference=case.reference
        )
    # The case, its status updates.
    assert len(read) == 2, [q["sql"][:80] for q in read.captured_queries]
    with CaptureQueriesContext(connection) as captured:
        # Everything the page reads of them is there already.
        assert found.agency.name == agency.name
        assert found.case_type_id == case.case_type_id
        assert found.case_type.processing_days == 56
        assert found.current_status.status_type.citizen_text
        assert [u.status_type.name for u in updates] == ["ontvangen", "in_behandeling"]
        steps = status_timeline(case=found, updates=updates)
    sqls = [q["sql"] for q in captured.captured_queries]
    assert sqls == []
    assert [step.state for step in steps][:2] == ["passed", "current"]
    assert all(step.state == "future" for step in steps[2:]) and len(steps) > 2


def test_another_citizens_case_and_an_unknown_agency_do_not_exist(citizen):
    other = CaseFactory(bsn="999990019")
    context = own_context(citizen)
    catalogue.current()
    for agency, reference in ((other.agency.slug, other.reference), ("nergens", "X-1")):
        with pytest.raises(type(other).DoesNotExist):
            case_with_status_updates(context=context, agency=agency, reference=reference)


def test_a_saved_status_text_reaches_the_next_read(citizen):
    case = CaseFactory(bsn=citizen.bsn)
    first = catalogue.current()
    status_type = StatusType.objects.filter(case_type=case.case_type).first()
    status_type.citizen_text = "Wij hebben uw aanvraag ontvangen en gelezen."
    status_type.save()
    again = catalogue.current()
    assert again is not first
    assert again.status_types[status_type.pk].citizen_text == status_type.citizen_text


def test_a_new_agency_and_a_deleted_case_type_reach_the_next_read(citizen):
    from cases.tests.factories import AgencyFactory, CaseTypeFactory

    catalogue.current()
    agency = AgencyFactory(slug="nieuw")
    assert catalogue.current().agency_ids["nieuw"] == agency.pk
    case_type = CaseTypeFactory(agency=agency)
    assert case_type.pk in catalogue.current().case_types
    case_type.delete()
    assert case_type.pk not in catalogue.current().case_types


def test_another_process_s_change_is_seen_by_its_version(citizen):
    """Another process saved: only the shared version moved (here: by hand)."""
    case = CaseFactory(bsn=citizen.bsn)
    first = catalogue.current()
    StatusType.objects.filter(case_type=case.case_type).update(citizen_text="Anders")  # no signal
    assert catalogue.current() is first  # nothing told this process
    cache.incr(catalogue.version_key())  # what the other process's save does
    assert {s.citizen_text for s in catalogue.current().steps[case.case_type_id]} == {"Anders"}


def test_without_a_shared_cache_nothing_is_kept(citizen, settings, django_assert_num_queries):
    settings.CATALOGUE_CACHE = False
    case = CaseFactory(bsn=citizen.bsn, in_progress=True)
    assert catalogue.current() is None
    context = own_context(citizen)
    found, updates = case_with_status_updates(
        context=context, agency=case.agency.slug, reference=case.reference
    )
    # The joins of before: the case with its agency and case type, the updates
    # with their types; the steps still to come from the database.
    with django_assert_num_queries(1):
        assert found.agency.name == case.agency.name
        assert [u.status_type.name for u in updates] == ["ontvangen", "in_behandeling"]
        steps = status_timeline(case=found, updates=updates)
    assert steps[-1].state == "future"
