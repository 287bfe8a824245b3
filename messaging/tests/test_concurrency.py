"""Two tabs, a double click: one message (idempotency), proven with real
parallel connections on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from cases.models import CaseSource
from cases.tests.factories import CaseFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import services
from messaging.kinds import MessageKind, TaskKind, TaskOrigin, TaskState
from messaging.models import Message

from .factories import objection_and_complaint_channels, upload

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 4


def _in_parallel(function, count):
    if connection.vendor == "sqlite":
        return [function(index) for index in range(count)]
    barrier = Barrier(count)

    def run(index):
        try:
            barrier.wait()
            return function(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_parallel_submissions_with_one_key_make_one_message_and_one_case(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)

    def submit(index):
        return services.send_message_to_agency(
            actor=Actor.citizen(citizen),
            citizen_bsn=citizen.bsn,
            agency=case.agency,
            case=case,
            kind=MessageKind.KLACHT,
            body="Dubbel geklikt",
            idempotency_key="same-key",
            level=LevelOfAssurance.MIDDEN,
        ).pk

    assert len(set(_in_parallel(submit, WORKERS))) == 1
    assert Message.objects.count() == 1
    assert case.agency.cases.filter(source=CaseSource.MESSAGE).count() == 1


def test_parallel_supplements_for_one_task_complete_it_once(citizen):
    from django.core.exceptions import ValidationError

    case = CaseFactory(in_progress=True)
    task = services.create_task(
        actor=Actor.system(),
        agency=case.agency,
        case=case,
        citizen_bsn=citizen.bsn,
        kind=TaskKind.UPLOAD,
        title="Stuur uw loonstrook",
        origin=TaskOrigin.CASEWORKER,
    )

    def supplement(index):
        try:
            return services.send_message_to_agency(
                actor=Actor.citizen(citizen),
                citizen_bsn=citizen.bsn,
                agency=case.agency,
                case=case,
                kind=MessageKind.AANVULLING,
                body="",
                task=task,
                uploads=[upload()],
                idempotency_key=f"tab-{index}",
                level=LevelOfAssurance.MIDDEN,
            ).pk
        except ValidationError:
            return None

    results = _in_parallel(supplement, WORKERS)
    assert len([r for r in results if r]) == 1
    task.refresh_from_db()
    assert task.state == TaskState.COMPLETED
