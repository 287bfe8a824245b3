"""One way to send what a task asks for (docs/decisions/0030, point 4): while a
case has an open upload/answer task, the case page hides the generic "Document
sturen" form and the task's link to the aanvulling form is the way to send it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory, CaseTypeFactory
from identity.actors import Actor
from messaging import services
from messaging.kinds import TaskKind, TaskState
from messaging.models import Task

from .task_helpers import make_task

pytestmark = pytest.mark.django_db


def _upload_url(case) -> str:
    return reverse(
        "documents:upload", kwargs={"agency": case.agency.slug, "reference": case.reference}
    )


def _compose_url(case, task) -> str:
    url = reverse(
        "messaging:compose",
        kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": "aanvulling"},
    )
    return f"{url}?taak={task.public_id}"


@pytest.fixture
def upload_case(citizen):
    # "Aanvulling nodig" allows uploads and asks for them: the status makes an
    # open upload task for the initiator (messaging.receivers).
    return CaseFactory(
        bsn=citizen.bsn, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )


def test_an_open_upload_task_leaves_only_the_task_link(citizen_client, upload_case):
    task = Task.objects.get(case=upload_case, state=TaskState.OPEN)
    assert task.kind == TaskKind.UPLOAD
    html = citizen_client.get(upload_case.get_absolute_url()).content.decode()
    assert _upload_url(upload_case) not in html
    assert 'id="document-sturen"' not in html
    assert _compose_url(upload_case, task).replace("&", "&amp;") in html


def test_an_answer_task_from_the_back_office_hides_the_form_too(citizen, citizen_client):
    case = CaseFactory(
        bsn=citizen.bsn, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )
    for task in Task.objects.filter(case=case):
        services.cancel_task(task=task, actor=Actor.system("test"))
    answer = make_task(case, bsn=citizen.bsn, kind=TaskKind.ANSWER)
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert _upload_url(case) not in html
    assert _compose_url(case, answer).replace("&", "&amp;") in html


def test_without_an_open_task_the_generic_form_is_back(citizen_client, upload_case):
    for task in Task.objects.filter(case=upload_case):
        services.cancel_task(task=task, actor=Actor.system("test"))
    html = citizen_client.get(upload_case.get_absolute_url()).content.decode()
    assert _upload_url(upload_case) in html
    assert 'id="document-sturen"' in html


def test_a_pay_task_does_not_hide_the_form(citizen_client, upload_case):
    # Paying is not sending a document: only upload/answer tasks take the form's place.
    for task in Task.objects.filter(case=upload_case):
        services.cancel_task(task=task, actor=Actor.system("test"))
    make_task(upload_case, bsn=upload_case.roles.get().bsn, kind=TaskKind.PAY)
    html = citizen_client.get(upload_case.get_absolute_url()).content.decode()
    assert _upload_url(upload_case) in html


def test_a_task_on_another_case_does_not_hide_this_form(citizen_client, upload_case):
    for task in Task.objects.filter(case=upload_case):
        services.cancel_task(task=task, actor=Actor.system("test"))
    other_case = CaseFactory(bsn=upload_case.roles.get().bsn, in_progress=True)
    make_task(other_case, bsn=other_case.roles.get().bsn, kind=TaskKind.UPLOAD)
    html = citizen_client.get(upload_case.get_absolute_url()).content.decode()
    assert _upload_url(upload_case) in html
