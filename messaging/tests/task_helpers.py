"""Tasks as the back office, the API or a status make them, for the tests of
Mijn taken, the panel, reminders and the task screens (issue 21)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from identity.actors import Actor
from messaging import services
from messaging.kinds import TaskKind, TaskOrigin


def make_task(case, *, bsn="999993653", days=10, kind=TaskKind.UPLOAD, title=None, **kwargs):
    return services.create_task(
        actor=Actor.system("test"),
        agency=case.agency,
        case=case,
        citizen_bsn=bsn,
        kind=kind,
        title=title or "Stuur uw bankafschriften",
        reason=kwargs.pop("reason", "Wij hebben uw inkomen nodig om te beslissen."),
        origin=TaskOrigin.CASEWORKER,
        due_on=None if days is None else timezone.localdate() + timedelta(days=days),
        **kwargs,
    )
