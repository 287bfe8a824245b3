"""Tasks on the caseworker's case screen (issue 21): see the case's tasks and
their state, ask the citizen to do something by a date, withdraw a request.

Registered on the case-panel hook (backoffice/panels.py) from
backoffice/wagtail_hooks.py; the case is authorised for the caseworker's own
agencies first (`_get_case`: another agency's case is a 404). Writes go through
messaging.services (create_task, cancel_task), which also write the access log.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.ui.components import Component

from cases.models import Case
from identity.access_log import AccessAction
from identity.actors import Actor
from identity.bsn import mask_bsn
from messaging import services
from messaging.kinds import TaskKind, TaskOrigin, TaskState
from messaging.models import Task
from messaging.subjects import log_case_access_for, subject_of

from .forms import add_service_errors
from .views import _get_case

# A deadline further away than this is a typo rather than a request.
LATEST_DUE_DAYS = 366


class TaskForm(forms.Form):
    citizen = forms.ChoiceField(label=gettext_lazy("Voor wie"))
    kind = forms.ChoiceField(label=gettext_lazy("Soort taak"), choices=TaskKind.choices)
    title = forms.CharField(
        label=gettext_lazy("Wat moet de inwoner doen?"),
        max_length=200,
        help_text=gettext_lazy("Kort en in gewone taal, bijvoorbeeld “Stuur uw bankafschriften”."),
    )
    title_en = forms.CharField(
        label=gettext_lazy("Wat moet de inwoner doen? (Engels)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Waarom is dit nodig?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("De inwoner leest dit bij de taak."),
    )
    reason_en = forms.CharField(
        label=gettext_lazy("Waarom is dit nodig? (Engels)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Uiterlijk op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Vul een datum in als dag-maand-jaar.")},
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # A task is for a person (Mijn taken); a business's role has none yet (issue 19).
        roles = list(case.roles.exclude(bsn="").order_by("role_type", "id"))
        # The role's id, never a BSN, in the page.
        self.roles = {str(role.pk): role for role in roles}
        self.fields["citizen"].choices = [
            (str(role.pk), f"{role.get_role_type_display()} ({mask_bsn(role.bsn)})")
            for role in roles
        ]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        today = timezone.localdate()
        if due_on < today:
            raise ValidationError(_("Kies een datum vandaag of later."), code="date_in_past")
        if due_on > today + timedelta(days=LATEST_DUE_DAYS):
            raise ValidationError(_("Kies een datum binnen een jaar."), code="date_too_far")
        return due_on

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Vul in wat de inwoner moet doen."), code="required")
        return title


class CaseTasksPanel(Component):
    template_name = "backoffice/case_tasks_panel.html"

    def __init__(self, *, request, case: Case, tasks: list[Task]):
        self.request = request
        self.case = case
        self.tasks = tasks

    def get_context_data(self, parent_context=None):
        return {
            "case": self.case,
            "tasks": self.tasks,
            "open_state": TaskState.OPEN,
            # A component renders with its own context: the withdraw forms need the token.
            "csrf_token": get_token(self.request),
        }


def case_tasks_panel(*, request, case: Case) -> CaseTasksPanel:
    tasks = sorted(
        Task.objects.filter(case=case).select_related("completed_by").order_by("created_at"),
        # Open tasks first, the most urgent on top; finished ones below.
        key=lambda task: (task.state != TaskState.OPEN, task.due_on or date.max),
    )
    return CaseTasksPanel(request=request, case=case, tasks=tasks)


@require_http_methods(["GET", "POST"])
def create_case_task(request, pk: int):
    case = _get_case(request, pk)
    form = TaskForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_task(
                actor=Actor.caseworker(request.user, agency=case.agency),
                agency=case.agency,
                case=case,
                citizen_bsn=form.roles[data["citizen"]].bsn,
                kind=data["kind"],
                title=data["title"],
                title_en=data["title_en"],
                reason=data["reason"],
                reason_en=data["reason_en"],
                due_on=data["due_on"],
                origin=TaskOrigin.CASEWORKER,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De taak staat nu bij de inwoner in Mijn taken."))
            return redirect("cases_backoffice:detail", pk=case.pk)
    return render(request, "backoffice/create_task.html", {"case": case, "form": form})


@require_POST
def cancel_case_task(request, pk: int, public_id):
    case = _get_case(request, pk)
    task = Task.objects.filter(case=case, public_id=public_id).first()
    if task is None:
        raise Http404
    if task.state == TaskState.OPEN:
        actor = Actor.caseworker(request.user, agency=case.agency)
        with transaction.atomic():
            services.cancel_task(task=task, actor=actor)
            # The citizen reads who withdrew it in their access log (messaging's
            # create_task logs the creation the same way).
            log_case_access_for(
                subject_of(task),
                case=case,
                actor=actor,
                action=AccessAction.CHANGED,
                object_kind="task",
                object_label=f"{task.title} ({case.reference})",
                detail={"task": str(task.public_id), "state": TaskState.CANCELLED.value},
            )
        messages.success(
            request, _("De taak is ingetrokken; de inwoner hoeft die niet meer te doen.")
        )
    else:
        messages.warning(request, _("Deze taak was al gedaan of ingetrokken."))
    return redirect("cases_backoffice:detail", pk=case.pk)
