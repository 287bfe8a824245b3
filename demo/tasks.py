"""Demo chapter: Suzanne Moulin's task (issue 21).

The bijzondere-bijstand case (demo case "2", demo/agencies_and_cases.py) stands
at "Wij hebben meer gegevens van u nodig", which made a general task from the
status. The caseworker of Zoetermeer then asked precisely what is needed and
by when: "Stuur uw bankafschriften vóór <date>" (an upload task, due in ten
days). The general task is withdrawn, so Mijn taken shows one task to do and,
under "Gedaan en vervallen", the withdrawn one. Uploading the statements
through the aanvulling form completes it.

Idempotent: the task by its idempotency key; withdrawing is a no-op when done.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation

from cases.models import Case
from identity.actors import Actor
from messaging import services
from messaging.kinds import TaskKind, TaskOrigin, TaskState
from messaging.models import Task

from .staff import caseworker_username

BSN = "999993653"
TASK_KEY = "demo-bankafschriften"
DUE_IN_DAYS = 10


def _date(day, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "j F Y")


def seed(out) -> None:
    case = Case.objects.filter(agency__slug="zoetermeer", external_id="demo-2").first()
    if case is None:
        out.write("Demo task: no bijzondere-bijstand case (seed demo.agencies_and_cases first)")
        return
    if Task.objects.filter(agency=case.agency, idempotency_key=TASK_KEY).exists():
        out.write("Demo task: already there")
        return
    user = get_user_model().objects.get(username=caseworker_username(case.agency))
    actor = Actor.caseworker(user, agency=case.agency)
    for general in Task.objects.filter(case=case, origin=TaskOrigin.STATUS, state=TaskState.OPEN):
        services.cancel_task(task=general, actor=actor)
    due_on = timezone.localdate() + timedelta(days=DUE_IN_DAYS)
    services.create_task(
        actor=actor,
        agency=case.agency,
        case=case,
        citizen_bsn=BSN,
        kind=TaskKind.UPLOAD,
        title=f"Stuur uw bankafschriften vóór {_date(due_on, 'nl')}",
        title_en=f"Send your bank statements before {_date(due_on, 'en')}",
        reason=(
            "Wij kijken of u de wasmachine niet zelf kunt betalen. Daarvoor hebben wij "
            "uw bankafschriften van de laatste drie maanden nodig, van alle rekeningen."
        ),
        reason_en=(
            "We check whether you can pay for the washing machine yourself. For that we "
            "need your bank statements of the last three months, of all your accounts."
        ),
        due_on=due_on,
        origin=TaskOrigin.CASEWORKER,
        idempotency_key=TASK_KEY,
    )
    out.write(f"Demo task: bank statements for {case.reference}, due {due_on.isoformat()}")
