import re

import pytest
from django.urls import reverse

from cases.tests.factories import AgencyFactory, CaseFactory
from identity.access_log import AccessLogEntry
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/mijn/"


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


def test_overview_needs_a_digid_login(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=%2Fmijn%2F")


def test_overview_groups_open_and_closed_cases_with_markers(citizen_client, citizen):
    action = CaseFactory(bsn=citizen.bsn, action_required=True, title="Wasmachine")
    overdue = CaseFactory(bsn=citizen.bsn, overdue=True, title="Dakkapel")
    closed = CaseFactory(bsn=citizen.bsn, closed=True, title="Schutting")
    CaseFactory(bsn="999990019", title="Van een ander")
    response = citizen_client.get(OVERVIEW)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.context["as_table"]  # fewer than ten: cards
    assert [row.case.pk for row in response.context["waiting_rows"]] == [action.pk]
    assert [row.case.pk for row in response.context["other_open_rows"]] == [overdue.pk]
    assert [row.case.pk for row in response.context["closed_rows"]] == [closed.pk]
    html = response.content.decode()
    # What waits for the citizen has its own section on top ("1 zaak wacht op u").
    # (The tasks panel above the cases names the case too: look after the heading.)
    waiting = html.index('id="wacht-op-u"')
    assert waiting < html.index("Wasmachine", waiting) < html.index('id="lopend"')
    assert html.index('id="lopend"') < html.index("Dakkapel") < html.index('id="afgerond"')
    assert html.index('id="afgerond"') < html.index("Schutting")
    assert "Van een ander" not in html
    assert html.count("Actie nodig van u") == 1
    assert html.count("Duurt langer dan verwacht") == 1
    assert action.get_absolute_url() in html
    assert citizen.bsn not in html


def _many(citizen, count=10, **kwargs):
    """Enough cases for the table form of the overview (ten or more)."""
    case_type = CaseFactory(bsn=citizen.bsn, **kwargs).case_type
    return [CaseFactory(bsn=citizen.bsn, case_type=case_type, **kwargs) for _ in range(count - 1)]


def test_overview_filters_by_agency_and_state(citizen_client, citizen):
    _many(citizen)
    first = CaseFactory(bsn=citizen.bsn, title="Eerste")
    second = CaseFactory(bsn=citizen.bsn, closed=True, title="Tweede")
    response = citizen_client.get(OVERVIEW, {"organisatie": first.agency.slug})
    assert response.context["as_table"]
    assert [c.pk for c in response.context["page"]] == [first.pk]
    response = citizen_client.get(OVERVIEW, {"status": "closed"})
    assert [c.pk for c in response.context["page"]] == [second.pk]
    response = citizen_client.get(OVERVIEW, {"status": "open", "organisatie": second.agency.slug})
    assert "Er zijn geen zaken die bij dit filter passen." in response.content.decode()


def test_overview_reports_an_unknown_filter_value_and_shows_everything(citizen_client, citizen):
    _many(citizen)
    response = citizen_client.get(OVERVIEW, {"organisatie": "onbekend"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_organisatie"' in html
    assert len(response.context["page"]) == 10


def test_overview_sorts_oldest_first_on_request(citizen_client, citizen):
    old = CaseFactory(bsn=citizen.bsn)
    new = CaseFactory(bsn=citizen.bsn)
    response = citizen_client.get(OVERVIEW, {"volgorde": "oudste"})
    assert [c.pk for c in response.context["page"]] == [old.pk, new.pk]


def test_overview_empty_state_links_to_the_catalogue(citizen_client):
    response = citizen_client.get(OVERVIEW)
    html = response.content.decode()
    assert "U hebt nog geen zaken" in html
    assert 'href="/"' in html
    assert "<form" not in html.split('id="main"')[1].split("</main>")[0]


def test_overview_query_count_is_fixed(
    citizen_client, citizen, django_assert_num_queries, django_capture_on_commit_callbacks
):
    CaseFactory(bsn=citizen.bsn)
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.get(OVERVIEW)  # warm up (as in production: outside a transaction)
    # session, user, agencies with their counts (the total too), one page of cases,
    # session save (savepoint, update, release), the header's unread-messages count
    # (messaging, issue 18), the open tasks for the navigation's count and the
    # tasks panel (one for both, issue 21) - none of them per case, cards or
    # table. (No access-log insert: the own overview is not logged, 15.8.)
    # 10 -> 9: the remote sources' "which agencies read from their own ZGW case
    # system" query went; with none configured this process remembers that
    # (zgw.provider.zgw_systems) until a case system or agency is saved.
    # 9 -> 10: the citizen's saved requests ("Concept", product_requests'
    # overview_drafts), one query for all of them (issue 21).
    # 10 -> 7: the session is saved at most once a minute (identity.session,
    # issue 23): no savepoint, update and release on this request.
    # 7 -> 6: when all of the citizen's cases fit on page one, the agencies and
    # their counts come from the page's own rows (cases/views.py, issue 21).
    # 6 -> 5: the drafts read found none before, which the cache remembers until
    # one of the citizen's drafts is saved (portal/empty_reads.py, decision 0056).
    with django_assert_num_queries(5):
        citizen_client.get(OVERVIEW)
    case_type = CaseFactory(bsn=citizen.bsn, closed=True).case_type
    for _ in range(29):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
        CaseFactory(bsn=citizen.bsn, action_required=True)
    # Saving agencies makes zgw_systems ask again once (its invalidation).
    citizen_client.get(OVERVIEW)
    # More than a page: the counts are a query of their own again (one, for
    # any number of cases and agencies), page one still one query.
    with django_assert_num_queries(6):
        response = citizen_client.get(OVERVIEW)
    assert response.context["as_table"]
    assert len(response.context["page"]) == 50  # 60 cases: page one of two
    assert response.context["total"] == 60
    with django_assert_num_queries(6):
        response = citizen_client.get(OVERVIEW, {"pagina": 2})
    assert len(response.context["page"]) == 10


def test_overview_counts_agencies_alike_from_its_rows_and_from_the_database(
    citizen_client, citizen
):
    """Page one's rows give the same agencies, counts and order as the query
    they replace."""
    from cases.selectors import agency_counts_for_citizen, agency_counts_from

    for name in ("Waterschap Rijnland", "gemeente Utrecht", "UWV"):
        agency = AgencyFactory(name=name)
        for _ in range(2 if name == "UWV" else 1):
            CaseFactory(bsn=citizen.bsn, case_type__agency=agency)
    CaseFactory(bsn="999990019", case_type__agency=agency)  # someone else's
    response = citizen_client.get(OVERVIEW)
    from_rows = agency_counts_from(response.context["page"].object_list)
    assert from_rows == agency_counts_for_citizen(user=citizen)
    assert [a.name for a in from_rows] == ["gemeente Utrecht", "UWV", "Waterschap Rijnland"]
    assert response.context["total"] == 4
    choices = [label for _, label in response.context["form"]["organisatie"].field.choices]
    assert choices[1:] == ["gemeente Utrecht", "UWV", "Waterschap Rijnland"]


def test_overview_paginates_past_fifty(citizen_client, citizen):
    case_type = CaseFactory(bsn=citizen.bsn).case_type
    for _ in range(51):
        CaseFactory(bsn=citizen.bsn, case_type=case_type)
    first = citizen_client.get(OVERVIEW, {"status": "open"})
    assert len(first.context["page"]) == 50
    assert "status=open&amp;pagina=2" in first.content.decode()
    second = citizen_client.get(OVERVIEW, {"status": "open", "pagina": 2})
    assert len(second.context["page"]) == 2
    seen = {c.pk for c in first.context["page"]} | {c.pk for c in second.context["page"]}
    assert len(seen) == 52


def test_own_overview_is_not_logged(citizen_client, citizen):
    """Issue 15.8: every visit wrote "Bekeken: case_list (Mijn overzicht)"; the
    citizen's own overview discloses nothing to anyone else (identity/access_log.py)."""
    CaseFactory(bsn=citizen.bsn)
    before = AccessLogEntry.objects.for_subject(citizen.bsn).count()
    assert citizen_client.get(OVERVIEW).status_code == 200
    assert AccessLogEntry.objects.for_subject(citizen.bsn).count() == before


def test_case_page_shows_the_case_and_logs_the_view(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn, in_progress=True, title="Dakkapel")
    before = AccessLogEntry.objects.for_subject(citizen.bsn).count()
    response = citizen_client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Dakkapel" in html
    assert case.reference in html
    assert "Uiterlijk besluit verwacht op" in html
    assert case.agency.phone in html
    assert "Er zijn nog geen documenten" in html
    assert 'aria-current="step"' in html
    assert "ol-timeline__step--future" in html
    entries = AccessLogEntry.objects.for_subject(citizen.bsn).order_by("id")
    assert entries.count() == before + 1
    entry = entries.last()
    assert (entry.actor_kind, entry.action, entry.object_kind) == ("citizen", "viewed", "case")
    assert entry.organisation == case.agency.name
    assert entry.detail == {"case_id": case.pk}


def test_case_page_shows_call_to_action_when_action_required(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn, action_required=True)
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "Wat moet u doen?" in html
    assert "Stuur ons een kopie van uw loonstrook." in html
    assert 'href="/contact/"' in html


def test_case_page_shows_result_when_closed(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn, closed=True)
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "Uw aanvraag is toegekend." in html
    assert "Afgerond op" in html
    assert "ol-timeline__step--future" not in html


def test_others_case_is_404_by_reference_and_by_id(citizen_client, citizen):
    theirs = CaseFactory(bsn="999990019")
    mine = CaseFactory(bsn=citizen.bsn)
    attempts = [
        theirs.get_absolute_url(),
        reverse("cases:detail", kwargs={"agency": theirs.agency.slug, "reference": theirs.pk}),
        reverse("cases:detail", kwargs={"agency": mine.agency.slug, "reference": mine.pk}),
        reverse("cases:detail", kwargs={"agency": mine.agency.slug, "reference": theirs.reference}),
        reverse("cases:detail", kwargs={"agency": "onbekend", "reference": mine.reference}),
        f"/mijn/zaken/{theirs.pk}/",
    ]
    for url in attempts:
        response = citizen_client.get(url)
        assert response.status_code == 404, url
        assert theirs.title not in response.content.decode()
    assert not AccessLogEntry.objects.filter(object_kind="case", action="viewed").exists()


def test_case_page_needs_a_login(client):
    case = CaseFactory()
    response = client.get(case.get_absolute_url())
    assert response.status_code == 302


def test_english_case_page(citizen_client, citizen):
    case = CaseFactory(bsn=citizen.bsn)
    response = citizen_client.get(f"/en{case.get_absolute_url()}")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_overview_is_the_same_with_and_without_the_cached_catalogue(
    citizen_client, citizen, settings
):
    """cases.catalogue stands in for the joined agency and status type columns,
    and for the join in "waiting for you first": the page must not change."""
    for _ in range(4):
        CaseFactory(bsn=citizen.bsn, in_progress=True)
    waiting = CaseFactory(bsn=citizen.bsn, action_required=True, title="Wacht op u")
    CaseFactory(bsn=citizen.bsn, closed=True)
    pages = []
    for cached in (True, False):
        settings.CATALOGUE_CACHE = cached
        response = citizen_client.get(OVERVIEW)
        rows = response.context["rows"]
        assert rows[0].case.pk == waiting.pk and rows[0].action_required
        assert rows[-1].case.is_closed
        main = response.content.decode().split('id="main"')[1].split("</main>")[0]
        # The CSRF token is masked anew and the CSP nonce drawn anew per response.
        main = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", main)
        pages.append(re.sub(r'nonce="[\w-]+"', "", main))
    assert pages[0] == pages[1]
