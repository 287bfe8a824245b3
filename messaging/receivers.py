"""Tasks from "action required" status types (docs/decisions/0030, point 4).

A status type marked "actie nodig van de inwoner" asks the case's initiator to
do something: it becomes a task, so it appears in Mijn taken and is completed
by the one supplement path. When the case moves to another status, tasks that
an earlier status asked for are no longer asked: they are cancelled.
"""

from cases import signals as case_signals
from cases.models import RoleType
from identity.actors import Actor

from .kinds import TaskKind, TaskOrigin, TaskState
from .models import Task


def tasks_from_status(sender, status_update, case, actor: Actor, **kwargs) -> None:
    from . import services

    for task in Task.objects.filter(
        case=case, origin=TaskOrigin.STATUS, state=TaskState.OPEN
    ).exclude(status_update=status_update):
        services.cancel_task(task=task, actor=actor)
    status_type = status_update.status_type
    if not status_type.action_required or case.is_closed:
        return
    kind = TaskKind.UPLOAD if status_type.allows_citizen_upload else TaskKind.ANSWER
    bsns = (
        case.roles.filter(role_type=RoleType.INITIATOR)
        .exclude(bsn="")
        .values_list("bsn", flat=True)
    )
    for bsn in sorted(set(bsns)):
        if Task.objects.filter(status_update=status_update, citizen_bsn=bsn).exists():
            continue
        services.create_task(
            actor=actor,
            agency=case.agency,
            case=case,
            citizen_bsn=bsn,
            kind=kind,
            title=status_type.action_label or status_type.citizen_text,
            title_en=status_type.action_label_en or status_type.citizen_text_en,
            reason=status_update.explanation or status_type.citizen_description,
            reason_en=status_type.citizen_description_en,
            origin=TaskOrigin.STATUS,
            status_update_id=status_update.pk,
        )


case_signals.status_set.connect(tasks_from_status, dispatch_uid="messaging.tasks_from_status")
