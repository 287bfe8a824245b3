"""Issue 18 on the caseworker's case screen: send the citizen a message (type,
formal, action-by date, documents of the case), answer their questions, see
"gelezen op", and the letters to post for citizens without digital consent.

Every view starts from the case or letter of the caseworker's own agencies
(backoffice.selectors): another agency's is a 404, like one that does not exist.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cases.models import Case, Confidentiality, RoleType
from documents.models import Document
from identity.access_log import (
    AccessAction,
    Purpose,
    log_subject_access,
)
from identity.actors import Actor
from identity.bsn import mask_bsn
from identity.registry import RegistryUnavailable
from messaging import selectors as message_selectors
from messaging import services as message_services
from messaging.consent import consent_history, consents_of, message_types_for
from messaging.consent_models import MessageType, PostalLetter
from messaging.kinds import Direction, MessageKind
from messaging.letters import postal_letter_pdf
from messaging.models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, Attachment, Message
from messaging.subjects import log_case_access_for, subject_of

from . import message_types  # noqa: F401 (registers the agency's message types screen)
from .forms import add_service_errors
from .panels import CASE_PANELS_HOOK
from .selectors import agencies_for_caseworker, case_for_caseworker
from .views import _get_case, _require_caseworker

BY_POST = gettext_lazy(
    "Deze burger ontvangt dit type per post. De brief staat klaar bij Brieven per post; "
    "in het portaal ziet de burger een kopie."
)


def _token() -> str:
    return secrets.token_urlsafe(24)


class MessageToCitizenForm(forms.Form):
    recipient = forms.ChoiceField(label=gettext_lazy("Aan"))
    message_type = forms.ModelChoiceField(
        label=gettext_lazy("Soort bericht"), queryset=MessageType.objects.none()
    )
    is_formal = forms.BooleanField(
        label=gettext_lazy("Formeel bericht (rechtsgevolg)"),
        required=False,
        help_text=gettext_lazy(
            "Zonder toestemming van de burger voor digitaal ontvangen gaat een formeel bericht "
            "per post (Awb 2:8)."
        ),
    )
    subject = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=gettext_lazy("Tekst"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Platte tekst; een lege regel begint een nieuwe alinea."),
    )
    expects_action_by = forms.DateField(
        label=gettext_lazy("Actie nodig vóór"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    documents = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Documenten meesturen"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # A business's role (no BSN) has no channel for messages yet (issue 19).
        people = case.roles.exclude(bsn="")
        roles = people.filter(role_type=RoleType.INITIATOR).order_by("id") or people
        self.fields["recipient"].choices = [
            (role.bsn, f"{role.get_role_type_display()} ({_('BSN')} {mask_bsn(role.bsn)})")
            for role in roles
        ]
        self.fields["message_type"].queryset = message_types_for(case.agency)
        self.fields["documents"].queryset = (
            Document.objects.filter(
                case=case, confidentiality__in=Confidentiality.citizen_visible()
            )
            .exclude(pk__in=Attachment.objects.values("document_id"))
            .order_by("-created_at")
        )


class ReplyToCitizenForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Antwoord"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=100)


@require_http_methods(["GET", "POST"])
def send_message(request, pk: int):
    case = _get_case(request, pk)
    form = MessageToCitizenForm(request.POST or None, case=case, initial={"token": _token()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            message = message_services.send_message_to_citizen(
                actor=Actor.caseworker(request.user, agency=case.agency),
                agency=case.agency,
                citizen_bsn=data["recipient"],
                case=case,
                message_type=data["message_type"],
                subject=data["subject"],
                body=data["body"],
                is_formal=data["is_formal"],
                expects_action_by=data["expects_action_by"],
                documents=list(data["documents"]),
                idempotency_key=data["token"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if PostalLetter.objects.filter(message=message).exists():
                flash.warning(request, BY_POST)
            else:
                flash.success(request, _("Het bericht staat in Mijn berichten van de burger."))
            return redirect("cases_backoffice:detail", pk=case.pk)
    return render(request, "backoffice/message_to_citizen.html", {"case": case, "form": form})


@require_POST
def reply(request, pk: int, public_id):
    case = _get_case(request, pk)
    thread = message_selectors.thread_for_caseworker(agencies=[case.agency], public_id=public_id)
    if thread.case_id != case.pk:
        raise Http404
    last = thread.messages.order_by("-sent_at", "-id").first()
    form = ReplyToCitizenForm(request.POST)
    if last is not None and form.is_valid():
        try:
            message_services.reply_to_message(
                actor=Actor.caseworker(request.user, agency=case.agency),
                message=last,
                body=form.cleaned_data["body"],
                uploads=(),
                idempotency_key=form.cleaned_data["token"],
                level=0,
            )
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        else:
            flash.success(request, _("Uw antwoord staat in Mijn berichten van de burger."))
    else:
        flash.error(request, _("Schrijf een antwoord."))
    return redirect("cases_backoffice:detail", pk=case.pk)


class CaseMessagesPanel(Component):
    """Messages both ways on the case screen, with "gelezen op" and the
    citizen's consent per type (and its history)."""

    template_name = "backoffice/panels/case_messages.html"

    def __init__(self, *, case: Case, threads: list, consents: list, history: list):
        self.case, self.threads, self.consents, self.history = case, threads, consents, history

    def get_context_data(self, parent_context=None):
        return {
            "case": self.case,
            "threads": self.threads,
            "consents": self.consents,
            "history": self.history,
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "request": (parent_context or {}).get("request"),
        }


@hooks.register(CASE_PANELS_HOOK)
def case_messages_panel(*, request, case: Case):
    messages = list(
        Message.objects.filter(case=case)
        .select_related("thread", "message_type", "postal_letter")
        .prefetch_related("attachments__document")
        .order_by("thread_id", "sent_at", "id")
    )
    actor = Actor.caseworker(request.user, agency=case.agency)
    threads: dict[int, dict] = {}
    for message in messages:
        entry = threads.setdefault(
            message.thread_id,
            {
                "thread": message.thread,
                "messages": [],
                "reply": ReplyToCitizenForm(initial={"token": _token()}),
            },
        )
        entry["messages"].append(message)
        if message.direction == Direction.TO_AGENCY and message.kind == MessageKind.VRAAG:
            # Shown on the case screen is received by the agency (ledger, once).
            message_services.record_agency_opened(message=message, actor=actor)
    bsns = sorted(set(case.roles.exclude(bsn="").values_list("bsn", flat=True)))
    consents = [
        {"masked_bsn": mask_bsn(bsn), "rows": consents_of(bsn, message_types_for(case.agency))}
        for bsn in bsns
    ]
    history = [change for bsn in bsns for change in consent_history(bsn)[:20]]
    return CaseMessagesPanel(
        case=case,
        threads=sorted(threads.values(), key=lambda t: t["thread"].last_message_at, reverse=True),
        consents=consents,
        history=history,
    )


def letters(request):
    """Brieven per post: formal messages to print and post, of the user's agencies."""
    _require_caseworker(request)
    agencies = agencies_for_caseworker(user=request.user)
    printed = request.GET.get("afgedrukt") == "1"
    queue = (
        PostalLetter.objects.filter(
            agency__in=agencies.values("pk"), printed_at__isnull=not printed
        )
        .select_related("message__case", "agency")
        .order_by("-queued_at" if printed else "queued_at")
    )
    page = Paginator(queue, 50).get_page(request.GET.get("p"))
    return render(request, "backoffice/postal_letters.html", {"page": page, "printed": printed})


def _letter(request, pk: int) -> PostalLetter:
    _require_caseworker(request)
    letter = (
        PostalLetter.objects.filter(agency__in=agencies_for_caseworker(user=request.user), pk=pk)
        .select_related("message__case", "message__agency", "agency")
        .first()
    )
    if letter is None:
        raise Http404
    return letter


@require_http_methods(["GET", "HEAD"])
def letter_pdf(request, pk: int):
    letter = _letter(request, pk)
    actor = Actor.caseworker(request.user, agency=letter.agency)
    try:
        pdf = postal_letter_pdf(letter, viewer=request.user)
    except RegistryUnavailable:
        flash.error(
            request,
            _("De basisregistratie personen is nu niet bereikbaar. Probeer het later opnieuw."),
        )
        return redirect("cases_backoffice:letters")
    message = letter.message
    if message.case is not None:
        log_case_access_for(
            subject_of(message),
            case=message.case,
            actor=actor,
            action=AccessAction.DOWNLOADED,
            object_kind="letter",
            object_label=f"{message.subject} ({message.case.reference})",
            detail={"message": str(message.public_id)},
        )
    else:
        log_subject_access(
            subject=subject_of(message),
            actor=actor,
            action=AccessAction.DOWNLOADED,
            purpose=Purpose.CASE_HANDLING,
            object_kind="letter",
            object_label=message.subject,
            detail={"message": str(message.public_id)},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brief-{letter.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def letter_printed(request, pk: int):
    letter = _letter(request, pk)
    with transaction.atomic():
        PostalLetter.objects.filter(pk=letter.pk, printed_at__isnull=True).update(
            printed_at=timezone.now(), printed_by=request.user
        )
    flash.success(request, _("De brief is gemarkeerd als afgedrukt."))
    return redirect("cases_backoffice:letters")


__all__ = ["case_for_caseworker", "case_messages_panel", "letters", "reply", "send_message"]
