import pytest
from django.contrib.auth.models import AnonymousUser

from cases import selectors
from cases.models import Case
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


@pytest.fixture
def other():
    return CitizenFactory(bsn="999990019")


def test_cases_for_citizen_returns_only_cases_with_their_role(citizen, other):
    mine = CaseFactory(bsn=citizen.bsn)
    CaseFactory(bsn=other.bsn)
    assert list(selectors.cases_for_citizen(user=citizen)) == [mine]


def test_shared_case_is_visible_to_both_citizens_once(citizen, other):
    from cases import services
    from identity.actors import Actor

    case = CaseFactory(bsn=citizen.bsn)
    services.add_role(case=case, bsn=other.bsn, actor=Actor.system())
    services.add_role(case=case, bsn=citizen.bsn, role_type="belanghebbende", actor=Actor.system())
    assert list(selectors.cases_for_citizen(user=citizen)) == [case]
    assert list(selectors.cases_for_citizen(user=other)) == [case]


def test_staff_and_anonymous_users_see_no_cases(citizen):
    CaseFactory(bsn=citizen.bsn)
    assert not selectors.cases_for_citizen(user=StaffUserFactory()).exists()
    assert not selectors.cases_for_citizen(user=AnonymousUser()).exists()


def test_too_confidential_cases_are_hidden(citizen, settings):
    CaseFactory(bsn=citizen.bsn, confidentiality="geheim")
    visible = CaseFactory(bsn=citizen.bsn, confidentiality="zaakvertrouwelijk")
    assert list(selectors.cases_for_citizen(user=citizen)) == [visible]
    settings.CASES_CITIZEN_MAX_CONFIDENTIALITY = "openbaar"
    assert not selectors.cases_for_citizen(user=citizen).exists()


def test_open_cases_come_first_then_by_last_change(citizen):
    old_open = CaseFactory(bsn=citizen.bsn)
    closed = CaseFactory(bsn=citizen.bsn, closed=True)
    new_open = CaseFactory(bsn=citizen.bsn, in_progress=True)
    assert list(selectors.cases_for_citizen(user=citizen)) == [new_open, old_open, closed]
    assert list(selectors.cases_for_citizen(user=citizen, oldest_first=True)) == [
        old_open,
        new_open,
        closed,
    ]


def test_filters_by_state_and_agency(citizen):
    agency = AgencyFactory()
    at_agency = CaseFactory(bsn=citizen.bsn, case_type=CaseTypeFactory(agency=agency))
    closed = CaseFactory(bsn=citizen.bsn, closed=True)
    assert list(selectors.cases_for_citizen(user=citizen, state="open")) == [at_agency]
    assert list(selectors.cases_for_citizen(user=citizen, state="closed")) == [closed]
    assert list(selectors.cases_for_citizen(user=citizen, agency=agency.slug)) == [at_agency]
    assert list(selectors.agencies_for_citizen(user=citizen)) == sorted(
        [agency, closed.agency], key=lambda a: a.name
    )


def test_case_for_citizen_refuses_others_cases(citizen, other):
    mine = CaseFactory(bsn=citizen.bsn)
    theirs = CaseFactory(bsn=other.bsn)
    found = selectors.case_for_citizen(
        user=citizen, agency=mine.agency.slug, reference=mine.reference
    )
    assert found == mine
    with pytest.raises(Case.DoesNotExist):
        selectors.case_for_citizen(
            user=citizen, agency=theirs.agency.slug, reference=theirs.reference
        )
    # The right reference at the wrong agency is not found either.
    with pytest.raises(Case.DoesNotExist):
        selectors.case_for_citizen(
            user=citizen, agency=theirs.agency.slug, reference=mine.reference
        )


def test_overview_query_count_does_not_grow_with_cases(citizen, django_assert_num_queries):
    def run():
        return [
            (c.agency.name, c.case_type.name, c.current_status.status_type.citizen_text)
            for c in selectors.cases_for_citizen(user=citizen)
        ]

    CaseFactory(bsn=citizen.bsn)
    with django_assert_num_queries(1):
        assert len(run()) == 1
    for _ in range(59):
        CaseFactory(bsn=citizen.bsn)
    with django_assert_num_queries(1):
        assert len(run()) == 60


def test_timeline_shows_passed_current_and_planned_steps(citizen):
    case = CaseFactory(bsn=citizen.bsn, in_progress=True)
    steps = selectors.status_timeline(case=case)
    assert [(s.status_type.name, s.state) for s in steps] == [
        ("ontvangen", "passed"),
        ("in_behandeling", "current"),
        # "aanvulling_nodig" only appears when it happens.
        ("afgehandeld", "future"),
    ]


def test_timeline_of_closed_case_has_no_future_steps(citizen):
    case = CaseFactory(bsn=citizen.bsn, action_required=True, closed=True)
    steps = selectors.status_timeline(case=case)
    assert [(s.status_type.name, s.state) for s in steps] == [
        ("ontvangen", "passed"),
        ("in_behandeling", "passed"),
        ("aanvulling_nodig", "passed"),
        ("afgehandeld", "passed"),
    ]


def test_next_status_types_match_what_set_status_accepts(citizen):
    case = CaseFactory(bsn=citizen.bsn, in_progress=True)
    names = [s.name for s in selectors.next_status_types(case=case)]
    assert names == ["in_behandeling", "aanvulling_nodig", "afgehandeld"]
    closed = CaseFactory(bsn=citizen.bsn, closed=True)
    assert not selectors.next_status_types(case=closed).exists()
