"""Inzage: the citizen sees who accessed their data, and only their own entries."""

import pytest
from django.contrib import admin

from identity.access_log import AccessLogEntry
from identity.tests.factories import AccessLogEntryFactory

pytestmark = pytest.mark.django_db

URL = "/mijn/inzage/"


def test_shows_own_entries_with_organisation_kind_what_and_purpose(citizen_client, citizen):
    AccessLogEntryFactory(bsn=citizen.bsn, object_label="Aanvraag parkeervergunning")
    AccessLogEntryFactory(bsn="999990019", object_label="Zaak van iemand anders")
    response = citizen_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Gemeente Zoetermeer" in html
    assert "medewerker" in html
    assert "Bekeken: zaak (Aanvraag parkeervergunning)" in html
    assert "Behandeling aanvraag" in html
    assert "Zaak van iemand anders" not in html


def test_logins_appear_as_login_history_with_their_level(citizen_client, citizen):
    AccessLogEntryFactory(bsn=citizen.bsn, login=True)
    AccessLogEntryFactory(bsn="999990019", login=True, detail={"level": "hoog"})
    response = citizen_client.get(URL)
    logins = response.context["logins"]
    assert [entry.level_of_assurance.label for entry in logins] == ["Midden"]
    assert response.context["page"].paginator.count == 0
    assert "Midden" in response.content.decode()


def test_paginated_twenty_per_page(citizen_client, citizen):
    AccessLogEntryFactory.create_batch(45, bsn=citizen.bsn)
    first = citizen_client.get(URL)
    assert len(first.context["page"].object_list) == 20
    assert "pagina=2" in first.content.decode()
    last = citizen_client.get(URL, {"pagina": 3})
    assert len(last.context["page"].object_list) == 5
    # Nonsense page numbers fall back instead of failing.
    assert citizen_client.get(URL, {"pagina": "x"}).status_code == 200


def test_filter_by_organisation_lists_only_own_organisations(citizen_client, citizen):
    AccessLogEntryFactory.create_batch(2, bsn=citizen.bsn, organisation="UWV")
    AccessLogEntryFactory(bsn=citizen.bsn, organisation="Gemeente Zoetermeer")
    AccessLogEntryFactory(bsn="999990019", organisation="Belastingdienst")
    response = citizen_client.get(URL, {"organisatie": "UWV"})
    assert response.context["organisations"] == ["Gemeente Zoetermeer", "UWV"]
    assert {e.organisation for e in response.context["page"].object_list} == {"UWV"}
    assert response.context["page"].paginator.count == 2


def test_unknown_organisation_in_the_filter_shows_everything_of_the_citizen(
    citizen_client, citizen
):
    AccessLogEntryFactory(bsn=citizen.bsn, organisation="UWV")
    response = citizen_client.get(URL, {"organisatie": "Belastingdienst"})
    assert response.context["organisation"] == ""
    assert response.context["page"].paginator.count == 1


def test_page_query_count_does_not_grow_with_entries(citizen_client, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            citizen_client.get(URL)
        return len(context)

    AccessLogEntryFactory(bsn=citizen.bsn)
    AccessLogEntryFactory(bsn=citizen.bsn, login=True)
    few = queries()
    AccessLogEntryFactory.create_batch(30, bsn=citizen.bsn, organisation="UWV")
    AccessLogEntryFactory.create_batch(10, bsn=citizen.bsn, login=True)
    assert queries() == few


def test_the_log_has_no_admin_or_edit_path():
    from wagtail.snippets.models import get_snippet_models

    assert AccessLogEntry not in admin.site._registry
    assert AccessLogEntry not in get_snippet_models()
