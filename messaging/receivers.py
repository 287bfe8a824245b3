"""Tasks from "action required" status types (docs/decisions/0030, point 4).

A status type marked "actie nodig van de inwoner" asks the case's initiator to
do something: it becomes a task, so it appears in Mijn taken and is completed
by the one supplement path. When the case moves to another status, tasks that
an earlier status asked for are no longer asked: they are cancelled.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cases import signals as case_signals
from cases.models import RoleType
from identity.acting import Subject
from identity.actors import Actor
from portal import empty_reads

from .kinds import TaskKind, TaskOrigin, TaskState
from .models import Message, Task
from .selectors import CASE_MESSAGES_SCOPE
from .subjects import subject_fields


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
    # One task per initiator: a person by BSN, a business by KvK number and
    # branch (decision 0049); an RSIN-only role has no portal login to do it.
    subjects = {
        Subject(bsn=role.bsn) if role.bsn else Subject(kvk=role.kvk, branch=role.branch)
        for role in case.roles.filter(role_type=RoleType.INITIATOR).exclude(bsn="", kvk="")
    }
    for subject in sorted(subjects, key=lambda s: s.identifiers):
        if Task.objects.filter(status_update=status_update, **subject_fields(subject)).exists():
            continue
        services.create_task(
            actor=actor,
            agency=case.agency,
            case=case,
            party=subject,
            kind=kind,
            title=status_type.action_label or status_type.citizen_text,
            title_en=status_type.action_label_en or status_type.citizen_text_en,
            reason=status_update.explanation or status_type.citizen_description,
            reason_en=status_type.citizen_description_en,
            origin=TaskOrigin.STATUS,
            status_update_id=status_update.pk,
        )


case_signals.status_set.connect(tasks_from_status, dispatch_uid="messaging.tasks_from_status")


@receiver(post_save, sender=Message)
@receiver(post_delete, sender=Message)
def _case_messages_changed(sender, instance: Message, **kwargs) -> None:
    """A message of a case (or one that opened it) was written or removed: the
    case page's remembered "no messages" no longer holds (portal.empty_reads,
    messaging.selectors.case_page_messages)."""
    for case_id in {instance.case_id, instance.opened_case_id} - {None}:
        empty_reads.changed(CASE_MESSAGES_SCOPE, case_id)
