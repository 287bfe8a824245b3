"""Tasks on the caseworker's case screen (issue 21): create, see, withdraw;
another agency's case or task is a 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from backoffice.case_tasks import TaskForm
from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.access_log import AccessAction, AccessLogEntry
from messaging.kinds import TaskKind, TaskOrigin, TaskState
from messaging.models import Task
from messaging.tests.task_helpers import make_task

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def agency():
    return AgencyFactory(name="Gemeente Zoetermeer")


@pytest.fixture
def caseworker(agency, client):
    user = CaseworkerFactory(agency=agency)
    client.force_login(user)
    return user


@pytest.fixture
def case(agency):
    return CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN, in_progress=True)


def _form(case, **overrides):
    role = case.roles.get()
    return {
        "citizen": str(role.pk),
        "kind": TaskKind.UPLOAD,
        "title": "Stuur uw bankafschriften",
        "title_en": "Send your bank statements",
        "reason": "Wij hebben uw inkomen nodig.",
        "reason_en": "",
        "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
    } | overrides


def test_caseworker_creates_a_task_the_citizen_gets(client, caseworker, case):
    url = reverse("cases_backoffice:create_task", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(case))
    assert response.status_code == 302
    task = Task.objects.get(case=case)
    assert (task.citizen_bsn, task.kind, task.origin) == (
        BSN,
        TaskKind.UPLOAD,
        TaskOrigin.CASEWORKER,
    )
    assert task.title_en == "Send your bank statements"
    assert task.created_by_reference == "Gemeente Zoetermeer"
    detail = client.get(reverse("cases_backoffice:detail", args=[case.pk])).content.decode()
    assert 'data-testid="case-tasks-panel"' in detail
    assert "Stuur uw bankafschriften" in detail
    assert BSN not in detail


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"due_on": "2020-01-01"}, "due_on", "Kies een datum vandaag of later."),
        ({"due_on": "morgen"}, "due_on", "Vul een datum in als dag-maand-jaar."),
        ({"title": "   "}, "title", "Dit is een verplicht veld."),
        ({"kind": "bake_cake"}, "kind", "Selecteer een geldige keuze."),
    ],
)
def test_invalid_input_is_refused_with_a_dutch_message(
    client, caseworker, case, overrides, field, message
):
    response = client.post(
        reverse("cases_backoffice:create_task", args=[case.pk]), _form(case, **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert message in response.content.decode()
    assert not Task.objects.exists()


def test_error_messages_are_translated(case):
    far = (timezone.localdate() + timedelta(days=800)).isoformat()
    with translation.override("en"):
        form = TaskForm(_form(case, due_on=far), case=case)
        assert not form.is_valid()
        assert form.errors["due_on"] == ["Choose a date within a year."]


def test_caseworker_withdraws_a_task_and_it_is_logged(client, caseworker, case):
    task = make_task(case)
    response = client.post(reverse("cases_backoffice:cancel_task", args=[case.pk, task.public_id]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.CANCELLED
    withdrawn = AccessLogEntry.objects.for_subject(BSN).filter(
        action=AccessAction.CHANGED, object_kind="task"
    )
    entry = withdrawn.get()
    assert entry.actor_user == caseworker
    # Withdrawing again changes nothing.
    client.post(reverse("cases_backoffice:cancel_task", args=[case.pk, task.public_id]))
    assert withdrawn.count() == 1


def test_another_agencys_case_and_task_are_not_found(client, caseworker, case):
    other_case = CaseFactory(in_progress=True)
    other_task = make_task(other_case)
    assert (
        client.get(reverse("cases_backoffice:create_task", args=[other_case.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("cases_backoffice:cancel_task", args=[other_case.pk, other_task.public_id])
        ).status_code
        == 404
    )
    # Another case's task through our own case: also not found.
    assert (
        client.post(
            reverse("cases_backoffice:cancel_task", args=[case.pk, other_task.public_id])
        ).status_code
        == 404
    )
    other_task.refresh_from_db()
    assert other_task.state == TaskState.OPEN
