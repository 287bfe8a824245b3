"""The citizen's pages for formal messages (issue 17): compose, sent, ledger
downloads, the public channel page. Through the real views and services."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cases.models import StatusType
from cases.services import set_status
from cases.tests.factories import FACTORY_ACTOR, CaseFactory
from documents.models import Document
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessLogEntry
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.eligibility import objection_term
from messaging.kinds import MessageKind, TaskKind, TaskOrigin, TaskState
from messaging.models import ChannelOutage, ChannelRule, Message

from .factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db

OTHER_BSN = "999990019"


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def compose_url(case, kind: str) -> str:
    return reverse(
        "messaging:compose",
        kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": kind},
    )


def token(response) -> str:
    match = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', response.content.decode())
    assert match, "the form carries an idempotency token"
    return match.group(1)


@pytest.fixture
def decided_case(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    decision = DocumentFactory(case=case, decision=True, title="Besluit bijstand")
    return case, decision


def test_objection_form_sends_one_message_and_redirects_to_its_receipt_page(
    citizen_client, decided_case, django_capture_on_commit_callbacks
):
    case, decision = decided_case
    page = citizen_client.get(compose_url(case, "bezwaar"))
    assert page.status_code == 200
    data = {
        "idempotency_key": token(page),
        "decision": str(decision.public_id),
        "body": "Mijn inkomen is lager dan u denkt.",
        "wants_hearing": "ja",
        "attachments": [_png("loonstrook.png")],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(compose_url(case, "bezwaar"), data)
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "messaging:sent_detail", kwargs={"public_id": message.public_id}
    )
    assert message.kind == MessageKind.BEZWAAR
    assert message.related_document == decision
    assert message.details["wants_hearing"] is True
    assert message.opened_case is not None
    assert message.attachments.get().document.original_filename == "loonstrook.png"
    # The same token again (a double click, a retry): the same message, nothing new.
    data["attachments"] = [_png("loonstrook.png")]
    again = citizen_client.post(compose_url(case, "bezwaar"), data)
    assert again.status_code == 302
    assert again["Location"] == response["Location"]
    assert Message.objects.count() == 1
    detail = citizen_client.get(response["Location"])
    text = detail.content.decode()
    assert "Dit bericht was al verstuurd." in text
    # A second tab opened before sending carried the same token; a new form after
    # sending gets a new one.
    assert token(citizen_client.get(compose_url(case, "bezwaar"))) != data["idempotency_key"]
    assert "Mijn inkomen is lager dan u denkt." in text
    assert reverse("documents:download", kwargs={"public_id": message.receipt.public_id}) in text
    assert "loonstrook.png" in text


def _png(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, samples.png(), content_type="image/png")


def test_objection_without_grounds_or_hearing_answer_shows_errors_and_writes_nothing(
    citizen_client, decided_case
):
    case, decision = decided_case
    page = citizen_client.get(compose_url(case, "bezwaar"))
    response = citizen_client.post(
        compose_url(case, "bezwaar"),
        {"idempotency_key": token(page), "decision": str(decision.public_id), "body": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Uw bericht is niet verstuurd" in text
    assert "Schrijf waarom u het niet eens bent met het besluit." in text
    assert "Kies of u gehoord wilt worden." in text
    assert Message.objects.count() == 0
    assert Document.objects.filter(case__roles__bsn=case.roles.get().bsn).count() == 1


def test_a_file_that_is_not_allowed_is_refused_and_nothing_is_written(citizen_client, decided_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case, _decision = decided_case
    page = citizen_client.get(compose_url(case, "klacht"))
    response = citizen_client.post(
        compose_url(case, "klacht"),
        {
            "idempotency_key": token(page),
            "complaint_about": "De balie",
            "complaint_when": "Gisteren",
            "body": "Ik werd niet geholpen.",
            "attachments": [SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 50)],
        },
    )
    assert response.status_code == 400
    assert "virus.exe" in response.content.decode()
    assert Message.objects.count() == 0


def test_a_late_objection_asks_why_it_is_late(citizen_client, decided_case):
    case, decision = decided_case
    Document.objects.filter(pk=decision.pk).update(created_at=timezone.now() - timedelta(weeks=10))
    page = citizen_client.get(compose_url(case, "bezwaar"))
    assert "De bezwaartermijn voor" in page.content.decode()
    data = {
        "idempotency_key": token(page),
        "decision": str(decision.public_id),
        "body": "Niet eens.",
        "wants_hearing": "nee",
    }
    refused = citizen_client.post(compose_url(case, "bezwaar"), data)
    assert refused.status_code == 400
    assert "Schrijf waarom u later bent." in refused.content.decode()
    data["late_reason"] = "Ik lag in het ziekenhuis."
    sent = citizen_client.post(compose_url(case, "bezwaar"), data)
    assert sent.status_code == 302
    message = Message.objects.get()
    assert message.details["late"] is True
    assert message.details["late_reason"] == "Ik lag in het ziekenhuis."


def test_notice_of_default_only_when_the_term_has_passed(citizen_client, citizen):
    on_time = CaseFactory(in_progress=True)
    page = citizen_client.get(compose_url(on_time, "ingebrekestelling"))
    assert page.status_code == 200
    assert 'name="body"' not in page.content.decode()
    overdue = CaseFactory(overdue=True)
    page = citizen_client.get(compose_url(overdue, "ingebrekestelling"))
    assert "twee weken" in page.content.decode()
    response = citizen_client.post(
        compose_url(overdue, "ingebrekestelling"),
        {"idempotency_key": token(page), "body": "Beslis nu alstublieft."},
    )
    assert response.status_code == 302
    assert Message.objects.get().expects_action_by is not None


def test_view_on_a_draft_decision_until_its_last_day(citizen_client, citizen):
    case = CaseFactory(in_progress=True)
    draft = StatusType.objects.create(
        case_type=case.case_type,
        order=50,
        name="ontwerp",
        citizen_text="Ontwerpbesluit",
        views_term_days=14,
    )
    set_status(case=case, status_type=draft, actor=FACTORY_ACTOR)
    page = citizen_client.get(compose_url(case, "zienswijze"))
    assert "Er is een ontwerpbesluit" in page.content.decode()
    response = citizen_client.post(
        compose_url(case, "zienswijze"),
        {"idempotency_key": token(page), "body": "Ik vind het redelijk."},
    )
    assert response.status_code == 302
    assert Message.objects.get().kind == MessageKind.ZIENSWIJZE


def test_supplement_for_a_task_says_what_was_asked_and_completes_it(citizen_client, citizen):
    case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system("test"),
        agency=case.agency,
        citizen_bsn=citizen.bsn,
        case=case,
        kind=TaskKind.UPLOAD,
        title="Stuur uw bankafschriften",
        origin=TaskOrigin.CASEWORKER,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    url = compose_url(case, "aanvulling") + f"?taak={task.public_id}"
    page = citizen_client.get(url)
    assert "Stuur uw bankafschriften" in page.content.decode()
    no_file = citizen_client.post(url, {"idempotency_key": token(page), "body": "Hierbij."})
    assert no_file.status_code == 400
    # The service's refusal lands on the form's file field, linked from the summary.
    assert 'href="#id_attachments"' in no_file.content.decode()
    assert "Kies de bestanden die u wilt sturen." in no_file.content.decode()
    response = citizen_client.post(
        url, {"idempotency_key": token(page), "body": "Hierbij.", "attachments": [_png("bank.png")]}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.COMPLETED
    assert task.completed_by.kind == MessageKind.AANVULLING


def test_a_kind_not_taken_digitally_says_where_to_send_it_and_has_no_form(
    citizen_client, decided_case
):
    case, _decision = decided_case
    ChannelRule.objects.filter(agency=case.agency, kind=MessageKind.KLACHT).update(
        accepted_digitally=False, alternative="Stuur een brief naar Postbus 15."
    )
    page = citizen_client.get(compose_url(case, "klacht"))
    text = page.content.decode()
    assert "Postbus 15" in text
    assert 'name="body"' not in text


def test_another_citizens_case_message_and_task_are_not_found_everywhere(
    client, citizen, decided_case, django_capture_on_commit_callbacks
):
    case, decision = decided_case
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send_message_to_agency(
            actor=Actor.citizen(citizen),
            citizen_bsn=citizen.bsn,
            agency=case.agency,
            case=case,
            kind=MessageKind.BEZWAAR,
            body="Niet eens.",
            related_document=decision,
            details={"wants_hearing": False},
            idempotency_key="a" * 32,
            level=LevelOfAssurance.MIDDEN,
        )
    open_case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system("test"),
        agency=open_case.agency,
        citizen_bsn=citizen.bsn,
        case=open_case,
        kind=TaskKind.ANSWER,
        title="Beantwoord de vraag",
        origin=TaskOrigin.CASEWORKER,
    )
    other = log_in(client, CitizenFactory(bsn=OTHER_BSN))
    urls = [compose_url(case, kind) for kind in ("bezwaar", "klacht", "aanvulling")]
    urls += [
        reverse("messaging:sent_detail", kwargs={"public_id": message.public_id}),
        reverse("messaging:ledger_pdf", kwargs={"public_id": message.public_id}),
        reverse("messaging:ledger_json", kwargs={"public_id": message.public_id}),
    ]
    for url in urls:
        assert other.get(url).status_code == 404, url
        assert other.post(url, {}).status_code in (404, 405), url
    # The other citizen's own case, with this citizen's task: still not found.
    own = CaseFactory(bsn=OTHER_BSN, in_progress=True, case_type=open_case.case_type)
    assert other.get(compose_url(own, "aanvulling") + f"?taak={task.public_id}").status_code == 404
    assert other.get(reverse("messaging:sent")).content.decode().count(message.subject) == 0


def test_ledger_downloads_are_attachments_not_stored_and_audited(
    citizen_client, citizen, decided_case, django_capture_on_commit_callbacks
):
    case, decision = decided_case
    page = citizen_client.get(compose_url(case, "bezwaar"))
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.post(
            compose_url(case, "bezwaar"),
            {
                "idempotency_key": token(page),
                "decision": str(decision.public_id),
                "body": "Niet eens.",
                "wants_hearing": "nee",
            },
        )
    message = Message.objects.get()
    before = AccessLogEntry.objects.for_subject(citizen.bsn).filter(object_kind="message").count()
    as_json = citizen_client.get(
        reverse("messaging:ledger_json", kwargs={"public_id": message.public_id})
    )
    assert as_json["Content-Disposition"].startswith("attachment")
    assert as_json["Cache-Control"] == "no-store"
    export = json.loads(as_json.content)
    assert export["chain_valid"] is True
    assert [e["kind"] for e in export["events"]] == ["submitted", "receipt_issued"]
    as_pdf = citizen_client.get(
        reverse("messaging:ledger_pdf", kwargs={"public_id": message.public_id})
    )
    assert as_pdf.content.startswith(b"%PDF")
    assert as_pdf["Content-Disposition"].startswith("attachment")
    after = AccessLogEntry.objects.for_subject(citizen.bsn).filter(object_kind="message").count()
    assert after >= before + 1


def test_case_page_shows_the_countdown_buttons_and_sent_messages(citizen_client, decided_case):
    case, decision = decided_case
    text = citizen_client.get(case.get_absolute_url()).content.decode()
    term = objection_term(decision)
    assert term.days_left > 1
    assert f"Nog {term.days_left} dagen: uiterlijk {date_format(term.last_day, 'j F Y')}" in text
    assert compose_url(case, "bezwaar") in text
    assert compose_url(case, "klacht") in text
    assert compose_url(case, "ingebrekestelling") not in text


def test_public_channel_page_lists_kinds_levels_and_outages(client, decided_case):
    case, _decision = decided_case
    ChannelRule.objects.filter(agency=case.agency, kind=MessageKind.KLACHT).update(
        minimum_level=LevelOfAssurance.SUBSTANTIEEL
    )
    now = timezone.now()
    ChannelOutage.objects.create(
        agency=case.agency,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=2),
        reason="Onderhoud",
    )
    ChannelOutage.objects.create(agency=case.agency, starts_at=now - timedelta(hours=1))
    response = client.get(reverse("messaging:channels", kwargs={"slug": case.agency.slug}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Substantieel" in text
    assert "Onderhoud" in text
    assert "Storing bij digitaal contact" in text
    assert (
        client.get(reverse("messaging:channels", kwargs={"slug": "bestaat-niet"})).status_code
        == 404
    )


def test_compose_in_english(citizen_client, decided_case):
    case, _decision = decided_case
    with translation.override("en"):
        url = compose_url(case, "bezwaar")
    assert url.startswith("/en/")
    text = citizen_client.get(url).content.decode()
    assert "Do you want to explain your objection in person" in text


def test_a_kind_needing_a_higher_digid_level_says_so_and_refuses_a_post(
    citizen_client, decided_case
):
    case, _decision = decided_case
    ChannelRule.objects.filter(agency=case.agency, kind=MessageKind.KLACHT).update(
        minimum_level=LevelOfAssurance.SUBSTANTIEEL
    )
    page = citizen_client.get(compose_url(case, "klacht"))
    text = page.content.decode()
    assert "Voor dit bericht moet u inloggen met DigiD Substantieel." in text
    assert 'name="body"' not in text
    posted = citizen_client.post(
        compose_url(case, "klacht"),
        {
            "idempotency_key": "c" * 32,
            "complaint_about": "De balie",
            "complaint_when": "Gisteren",
            "body": "Ik werd niet geholpen.",
        },
    )
    assert posted.status_code == 400
    assert Message.objects.count() == 0
