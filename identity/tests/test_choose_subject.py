"""'Voor wie wilt u iets regelen?' and the banner (issue 19): switching by POST
with an opaque key, logged for the subject, no BSN in the page."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from identity.access_log import AccessAction, AccessLogEntry, Purpose
from identity.acting import CHOICE_SESSION_KEY, CONTEXTS_FRESH_SECONDS, CONTEXTS_SESSION_KEY
from identity.actors import ActorKind
from identity.registry.models import LocalAuthority, LocalPerson
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from identity.views.acting import after_login_url

pytestmark = pytest.mark.django_db

PARENT_BSN, CHILD_BSN = "999993653", "999998456"
CHOOSER = "/mijn/voor-wie/"


@pytest.fixture
def parent():
    person = LocalPersonFactory(bsn=PARENT_BSN)
    child = LocalPersonFactory(
        bsn=CHILD_BSN,
        first_names="Noah",
        prefix="de",
        surname="Vries",
        date_of_birth=date(2016, 9, 8),
        address=None,
    )
    person.children.add(child)
    LocalAuthority.objects.create(holder=person, minor=child)
    return CitizenFactory(bsn=PARENT_BSN, first_name="Suzanne", last_name="Moulin")


def _keys(response) -> list[str]:
    return [choice["key"] for choice in response.context["choices"]]


def test_the_chooser_lists_yourself_and_the_child_with_basis_scope_and_end_date(client, parent):
    log_in(client, parent)
    response = client.get(CHOOSER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voor wie wilt u iets regelen?" in html
    assert "Uzelf (Suzanne Moulin)" in html and "Noah de Vries" in html
    assert "U heeft het ouderlijk gezag" in html and "Alle zaken en gegevens" in html
    assert "7 september 2034" in html
    assert PARENT_BSN not in html and CHILD_BSN not in html
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_choosing_the_child_switches_keeps_the_session_and_logs_for_the_child(client, parent):
    log_in(client, parent)
    keys = _keys(client.get(CHOOSER))
    session_key = client.session.session_key
    response = client.post(CHOOSER, {"key": keys[1], "next": "/mijn/gegevens/"})
    assert response.status_code == 302 and response["Location"] == "/mijn/gegevens/"
    assert client.session.session_key == session_key
    assert client.session[CHOICE_SESSION_KEY] == keys[1]
    [entry] = AccessLogEntry.objects.for_subject(CHILD_BSN)
    assert entry.action == AccessAction.STARTED_ACTING
    assert entry.purpose == Purpose.REPRESENTATION
    assert entry.actor_kind == ActorKind.REPRESENTATIVE
    assert entry.organisation == "Suzanne Marie Moulin (ouder met gezag)"

    # The banner on the next personal page names the child and links to the chooser.
    page = client.get(reverse("identity:access_log")).content.decode()
    assert "U regelt dit voor <strong>Noah de Vries</strong>" in page
    assert CHOOSER in page
    assert CHILD_BSN not in page


def test_an_unknown_key_is_400_and_changes_nothing(client, parent):
    log_in(client, parent)
    response = client.post(CHOOSER, {"key": "0" * 24, "next": "/mijn/"})
    assert response.status_code == 400
    assert "Deze keuze is niet (meer) mogelijk" in response.content.decode()
    assert CHOICE_SESSION_KEY not in client.session
    assert not AccessLogEntry.objects.for_subject(CHILD_BSN).exists()


def test_a_bsn_as_key_is_refused(client, parent):
    log_in(client, parent)
    assert client.post(CHOOSER, {"key": CHILD_BSN}).status_code == 400


def test_switching_needs_the_csrf_token(parent):
    from django.test import Client

    client = log_in(Client(enforce_csrf_checks=True), parent)
    keys = _keys(client.get(CHOOSER))
    assert client.post(CHOOSER, {"key": keys[1]}).status_code == 403
    assert CHOICE_SESSION_KEY not in client.session


def test_next_elsewhere_is_refused_and_lands_on_the_overview(client, parent):
    log_in(client, parent)
    keys = _keys(client.get(CHOOSER))
    response = client.post(CHOOSER, {"key": keys[0], "next": "https://evil.example/"})
    assert response["Location"] == "/mijn/"


def test_choosing_yourself_writes_no_subject_entry_and_no_banner(client, parent):
    log_in(client, parent)
    keys = _keys(client.get(CHOOSER))
    client.post(CHOOSER, {"key": keys[1]})
    client.post(CHOOSER, {"key": keys[0]})
    page = client.get(reverse("identity:access_log")).content.decode()
    assert "U regelt dit voor" not in page


def test_a_child_who_came_of_age_falls_back_once_with_a_notice(client, parent):
    log_in(client, parent)
    keys = _keys(client.get(CHOOSER))
    client.post(CHOOSER, {"key": keys[1]})
    # The 18th birthday (2034-09-08) within the session's window of cached
    # contexts (decision 0050): the cached end date ends it, no registry lookup.
    with mock.patch.object(timezone, "localdate", return_value=date(2034, 9, 8)):
        first = client.get(reverse("identity:access_log")).content.decode()
        assert "U kunt niet meer iets regelen voor de persoon" in first
        assert "U regelt dit voor" not in first
        again = client.get(reverse("identity:access_log")).content.decode()
        assert "U kunt niet meer iets regelen" not in again


def test_a_registry_correction_of_the_date_of_birth_counts_once_the_window_ends(client, parent):
    log_in(client, parent)
    keys = _keys(client.get(CHOOSER))
    client.post(CHOOSER, {"key": keys[1]})
    LocalPerson.objects.filter(bsn=CHILD_BSN).update(date_of_birth=date(2000, 1, 1))
    session = client.session
    session[CONTEXTS_SESSION_KEY]["at"] -= CONTEXTS_FRESH_SECONDS
    session.save()
    page = client.get(reverse("identity:access_log")).content.decode()
    assert "U kunt niet meer iets regelen voor de persoon" in page


def test_the_login_lands_on_the_chooser_only_when_there_is_a_choice(rf, parent):
    request = rf.get("/")
    request.user = parent
    request.session = {}
    assert after_login_url(request, "/mijn/zaken/") == f"{CHOOSER}?next=%2Fmijn%2Fzaken%2F"

    # A step-up login keeps the choice already made and goes on.
    request.session = {CHOICE_SESSION_KEY: "any-earlier-choice"}
    assert after_login_url(request, "/mijn/zaken/") == "/mijn/zaken/"

    alone = rf.get("/")
    alone.user = CitizenFactory(bsn="999991772")
    alone.session = {}
    assert after_login_url(alone, "/mijn/zaken/") == "/mijn/zaken/"


def test_the_chooser_needs_a_login(client):
    response = client.get(CHOOSER)
    assert response.status_code == 302 and "next=" in response["Location"]
