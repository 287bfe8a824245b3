"""Compose a formal message about a case (issue 17): one view for the five kinds.

The form is a courtesy, `send_message_to_agency` is the guard: it checks the
channel register (Awb 2:13/2:14), the DigiD level, the terms and the task again,
writes everything in one transaction and is idempotent on the token the page
was rendered with.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import ExitStack

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import Case
from documents.receiving import (
    CITIZEN_UPLOADS,
    ReceivedUpload,
    receive_upload,
    receives_upload,
    too_large_error,
    upload_too_large,
)
from identity.access_log import AccessAction
from identity.actors import Actor
from identity.decorators import citizen_required
from messaging import eligibility, selectors, services, terms
from messaging.availability import alternative_text, unavailable_reason
from messaging.channels import channel_rule, current_outages
from messaging.formal_forms import FORMS, TOKEN_PATTERN, FormalMessageForm, ObjectionForm, new_token
from messaging.kinds import CITIZEN_FORMAL_KINDS, MessageKind
from messaging.models import Message, Task

from .common import case_or_404, log_page_access

logger = logging.getLogger(__name__)
ATTACHMENTS = "attachments"
TOKENS_SESSION_KEY = "messaging_form_tokens"
TOKENS_KEPT = 20
# The service's field names where the form calls them differently.
SERVICE_FIELDS = {"files": ATTACHMENTS}


def _task_or_404(request, case: Case, kind: str) -> Task | None:
    """`?taak=<uuid>`: a task of this citizen on this case, answered by an aanvulling."""
    value = request.GET.get("taak", "")
    if not value:
        return None
    try:
        public_id = uuid.UUID(value)
    except ValueError:
        raise Http404 from None
    task = selectors.task_for_citizen(context=request.acting, public_id=public_id)
    if task.case_id != case.pk or kind != MessageKind.AANVULLING:
        raise Http404
    return task


def _form(kind: str, case: Case, data=None, files=None, initial=None) -> FormalMessageForm:
    form_class = FORMS[kind]
    if form_class is ObjectionForm:
        return ObjectionForm(data, files, initial=initial, decisions=eligibility.decisions(case))
    return form_class(data, files, initial=initial)


def _sent_with(request, key: str) -> Message | None:
    if not TOKEN_PATTERN.fullmatch(key):
        return None
    return (
        selectors.messages_for_citizen(context=request.acting)
        .filter(
            sender_key=services.sender_key(Actor.acting(request.user, request.acting)),
            idempotency_key=key,
        )
        .first()
    )


def _form_token(request, case: Case, kind: str, task: Task | None) -> str:
    """The idempotency token of this form: the same for every tab the citizen
    opens on it until a message is sent with it, then a new one. So two tabs, a
    double click or a retried POST give one message; the next one is new."""
    slot = f"{case.pk}:{kind}:{task.pk if task else ''}"
    tokens = dict(request.session.get(TOKENS_SESSION_KEY, {}))
    token = tokens.get(slot, "")
    if not TOKEN_PATTERN.fullmatch(token) or _sent_with(request, token) is not None:
        token = new_token()
        tokens.pop(slot, None)
        tokens[slot] = token
        # The newest few forms only: the session stays small.
        request.session[TOKENS_SESSION_KEY] = dict(list(tokens.items())[-TOKENS_KEPT:])
    return token


@citizen_required
@receives_upload(file_inputs=services.MAX_ATTACHMENTS)
@require_http_methods(["GET", "POST"])
def compose(request, agency: str, reference: str, kind: str):
    if kind not in CITIZEN_FORMAL_KINDS:
        raise Http404
    case = case_or_404(request, agency, reference)
    task = _task_or_404(request, case, kind)
    if request.method == "GET":
        # The page shows the case (and its decisions): a view of the case.
        log_page_access(
            request,
            action=AccessAction.VIEWED,
            object_kind="case",
            object_label=f"{case.title} ({case.reference})",
            organisation=case.agency.name,
            detail={"case_id": case.pk},
        )
    rule = channel_rule(case.agency, kind)
    reason = (
        unavailable_reason(
            case=case,
            kind=kind,
            subject=request.acting.subject,
            task=task,
            rule=rule,
            level=int(request.acting.level(request) or 0),
        )
        if rule.accepted_digitally
        else ""
    )
    form = None
    if rule.accepted_digitally and not reason:
        if request.method == "POST":
            sent = _sent_with(request, request.POST.get("idempotency_key", ""))
            if sent is not None:
                messages.info(
                    request, _("Dit bericht was al verstuurd. U ziet hier wat is ontvangen.")
                )
                return redirect("messaging:sent_detail", public_id=sent.public_id)
            form = _form(kind, case, request.POST, request.FILES)
            message = _send(request, form, case, task) if form.is_valid() else None
            if message is not None:
                return redirect("messaging:sent_detail", public_id=message.public_id)
        else:
            form = _form(
                kind, case, initial={"idempotency_key": _form_token(request, case, kind, task)}
            )
    status = 400 if request.method == "POST" else 200
    response = render(
        request,
        "messaging/compose.html",
        {
            "case": case,
            "kind": kind,
            "kind_label": MessageKind(kind).label,
            "rule": rule,
            "alternative": alternative_text(rule),
            "reason": reason,
            "form": form,
            "task": task,
            "outages": [o for o in current_outages(case.agency) if o.affects(kind)],
            "views_last_day": eligibility.views_last_day(case),
            # Awb 4:17 lid 3: two weeks after the notice arrives.
            "default_deadline": terms.default_last_day(timezone.localdate()),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _send(request, form: FormalMessageForm, case: Case, task: Task | None) -> Message | None:
    """Receive the files, then send; on any refusal the errors are on the form
    and nothing is kept (the service's one transaction; receiving cleans up)."""
    files = request.FILES.getlist(ATTACHMENTS)
    if upload_too_large(request, ATTACHMENTS):
        form.add_error(ATTACHMENTS, too_large_error())
        return None
    if len(files) > services.MAX_ATTACHMENTS:
        form.add_error(
            ATTACHMENTS,
            _("Stuur hoogstens %(max)s bestanden tegelijk.") % {"max": services.MAX_ATTACHMENTS},
        )
        return None
    with ExitStack() as stack:
        uploads: list[ReceivedUpload] = []
        for uploaded in files:
            try:
                uploads.append(
                    stack.enter_context(
                        receive_upload(
                            request, uploaded, field=ATTACHMENTS, rate_limit=CITIZEN_UPLOADS
                        )
                    )
                )
            except ValidationError as exc:
                for text in exc.messages:
                    form.add_error(ATTACHMENTS, f"{uploaded.name}: {text}")
                return None
        try:
            return services.send_message_to_agency(
                actor=Actor.acting(request.user, request.acting),
                acting=request.acting,
                agency=case.agency,
                case=case,
                kind=form.kind,
                body=form.cleaned_data["body"],
                details=form.details(),
                related_document=form.related_document(),
                task=task,
                uploads=uploads,
                idempotency_key=form.cleaned_data["idempotency_key"],
                level=int(request.acting.level(request) or 0),
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        except (DatabaseError, OSError):
            logger.exception("A formal message on case %s could not be saved", case.pk)
            form.add_error(
                None,
                _(
                    "Uw bericht kon niet worden verstuurd. Er is niets opgeslagen. "
                    "Probeer het opnieuw."
                ),
            )
    return None


def _add_service_errors(form: FormalMessageForm, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for field, texts in errors.items():
        field = SERVICE_FIELDS.get(field, field)
        target = field if field in form.fields and field != "idempotency_key" else None
        for text in texts:
            form.add_error(target, text)
