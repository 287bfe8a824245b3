"""Inzage: the citizen sees who accessed their data, and only their own entries."""

import pytest
from django.contrib import admin

from identity.access_log import AccessLogEntry, Purpose
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
    assert "Behandeling van de zaak" in html
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
    citizen_client.get(URL)  # the first request after the login saves the session
    few = queries()
    AccessLogEntryFactory.create_batch(30, bsn=citizen.bsn, organisation="UWV")
    AccessLogEntryFactory.create_batch(10, bsn=citizen.bsn, login=True)
    assert queries() == few


def test_the_log_has_no_admin_or_edit_path():
    from wagtail.snippets.models import get_snippet_models

    assert AccessLogEntry not in admin.site._registry
    assert AccessLogEntry not in get_snippet_models()


# Issue 15.8: one row per access, others' accesses first, no internal names --


def test_by_default_only_others_accesses_are_listed(citizen_client, citizen):
    AccessLogEntryFactory(bsn=citizen.bsn, organisation="UWV", object_label="WW-uitkering")
    AccessLogEntryFactory(
        bsn=citizen.bsn,
        actor_kind="citizen",
        organisation="Gemeente Zoetermeer",
        object_label="Dakkapel",
        purpose=Purpose.OWN_VIEW,
    )
    html = citizen_client.get(URL).content.decode()
    assert "WW-uitkering" in html
    assert "Dakkapel" not in html
    assert '<option value="anderen" selected>Alleen door anderen</option>' in html

    everyone = citizen_client.get(URL, {"wie": "iedereen"})
    html = everyone.content.decode()
    assert everyone.context["page"].paginator.count == 2
    assert "Dakkapel" in html
    # The citizen's own view reads as the portal's, with the citizen as who.
    assert "Open Loket (uzelf)" in html


def test_organisation_filter_lists_only_organisations_that_looked(citizen_client, citizen):
    AccessLogEntryFactory(bsn=citizen.bsn, actor_kind="citizen", organisation="Belastingdienst")
    AccessLogEntryFactory(bsn=citizen.bsn, organisation="UWV")
    response = citizen_client.get(URL, {"wie": "iedereen", "organisatie": "UWV"})
    assert response.context["organisations"] == ["UWV"]
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize(
    ("object_kind", "purpose", "shown"),
    [
        ("case_list", Purpose.OWN_VIEW, "Bekeken: overzicht van uw zaken"),
        ("some_internal_kind", Purpose.CASE_HANDLING, "Bekeken: gegevens"),
        ("case_roles", Purpose.CASE_HANDLING, "Bekeken: betrokkenen bij een zaak"),
    ],
)
def test_no_internal_identifier_is_shown(citizen_client, citizen, object_kind, purpose, shown):
    AccessLogEntryFactory(
        bsn=citizen.bsn, object_kind=object_kind, object_label="", purpose=purpose, organisation=""
    )
    html = citizen_client.get(URL, {"wie": "iedereen"}).content.decode()
    assert shown in html
    assert object_kind not in html
    # No organisation stored: the portal operator processed it, never "-".
    assert '<td class="utrecht-table__cell">Open Loket</td>' in html


def test_pagination_links_keep_the_filter_and_carry_no_personal_data(citizen_client, citizen):
    AccessLogEntryFactory.create_batch(25, bsn=citizen.bsn, organisation="UWV")
    html = citizen_client.get(URL, {"wie": "iedereen", "organisatie": "UWV"}).content.decode()
    assert 'href="?wie=iedereen&amp;organisatie=UWV&amp;pagina=2"' in html
    assert citizen.bsn not in html


def test_identical_entries_in_one_request_are_written_once():
    from identity.access_log import AccessLogRequestMiddleware, log_person_access
    from identity.actors import Actor

    entry = {
        "bsn": "999993653",
        "actor": Actor(kind="caseworker", organisation="Gemeente Zoetermeer"),
        "action": "viewed",
        "object_kind": "person",
        "object_label": "Basisregistratie Personen",
        "purpose": Purpose.CORRECTION_REVIEW,
    }

    def view(request):
        for _ in range(4):
            log_person_access(**entry)
        log_person_access(**{**entry, "purpose": Purpose.DECISION})
        return None

    AccessLogRequestMiddleware(view)(object())
    assert AccessLogEntry.objects.filter(purpose=entry["purpose"]).count() == 1
    assert AccessLogEntry.objects.count() == 2
    # One request is one LDV trace: both entries share its trace id, each has its own span.
    assert AccessLogEntry.objects.values("trace_id").distinct().count() == 1
    assert AccessLogEntry.objects.values("span_id").distinct().count() == 2
    # Outside a request (tasks, commands) others' accesses are not merged.
    log_person_access(**entry)
    assert AccessLogEntry.objects.filter(purpose=entry["purpose"]).count() == 2
    assert AccessLogEntry.objects.values("trace_id").distinct().count() == 2


def test_an_entry_rolled_back_in_the_request_is_written_again():
    from django.db import transaction

    from identity.access_log import AccessLogRequestMiddleware, log_person_access
    from identity.actors import Actor

    entry = {
        "bsn": "999993653",
        "actor": Actor(kind="caseworker", organisation="UWV"),
        "action": "viewed",
        "object_kind": "case",
        "purpose": Purpose.CASE_HANDLING,
    }

    class Rollback(Exception):
        pass

    def view(request):
        try:
            with transaction.atomic():
                log_person_access(**entry)
                raise Rollback
        except Rollback:
            pass
        log_person_access(**entry)

    AccessLogRequestMiddleware(view)(object())
    assert AccessLogEntry.objects.count() == 1


def test_opening_the_correction_form_again_and_again_is_one_access(citizen_client, citizen):
    from identity.tests.factories import LocalPersonFactory, correction_case_type_at

    LocalPersonFactory(bsn=citizen.bsn)
    correction_case_type_at()
    for _ in range(4):
        url = "/mijn/gegevens/correctie/?gegeven=address"
        assert citizen_client.get(url).status_code == 200
    rows = AccessLogEntry.objects.for_subject(citizen.bsn).filter(purpose=Purpose.CORRECTION)
    assert rows.count() == 1


def test_own_access_after_the_window_and_others_accesses_are_each_written(citizen):
    from datetime import timedelta

    from django.utils import timezone

    from identity.access_log import OWN_ACCESS_WINDOW, data_subject_id, log_person_access
    from identity.actors import Actor

    own = {
        "bsn": citizen.bsn,
        "actor": Actor.citizen(citizen),
        "action": "viewed",
        "object_kind": "case",
        "purpose": Purpose.OWN_VIEW,
    }
    AccessLogEntry.objects.create(
        data_subject_id=data_subject_id(citizen.bsn),
        actor_kind="citizen",
        action="viewed",
        object_kind="case",
        purpose=Purpose.OWN_VIEW,
        actor_user=citizen,
        occurred_at=timezone.now() - OWN_ACCESS_WINDOW - timedelta(seconds=1),
    )
    first = log_person_access(**own)
    assert log_person_access(**own) == first
    assert AccessLogEntry.objects.filter(actor_kind="citizen").count() == 2
    caseworker = {**own, "actor": Actor(kind="caseworker", organisation="UWV")}
    log_person_access(**caseworker)
    log_person_access(**caseworker)
    assert AccessLogEntry.objects.filter(actor_kind="caseworker").count() == 2
