"""Issue 21, Mijn zaken: status groups, reliability markers, look-ahead, the two
shapes of the overview and its search kept out of the URL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import selectors
from cases.models import Case, CaseSource, StatusType, StatusUpdate
from cases.presenters import OverviewPresenter, look_ahead
from cases.status_groups import StatusGroup, group_of, suggested_group
from cases.tests.factories import CaseFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/mijn/"


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


def test_new_status_types_get_a_suggested_group():
    case_type = CaseTypeFactory()
    groups = {s.name: s.citizen_group for s in case_type.status_types.all()}
    assert groups == {
        "ontvangen": StatusGroup.RECEIVED,
        "in_behandeling": StatusGroup.IN_PROGRESS,
        "aanvulling_nodig": StatusGroup.WAITING,
        "afgehandeld": StatusGroup.CLOSED,
    }
    decision = StatusType(name="besluit", citizen_text="Er is een besluit", order=9, is_final=True)
    assert suggested_group(decision) == StatusGroup.DECIDED


def test_a_chosen_group_is_kept():
    case_type = CaseTypeFactory(statuses=False)
    status_type = StatusType.objects.create(
        case_type=case_type,
        order=1,
        name="intake",
        citizen_text="Wij bekijken uw aanvraag",
        citizen_group=StatusGroup.IN_PROGRESS,
    )
    status_type.refresh_from_db()
    assert status_type.citizen_group == StatusGroup.IN_PROGRESS


def _cases_in_every_state(bsn):
    """One case per situation the group rules distinguish."""
    cases = {
        "received": CaseFactory(bsn=bsn),
        "in_progress": CaseFactory(bsn=bsn, in_progress=True),
        "waiting": CaseFactory(bsn=bsn, action_required=True),
        "closed": CaseFactory(bsn=bsn, closed=True),
    }
    answered = CaseFactory(bsn=bsn, action_required=True)
    StatusUpdate.objects.filter(pk=answered.current_status_id).update(answered_at=timezone.now())
    cases["answered"] = answered
    no_status = CaseFactory(bsn=bsn)
    Case.objects.filter(pk=no_status.pk).update(current_status=None)
    cases["no_status"] = no_status
    return cases


def test_sql_filter_and_python_rule_agree_for_every_group(citizen):
    _cases_in_every_state(citizen.bsn)
    everything = list(selectors.cases_for_citizen(user=citizen))
    by_python = {group: set() for group in StatusGroup}
    for case in everything:
        by_python[StatusGroup(group_of(case))].add(case.pk)
    for group in StatusGroup:
        by_sql = set(
            selectors.cases_for_citizen(user=citizen, group=group).values_list("pk", flat=True)
        )
        assert by_sql == by_python[group], group
    assert sum(len(pks) for pks in by_python.values()) == len(everything)


def test_group_rules(citizen):
    cases = _cases_in_every_state(citizen.bsn)
    fresh = {
        key: selectors.cases_for_citizen(user=citizen).get(pk=case.pk)
        for key, case in cases.items()
    }
    assert group_of(fresh["received"]) == StatusGroup.RECEIVED
    assert group_of(fresh["no_status"]) == StatusGroup.RECEIVED
    assert group_of(fresh["in_progress"]) == StatusGroup.IN_PROGRESS
    assert group_of(fresh["waiting"]) == StatusGroup.WAITING
    assert group_of(fresh["closed"]) == StatusGroup.CLOSED
    # The citizen answered: the agency works on it again.
    assert group_of(fresh["answered"]) == StatusGroup.IN_PROGRESS


def test_cards_show_group_last_update_and_source(citizen_client, citizen):
    CaseFactory(bsn=citizen.bsn, action_required=True, title="Wasmachine", source=CaseSource.API)
    response = citizen_client.get(OVERVIEW)
    html = response.content.decode()
    assert not response.context["as_table"]
    assert "<table" not in html
    assert "Wacht op u" in html
    assert "Laatst bijgewerkt" in html
    assert "bron: koppeling met de organisatie" in html
    assert "(wettelijke termijn)" in html


def test_ten_cases_make_a_table_with_the_same_markers(citizen_client, citizen):
    case_type = CaseFactory(bsn=citizen.bsn).case_type
    for _ in range(9):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
    response = citizen_client.get(OVERVIEW)
    html = response.content.decode()
    assert response.context["as_table"]
    assert html.count('<tr class="utrecht-table__row ol-case-row--ontvangen">') == 10
    assert "bron: medewerker van de organisatie" in html
    assert 'name="zoektekst"' in html


def test_case_without_status_says_so_in_words(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn, title="Nog niets")
    Case.objects.filter(pk=case.pk).update(current_status=None)
    case.status_updates.all().delete()
    assert "Nog geen status" in citizen_client.get(OVERVIEW).content.decode()
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "heeft nog geen status doorgegeven" in html


def test_search_is_posted_kept_in_the_session_and_never_in_the_url(citizen_client, citizen):
    case_type = CaseFactory(bsn=citizen.bsn).case_type
    for _ in range(9):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
    wanted = CaseFactory(bsn=citizen.bsn, title="Dakkapel Kerkstraat 12")
    response = citizen_client.post(f"{OVERVIEW}?status=open&pagina=2", {"zoektekst": "Kerkstraat"})
    assert response.status_code == 302
    assert response["Location"] == f"{OVERVIEW}?status=open"
    assert "Kerkstraat" not in response["Location"]
    response = citizen_client.get(response["Location"])
    assert [c.pk for c in response.context["page"]] == [wanted.pk]
    assert "U zoekt op “Kerkstraat”." in response.content.decode()
    # Cleared on request: every case again.
    citizen_client.post(OVERVIEW, {"zoektekst": "Kerkstraat", "wissen": "1"})
    assert len(citizen_client.get(OVERVIEW).context["page"]) == 11


def test_too_long_search_is_an_error_in_words(citizen_client, citizen):
    case_type = CaseFactory(bsn=citizen.bsn).case_type
    for _ in range(9):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
    response = citizen_client.post(OVERVIEW, {"zoektekst": "x" * 101})
    assert response.status_code == 200
    assert "Gebruik hoogstens 100 tekens." in response.content.decode()


def test_filter_by_status_group(citizen_client, citizen):
    case_type = CaseFactory(bsn=citizen.bsn).case_type
    for _ in range(8):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
    waiting = CaseFactory(bsn=citizen.bsn, action_required=True)
    response = citizen_client.get(OVERVIEW, {"groep": StatusGroup.WAITING})
    assert [c.pk for c in response.context["page"]] == [waiting.pk]


def test_presenter_takes_tasks_without_queries(citizen, django_assert_num_queries):
    CaseFactory(bsn=citizen.bsn)
    cases = list(selectors.overview_cases_for_citizen(user=citizen))
    with django_assert_num_queries(0):
        rows = OverviewPresenter().rows(cases, tasks_by_case={cases[0].pk: ["taak"]})
    assert rows[0].tasks == ["taak"]


def test_look_ahead_formal_decision_and_indicative_step(citizen):
    case = CaseFactory(bsn=citizen.bsn)
    steps = list(case.case_type.status_types.order_by("order"))
    in_progress, final = steps[1], steps[3]
    ahead = look_ahead(case=case, future_steps=[in_progress, final])
    assert ahead.next_step == in_progress
    assert not ahead.expected.formal
    ahead = look_ahead(case=case, future_steps=[final])
    assert ahead.expected.formal
    assert ahead.expected.on == case.planned_end_on


def test_case_page_marks_formal_and_indicative_dates(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn)
    case.case_type.service_norm_days = 14
    case.case_type.save()
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "Wat gebeurt er nu?" in html
    assert "(wettelijke termijn)" in html
    assert "(verwachting, geen harde termijn)" in html
    assert "bron: medewerker van de organisatie" in html


def test_overdue_case_says_what_the_citizen_can_do(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn, overdue=True)
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "is te laat" in html
    assert "Stuur een ingebrekestelling" in html
    assert case.planned_end_on < timezone.localdate() - timedelta(days=1)


def test_agency_counts_are_the_citizens_visible_cases_only(citizen):
    mine = CaseFactory(bsn=citizen.bsn)
    CaseFactory(bsn=citizen.bsn, case_type=mine.case_type)
    hidden = CaseFactory(bsn=citizen.bsn, case_type=mine.case_type)
    Case.objects.filter(pk=hidden.pk).update(confidentiality="geheim")
    CaseFactory(bsn="999990019", case_type=mine.case_type)
    counts = selectors.agency_counts_for_citizen(user=citizen)
    assert [(c.slug, c.case_count) for c in counts] == [(mine.agency.slug, 2)]
