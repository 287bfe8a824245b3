"""Citizen pages of issue 18: Mijn berichten (inbox), a conversation with its
reply form, a question about a case, and the consent page ("Berichten en
meldingen"). Thin: reads in selectors (another citizen's thread is a 404),
writes in services; every view of a message goes to the access log."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.models import Case
from documents.receiving import (
    CITIZEN_UPLOADS,
    receive_upload,
    receives_upload,
    too_large_error,
    upload_too_large,
)
from documents.services import cleanup_uncommitted_files
from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor
from identity.decorators import citizen_required

from . import selectors, services
from .consent import consent_history, consents_of, message_types_for_citizen
from .forms import ConsentForm, QuestionForm, ReplyForm, new_token
from .kinds import Direction, MessageKind
from .views.common import log_page_access

ARCHIVE_PARAM = "archief"


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@citizen_required
@require_http_methods(["GET", "HEAD"])
def inbox(request):
    archived = request.GET.get(ARCHIVE_PARAM) == "1"
    threads = list(selectors.threads_for_citizen(context=request.acting, archived=archived)[:200])
    log_page_access(
        request, action=AccessAction.VIEWED, object_kind="message", object_label="Mijn berichten"
    )
    return _no_store(
        render(request, "messaging/inbox.html", {"threads": threads, "archived": archived})
    )


@citizen_required
@receives_upload(file_inputs=1)
@require_http_methods(["GET", "HEAD", "POST"])
def thread(request, public_id):
    conversation = selectors.thread_for_citizen(context=request.acting, public_id=public_id)
    actor = Actor.acting(request.user, request.acting)
    allow_file = conversation.case_id is not None
    form = ReplyForm(initial={"token": new_token()}, allow_file=allow_file)
    history = selectors.thread_messages(conversation)
    if request.method == "POST":
        form, sent = _reply(request, conversation, history, allow_file=allow_file)
        if sent is not None:
            flash.success(request, _("Uw bericht is verstuurd."))
            return redirect("messaging:thread", public_id=conversation.public_id)
    # Opening the conversation opens every message in it (Awb 2:14: recorded once).
    for message in history:
        if message.direction == Direction.TO_CITIZEN and message.first_opened_at is None:
            services.record_citizen_opened(message=message, actor=actor)
    log_page_access(
        request,
        action=AccessAction.VIEWED,
        object_kind="message",
        object_label=conversation.subject,
        organisation=conversation.agency.name,
        detail={"thread": str(conversation.public_id)},
    )
    return _no_store(
        render(
            request,
            "messaging/thread.html",
            {
                "thread": conversation,
                "history": history,
                "form": form,
                "archived": bool(history) and all(m.archived_by_citizen for m in history),
            },
        )
    )


def _reply(request, conversation, history, *, allow_file: bool):
    data = request.POST.copy()
    data["token"] = data.get("token") or new_token()
    too_large = allow_file and upload_too_large(request, "file")
    form = ReplyForm(data, None if too_large else request.FILES, allow_file=allow_file)
    form.is_valid()
    if too_large:
        form.add_error("file", too_large_error())
    last = history[-1] if history else None
    upload = _received_file(request, form) if allow_file else None
    try:
        if form.errors or last is None:
            return form, None
        message = services.reply_to_message(
            actor=Actor.acting(request.user, request.acting),
            message=last,
            body=form.cleaned_data["body"],
            uploads=[upload] if upload is not None else [],
            idempotency_key=form.cleaned_data["token"],
            level=int(request.acting.level(request) or 0),
            acting=request.acting,
        )
        return form, message
    except ValidationError as exc:
        _add_errors(form, exc)
        return form, None
    finally:
        if upload is not None:
            upload.close()
        cleanup_uncommitted_files()


def _received_file(request, form):
    uploaded = form.cleaned_data.get("file") if hasattr(form, "cleaned_data") else None
    if not uploaded or "file" in form.errors:
        return None
    try:
        return receive_upload(request, uploaded, field="file", rate_limit=CITIZEN_UPLOADS)
    except ValidationError as exc:
        form.add_error("file", exc)
        return None


def _add_errors(form, exc: ValidationError) -> None:
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for name, errors in by_field.items():
        target = name if name in form.fields else ("file" if name == "files" else None)
        if target not in form.fields:
            target = None
        form.add_error(target, errors)


@citizen_required
@require_POST
def archive(request, public_id):
    conversation = selectors.thread_for_citizen(context=request.acting, public_id=public_id)
    archived = request.POST.get("archive") == "1"
    services.set_archived(
        thread=conversation, actor=Actor.acting(request.user, request.acting), archived=archived
    )
    flash.success(
        request,
        _("Het gesprek staat in uw archief.")
        if archived
        else _("Het gesprek staat weer bij uw berichten."),
    )
    return redirect("messaging:thread", public_id=conversation.public_id)


@citizen_required
@receives_upload(file_inputs=1)
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request, agency: str, reference: str):
    """ "Stel een vraag over deze zaak": the first message of a thread (kind vraag)."""
    try:
        case = case_selectors.case_for_citizen(
            context=request.acting, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None
    form = QuestionForm(initial={"token": new_token()})
    if request.method == "POST":
        data = request.POST.copy()
        data["token"] = data.get("token") or new_token()
        too_large = upload_too_large(request, "file")
        form = QuestionForm(data, None if too_large else request.FILES)
        form.is_valid()
        if too_large:
            form.add_error("file", too_large_error())
        upload = _received_file(request, form)
        try:
            if not form.errors:
                message = services.send_message_to_agency(
                    actor=Actor.acting(request.user, request.acting),
                    acting=request.acting,
                    agency=case.agency,
                    case=case,
                    kind=MessageKind.VRAAG,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    uploads=[upload] if upload is not None else [],
                    idempotency_key=form.cleaned_data["token"],
                    level=int(request.acting.level(request) or 0),
                )
                flash.success(request, _("Uw vraag is verstuurd."))
                return redirect("messaging:thread", public_id=message.thread.public_id)
        except ValidationError as exc:
            _add_errors(form, exc)
        finally:
            if upload is not None:
                upload.close()
            cleanup_uncommitted_files()
    return _no_store(render(request, "messaging/ask.html", {"case": case, "form": form}))


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request):
    """Mijn gegevens → Berichten en meldingen: per message type, digital or by
    post, and the notification channels (Awb 2:8); with the history of changes.
    The choice of the person logged in for themselves: in another's context a 404
    (the notification addresses are the actor's own, like the contact details)."""
    if not request.acting.is_self:
        raise Http404
    bsn = request.acting.subject.bsn
    actor = Actor.citizen(request.user)
    rows = consents_of(bsn, message_types_for_citizen(bsn))
    form = ConsentForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        changed = 0
        for message_type, digital, email, sms in form.choices():
            changed += services.set_consent(
                actor=actor,
                citizen_bsn=bsn,
                message_type=message_type,
                digital=digital,
                email=email,
                sms=sms,
            )
        flash.success(
            request,
            _("Uw keuzes zijn opgeslagen.") if changed else _("Er is niets veranderd."),
        )
        return redirect("messaging:consent")
    log_person_access(
        bsn=bsn,
        actor=actor,
        action=AccessAction.VIEWED,
        purpose=Purpose.OWN_VIEW,
        object_kind="message_consent",
        object_label="Berichten en meldingen",
    )
    return _no_store(
        render(
            request,
            "messaging/consent.html",
            {"form": form, "history": list(consent_history(bsn)[:50])},
        )
    )
