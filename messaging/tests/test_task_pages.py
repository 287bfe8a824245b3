"""Mijn taken, the overview's tasks panel and the count in the navigation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from messaging import services
from messaging.kinds import MessageKind, TaskKind, TaskState
from messaging.models import Task
from messaging.task_selectors import finished_tasks_for_citizen, open_tasks_for_request

from .factories import upload
from .task_helpers import make_task

pytestmark = pytest.mark.django_db
TASKS_URL = "/mijn/taken/"


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _supplement(citizen, task, name="afschrift-oktober.png"):
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=task.case.agency,
        case=task.case,
        kind=MessageKind.AANVULLING,
        body="Hierbij mijn afschriften.",
        idempotency_key=f"task-{task.pk}",
        task=task,
        uploads=[upload(name)],
        level=LevelOfAssurance.MIDDEN,
    )


def test_open_task_shows_agency_reason_deadline_and_the_supplement_link(citizen_client):
    case = CaseFactory(in_progress=True)
    task = make_task(case, days=3)
    html = citizen_client.get(TASKS_URL).content.decode()
    assert "Stuur uw bankafschriften" in html
    assert case.agency.name in html
    assert "Wij hebben uw inkomen nodig om te beslissen." in html
    assert "nog 3 dagen" in html
    assert "ol-task--soon" in html  # due within 7 days: highlighted
    try:
        compose = reverse(
            "messaging:compose",
            kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": "aanvulling"},
        )
    except NoReverseMatch:  # the aanvulling form is built on feat/formal
        compose = None
    expected = f"{compose}?taak={task.public_id}" if compose else case.get_absolute_url()
    assert f'href="{expected}" data-task="{task.public_id}"' in html


def test_a_task_due_later_is_not_highlighted_and_an_overdue_one_says_so(citizen_client):
    case = CaseFactory(in_progress=True)
    make_task(case, days=20, title="Later")
    overdue = make_task(case, days=1, title="Te laat")
    Task.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    html = citizen_client.get(TASKS_URL).content.decode()
    assert "Te laat: de uiterste datum was 2 dagen geleden" in html
    assert html.count("ol-task--soon") == 0
    assert html.count("ol-task--overdue") == 1


def test_a_completed_task_confirms_what_was_received_and_is_not_asked_again(
    citizen, citizen_client
):
    case = CaseFactory(in_progress=True)
    task = make_task(case)
    message = _supplement(citizen, task)
    html = citizen_client.get(TASKS_URL).content.decode()
    assert "0 taken te doen" in html
    assert "Gedaan" in html
    assert "afschrift-oktober.png" in html
    assert timezone.localtime(message.sent_at).strftime("%H:%M") in html
    assert "U hoeft op dit moment niets te doen." in html


def test_a_cancelled_task_says_nothing_more_is_needed(citizen_client):
    case = CaseFactory(in_progress=True)
    task = make_task(case)
    services.cancel_task(task=task, actor=Actor.system("test"))
    html = citizen_client.get(TASKS_URL).content.decode()
    assert "Vervallen" in html
    assert "u hoeft hier niets meer voor te doen" in html
    assert 'data-task="' not in html


def test_pay_task_shows_the_agency_contact_and_no_payment(citizen_client):
    case = CaseFactory(in_progress=True)
    case.agency.phone = "14 079"
    case.agency.save()
    make_task(case, kind=TaskKind.PAY, title="Betaal de leges")
    html = citizen_client.get(TASKS_URL).content.decode()
    assert "Betalen kan nog niet in Open Loket" in html
    assert 'href="tel:14079"' in html
    assert 'data-task="' not in html


def test_another_citizens_task_is_not_shown(client):
    other = CitizenFactory(bsn="999990019")
    case = CaseFactory(in_progress=True)
    make_task(case, title="Alleen voor Suzanne")
    html = log_in(client, other).get(TASKS_URL).content.decode()
    assert "Alleen voor Suzanne" not in html
    assert "U hoeft op dit moment niets te doen." in html


def test_mijn_taken_needs_a_login(client):
    response = client.get(TASKS_URL)
    assert response.status_code == 302
    assert "next=%2Fmijn%2Ftaken%2F" in response["Location"]


def test_the_page_is_never_stored(citizen_client):
    assert citizen_client.get(TASKS_URL)["Cache-Control"] == "no-store"


def test_nav_count_and_overview_panel_read_the_tasks_once(citizen_client):
    case = CaseFactory(in_progress=True)
    make_task(case, days=2, title="Eerste taak")
    make_task(case, days=5, title="Tweede taak")
    with CaptureQueriesContext(connection) as queries:
        html = citizen_client.get(reverse("cases:overview")).content.decode()
    task_queries = [q for q in queries if 'FROM "messaging_task"' in q["sql"]]
    assert len(task_queries) == 1
    assert "U hebt 2 taken" in html
    assert 'Mijn taken <span class="ol-nav-count">(2' in html


def test_the_panel_does_not_query_per_case_or_task(citizen, django_assert_num_queries, rf):
    cases = [CaseFactory(in_progress=True) for _ in range(3)]
    for case in cases:
        make_task(case)
    request = rf.get("/")
    request.user = citizen
    with django_assert_num_queries(1):
        tasks = open_tasks_for_request(request)
        open_tasks_for_request(request)  # the navigation and the panel share it
        assert [t.case.agency.slug for t in tasks]  # no lazy load of case or agency
    assert len(tasks) == 3


def test_finished_tasks_need_a_fixed_number_of_queries(citizen, django_assert_num_queries):
    for index in range(3):
        task = make_task(CaseFactory(in_progress=True), title=f"Taak {index}")
        _supplement(citizen, task, name=f"bestand-{index}.png")
    with django_assert_num_queries(2):  # the tasks with their message; attachments with documents
        finished = finished_tasks_for_citizen(user=citizen)
        names = [
            a.document.original_filename for t in finished for a in t.completed_by.attachments.all()
        ]
    assert sorted(names) == ["bestand-0.png", "bestand-1.png", "bestand-2.png"]
    assert all(t.state == TaskState.COMPLETED for t in finished)


def test_another_citizens_task_is_not_found_by_its_id():
    """What the aanvulling form (?taak=<uuid>) uses to find the task: 404, not 403."""
    from django.http import Http404

    from messaging.selectors import task_for_citizen

    task = make_task(CaseFactory(in_progress=True))
    with pytest.raises(Http404):
        task_for_citizen(user=CitizenFactory(bsn="999990019"), public_id=task.public_id)
