"""The case list stays one page of work however many cases an agency has
(bench/caseworker_list.py measures it at 1M cases)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice import selectors
from backoffice.tests.factories_backoffice import AgencyMembershipFactory, CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory

pytestmark = pytest.mark.django_db


def test_cases_query_names_the_agencies_as_values_not_a_membership_subquery():
    # With a subquery PostgreSQL cannot tell it yields one agency, and sorts all
    # of that agency's cases to show one page; with the ids as values it walks
    # the (agency, last_changed_at) index and stops after the page.
    x, y, z = AgencyFactory(), AgencyFactory(), AgencyFactory()
    caseworker = CaseworkerFactory(agency=x)
    AgencyMembershipFactory(user=caseworker, agency=y)
    sql = str(selectors.cases_for_caseworker(user=caseworker).query)
    assert "backoffice_agencymembership" not in sql
    ids = {x.pk, y.pk}
    own = [CaseFactory(case_type=CaseTypeFactory(agency=a)) for a in (x, y, z)]
    visible = set(selectors.cases_for_caseworker(user=caseworker).values_list("pk", flat=True))
    assert visible == {case.pk for case in own if case.agency_id in ids}


def test_case_list_query_count_does_not_grow_with_cases(client):
    agency = AgencyFactory()
    caseworker = CaseworkerFactory(agency=agency)
    case_type = CaseTypeFactory(agency=agency)
    client.force_login(caseworker)
    url = reverse("cases_backoffice:list") + "?state=open&sort=planned_end_on"
    CaseFactory(case_type=case_type)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(6):
        CaseFactory(case_type=case_type)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)
