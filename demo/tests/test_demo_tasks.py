"""The demo's task (issue 21): 999993653 is asked for her bank statements on
the bijzondere-bijstand case, due in ten days; seeding again adds nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from demo import agencies_and_cases, people, staff, tasks
from messaging.kinds import TaskKind, TaskOrigin, TaskState
from messaging.models import Task

pytestmark = pytest.mark.django_db


def _seed():
    for chapter in (people, agencies_and_cases, staff, tasks):
        chapter.seed(io.StringIO())


def test_suzanne_is_asked_for_her_bank_statements_once():
    _seed()
    _seed()
    task = Task.objects.get(
        state=TaskState.OPEN, citizen_bsn="999993653", case__external_id="demo-2"
    )
    assert task.kind == TaskKind.UPLOAD
    assert task.origin == TaskOrigin.CASEWORKER
    assert task.due_on == timezone.localdate() + timedelta(days=10)
    assert task.title.startswith("Stuur uw bankafschriften vóór ")
    assert task.case.case_type.code == "bijzondere-bijstand"
    # The general task the status made is withdrawn: one thing to do, not two.
    general = Task.objects.get(case=task.case, origin=TaskOrigin.STATUS)
    assert general.state == TaskState.CANCELLED
