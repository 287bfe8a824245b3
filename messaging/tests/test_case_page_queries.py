"""The case page's query count (issue 21, "Speed"): fixed, whatever the number
of documents, decisions and messages, and the documents section and the case
history share one read of the documents (documents_of_authorised_case)."""

from __future__ import annotations

import pytest

from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory

from .factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db


def test_case_page_query_count_does_not_grow_with_documents(
    citizen_client, citizen, django_assert_num_queries, django_capture_on_commit_callbacks
):
    case = CaseFactory(bsn=citizen.bsn, closed=True)
    objection_and_complaint_channels(case.agency)
    DocumentFactory(case=case, decision=True, title="Besluit 1")
    url = case.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.get(url)  # warm up; its access-log entry is committed
    # session, user, the case, the access log (one read: this repeated view
    # writes no new entry; one subject's entry needs no savepoint), its status
    # updates, the open tasks (navigation count and the supplement tasks),
    # unread messages, the citizen-visible documents (the documents section, the
    # decisions of "Reageren op deze zaak" and the history), the messages (the
    # sent formal ones and the history's, one query). Not: the channel rules and
    # outages (cached per agency, messaging/channels.py), the session save (at
    # most once a minute, identity/session.py). 16 -> 9.
    # 9 -> 8 (issue 21): the access log's check for the same own view in the
    # last ten minutes finds the committed entry in the cache
    # (identity/access_log_recent.py), and the current status comes from the
    # status updates instead of a join into the case's query. Without messages
    # the messages are one narrow query (their relations are prefetched).
    # 8 -> 7: and that read found none when the page was viewed before, which
    # the cache remembers until a message of the case is written
    # (portal/empty_reads.py).
    with django_assert_num_queries(7) as one:
        citizen_client.get(url)
    for number in range(2, 5):
        DocumentFactory(case=case, decision=True, title=f"Besluit {number}")
        DocumentFactory(case=case, title=f"Brief {number}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = citizen_client.get(url)
    html = response.content.decode()
    documents_section = html.split('id="documenten"')[1].split("</section>")[0]
    history = html.split('data-testid="case-history"')[1].split("</ol>")[0]
    for number in range(1, 5):
        assert f"Besluit {number}" in documents_section
        assert f"Besluit {number}" in history
    for number in range(2, 5):
        assert f"Brief {number}" in documents_section
        assert f"Brief {number}" in history


def test_case_page_query_count_does_not_grow_with_messages(
    citizen_client, citizen, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Messages, their threads, agencies, attachments and ledger events are read
    once for the history and "Uw berichten over deze zaak" together, whatever
    their number (prefetched: a case without messages pays one narrow query)."""
    from messaging.tests.factories import global_message_types
    from messaging.tests.test_inbox_views import send_to

    global_message_types()
    case = CaseFactory(bsn=citizen.bsn)
    url = case.get_absolute_url()
    send_to(case, subject="Eerste vraag", key="m-1")
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.get(url)
    # The eight of a case whose messages are read (above; the open case's steps
    # still to come are the cached catalogue's, cases/catalogue.py), and for the
    # messages their threads, agencies, attachments and ledger events.
    with django_assert_num_queries(12):
        citizen_client.get(url)
    for number in range(2, 5):
        send_to(case, subject=f"Vraag {number}", key=f"m-{number}")
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.get(url)
    with django_assert_num_queries(12):
        response = citizen_client.get(url)
    history = response.content.decode().split('data-testid="case-history"')[1].split("</ol>")[0]
    for subject in ("Eerste vraag", "Vraag 2", "Vraag 3", "Vraag 4"):
        assert subject in history
    assert f"Bericht van {case.agency.name}:" in history


def test_a_new_message_shows_after_the_page_remembered_none(
    citizen_client, citizen, django_capture_on_commit_callbacks
):
    """ "No messages" is remembered (portal.empty_reads) only until the case has one."""
    from messaging.tests.factories import global_message_types
    from messaging.tests.test_inbox_views import send_to

    global_message_types()
    case = CaseFactory(bsn=citizen.bsn)
    url = case.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.get(url)
    assert 'data-testid="case-history"' in citizen_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        send_to(case, subject="Uw aanvraag is bijna klaar", key="na-leeg")
    page = citizen_client.get(url).content.decode()
    history = page.split('data-testid="case-history"')[1].split("</ol>")[0]
    assert "Uw aanvraag is bijna klaar" in history
