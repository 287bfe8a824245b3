"""Messages to citizens (issue 18): an agency sends, the citizen opens,
either side replies in the thread. Re-exported by messaging.services, the one
write entry point (docs/decisions/0030); one transaction per write.

Awb 2:8 (Wmebv): a formal message of a type the citizen did not consent to
receive electronically still shows in the portal as a copy, and a letter is
queued for the agency's post (PostalLetter, ledger "letter_queued").
Awb 2:10 / 2:14: sending and first opening are recorded in the ledger.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Agency, Case, Confidentiality
from documents.models import Document
from documents.receiving import ValidatedUpload
from documents.services import cleanup_uncommitted_files
from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.acting import ActingContext, Subject
from identity.actors import Actor, ActorKind

from . import ledger, signals
from .consent import has_digital_consent
from .consent_models import MessageType, PostalLetter
from .idempotency import existing_message, once_per_key, sender_key
from .kinds import Direction, EvidenceKind, MessageKind
from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, Attachment, Message, Thread
from .postal import queue_postal_letter
from .subjects import has_role, log_case_access_for, resolve_party, subject_fields, subject_of

MAX_DOCUMENTS = 10


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def kind_for_type(message_type: MessageType) -> str:
    """The ledger kind of a message type: besluit and verzoek_aanvulling are
    Awb kinds of their own; every other type is a "bericht"."""
    if message_type.code in (MessageKind.BESLUIT, MessageKind.VERZOEK_AANVULLING):
        return message_type.code
    return MessageKind.BERICHT


def _validate_to_citizen(
    *,
    agency: Agency,
    concerns: Subject,
    case: Case | None,
    message_type: MessageType,
    subject: str,
    body: str,
    expects_action_by: date | None,
    documents: Sequence[Document],
    idempotency_key: str,
) -> None:
    if len(idempotency_key) > 100:
        raise _invalid("idempotency_key", _("Ongeldige sleutel."), "invalid_key")
    if case is not None and (case.agency_id != agency.pk or not has_role(case, concerns)):
        raise _invalid("case", _("Deze zaak is niet gevonden."), "case_not_found")
    if message_type.agency_id not in (None, agency.pk):
        raise _invalid("message_type", _("Kies een berichtsoort van uw organisatie."), "invalid")
    if not subject.strip():
        raise _invalid("subject", _("Vul een onderwerp in."), "required")
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise _invalid("subject", _("Het onderwerp is te lang."), "too_long")
    if not body.strip():
        raise _invalid("body", _("Vul de tekst van het bericht in."), "required")
    if len(body) > BODY_MAX_LENGTH:
        raise _invalid(
            "body",
            _("De tekst is te lang: gebruik hoogstens %(max)s tekens.") % {"max": BODY_MAX_LENGTH},
            "too_long",
        )
    if expects_action_by is not None and expects_action_by < timezone.localdate():
        raise _invalid("expects_action_by", _("Kies een datum vandaag of later."), "date_in_past")
    if len(documents) > MAX_DOCUMENTS:
        raise _invalid(
            "documents",
            _("Stuur hoogstens %(max)s documenten mee.") % {"max": MAX_DOCUMENTS},
            "too_many_documents",
        )
    for document in documents:
        if case is None or document.case_id != case.pk:
            raise _invalid(
                "documents", _("Stuur alleen documenten van deze zaak mee."), "invalid_document"
            )
        if document.confidentiality not in Confidentiality.citizen_visible():
            raise _invalid(
                "documents",
                _("Een vertrouwelijk document kunt u niet aan de inwoner sturen."),
                "confidential_document",
            )
    if documents and Attachment.objects.filter(document__in=[d.pk for d in documents]).exists():
        raise _invalid(
            "documents",
            _("Een van de documenten is al met een ander bericht verstuurd."),
            "already_sent",
        )


def send_message_to_citizen(
    *,
    actor: Actor,
    agency: Agency,
    message_type: MessageType,
    subject: str,
    body: str,
    is_formal: bool,
    idempotency_key: str,
    case: Case | None = None,
    expects_action_by: date | None = None,
    documents: Sequence[Document] = (),
    citizen_bsn: str = "",
    party: Subject | None = None,
) -> Message:
    """An agency's message to a citizen (`citizen_bsn`) or a business
    (`party`: KvK number, optionally a branch; decision 0049), about a case or
    in general.

    A retry with the same idempotency key returns the first message. The
    message, its attachments, the ledger ("sent_to_citizen", and
    "letter_queued" when Awb 2:8 sends it by post), the access log and the
    message_sent signal (notifications) commit together."""
    existing = existing_message(actor, idempotency_key)
    if existing is not None:
        return existing
    documents = list(documents)
    concerns = resolve_party(citizen_bsn, party)
    _validate_to_citizen(
        agency=agency,
        concerns=concerns,
        case=case,
        message_type=message_type,
        subject=subject,
        body=body,
        expects_action_by=expects_action_by,
        documents=documents,
        idempotency_key=idempotency_key,
    )

    def create() -> Message:
        thread = Thread.objects.create(
            agency=agency, case=case, subject=subject.strip(), **subject_fields(concerns)
        )
        return _create_to_citizen(
            actor=actor,
            thread=thread,
            in_reply_to=None,
            message_type=message_type,
            kind=kind_for_type(message_type),
            subject=subject.strip(),
            body=body.strip(),
            is_formal=is_formal,
            expects_action_by=expects_action_by,
            documents=documents,
            idempotency_key=idempotency_key,
        )

    return once_per_key(actor, idempotency_key, create)


def _create_to_citizen(
    *,
    actor: Actor,
    thread: Thread,
    in_reply_to: Message | None,
    message_type: MessageType | None,
    kind: str,
    subject: str,
    body: str,
    is_formal: bool,
    expects_action_by: date | None,
    documents: Sequence[Document],
    idempotency_key: str,
) -> Message:
    now = timezone.now()
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    message = Message(
        thread=thread,
        in_reply_to=in_reply_to,
        agency=thread.agency,
        case=thread.case,
        **subject_fields(subject_of(thread)),
        direction=Direction.TO_CITIZEN,
        kind=kind,
        message_type=message_type,
        is_formal=is_formal,
        subject=subject,
        body=body,
        expects_action_by=expects_action_by,
        sent_at=now,
        sender_kind=actor.kind,
        sender_user=actor.user,
        sender_reference=actor.reference,
        sender_organisation=actor.organisation or thread.agency.name,
        sender_key=sender_key(actor),
        idempotency_key=idempotency_key,
    )
    message.full_clean(validate_constraints=False)
    message.save()
    for document in documents:
        Attachment.objects.create(message=message, document=document)
    ledger.append_evidence(
        message=message,
        kind=EvidenceKind.SENT_TO_CITIZEN,
        actor=actor,
        at=now,
        detail={
            "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            "message_type": message_type.code if message_type else "",
            "formal": is_formal,
            "expects_action_by": expects_action_by.isoformat() if expects_action_by else "",
            "attachments": [
                {"name": d.original_filename, "size": d.size, "sha256": d.sha256} for d in documents
            ],
        },
    )
    if is_formal and not (
        thread.citizen_bsn and has_digital_consent(thread.citizen_bsn, message_type)
    ):
        # Awb 2:8: no consent for this type, so the formal message goes by post;
        # the portal still shows it, as a copy. A business records no consent
        # here (Awb 2:14: the addressee makes known it is reachable this way;
        # decision 0049), so its formal messages go by post too.
        queue_postal_letter(message=message, actor=actor, reason="no_digital_consent")
    _log(message, actor, AccessAction.CREATED, Purpose.CASE_HANDLING)
    signals.message_sent.send(sender=Message, message=message, actor=actor)
    return message


def _log(message: Message, actor: Actor, action: str, purpose: Purpose) -> None:
    label = f"{message.subject} ({message.case.reference})" if message.case else message.subject
    detail = {"message": str(message.public_id)}
    if message.case is not None:
        log_case_access_for(
            subject_of(message),
            case=message.case,
            actor=actor,
            action=action,
            purpose=purpose,
            object_kind="message",
            object_label=label,
            detail=detail,
        )
    else:
        log_subject_access(
            subject=subject_of(message),
            actor=actor,
            action=action,
            purpose=purpose,
            object_kind="message",
            object_label=label,
            organisation=actor.organisation or message.agency.name,
            detail=detail,
        )


def goes_by_post(message: Message) -> bool:
    return PostalLetter.objects.filter(message=message).exists()


def reply_to_message(
    *,
    actor: Actor,
    message: Message,
    body: str,
    idempotency_key: str,
    level: int = 0,
    uploads: Sequence[ValidatedUpload] = (),
    documents: Sequence[Document] = (),
    acting: ActingContext | None = None,
) -> Message:
    """A reply in the message's thread.

    A citizen (or their representative) replies with a question ("vraag") to
    the agency, through send_message_to_agency (channel register, DigiD level,
    files); a caseworker or the agency's system replies to the citizen. The
    caller authorised `message` for the actor (selectors); `acting` is the
    page's acting context (who acted, for the ledger)."""
    if actor.kind in (ActorKind.CITIZEN, ActorKind.REPRESENTATIVE):
        from .services import send_message_to_agency

        if message.thread.case_id is None and uploads:
            raise _invalid(
                "files",
                _("Bij een bericht zonder zaak kunt u geen bestanden sturen."),
                "no_case_for_files",
            )
        return send_message_to_agency(
            actor=actor,
            party=subject_of(message),
            acting=acting,
            agency=message.agency,
            case=message.thread.case,
            kind=MessageKind.VRAAG,
            subject=_reply_subject(message.thread.subject),
            body=body,
            idempotency_key=idempotency_key,
            level=level,
            uploads=uploads,
            in_reply_to=message,
        )
    existing = existing_message(actor, idempotency_key)
    if existing is not None:
        return existing
    thread = message.thread
    documents = list(documents)
    subject = _reply_subject(thread.subject)
    if not body.strip():
        raise _invalid("body", _("Vul de tekst van het bericht in."), "required")
    if len(body) > BODY_MAX_LENGTH:
        raise _invalid(
            "body",
            _("De tekst is te lang: gebruik hoogstens %(max)s tekens.") % {"max": BODY_MAX_LENGTH},
            "too_long",
        )
    for document in documents:
        if thread.case_id is None or document.case_id != thread.case_id:
            raise _invalid(
                "documents", _("Stuur alleen documenten van deze zaak mee."), "invalid_document"
            )
    try:
        return once_per_key(
            actor,
            idempotency_key,
            partial(
                _create_to_citizen,
                actor=actor,
                thread=thread,
                in_reply_to=message,
                message_type=None,
                kind=MessageKind.BERICHT,
                subject=subject,
                body=body.strip(),
                is_formal=False,
                expects_action_by=None,
                documents=documents,
                idempotency_key=idempotency_key,
            ),
        )
    finally:
        cleanup_uncommitted_files()


def _reply_subject(subject: str) -> str:
    prefix = "Re: "
    text = subject if subject.startswith(prefix) else prefix + subject
    return text[:SUBJECT_MAX_LENGTH]


def record_citizen_opened(*, message: Message, actor: Actor) -> bool:
    """The citizen (or a representative acting for them) opened a message to
    them: first_opened_at is set and the ledger gets "first_opened", once
    (Awb 2:14: the agency must be able to show the message was opened).
    Returns whether this was the first time."""
    if message.direction != Direction.TO_CITIZEN:
        return False
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.first_opened_at is not None:
            message.first_opened_at = locked.first_opened_at
            return False
        now = timezone.now()
        locked.first_opened_at = now
        locked.save(update_fields=["first_opened_at"])
        ledger.append_evidence(
            message=locked,
            kind=EvidenceKind.FIRST_OPENED,
            actor=actor,
            at=now,
            detail={"by": "citizen" if actor.kind == ActorKind.CITIZEN else actor.kind},
        )
        message.first_opened_at = now
        return True


def set_archived(*, thread: Thread, actor: Actor, archived: bool) -> None:
    """The citizen archives (or brings back) a conversation. Messages are never
    deleted by the citizen: formal ones are evidence, kept at least as long as
    their case (issue 18, retention)."""
    with transaction.atomic():
        Message.objects.filter(thread=thread).update(archived_by_citizen=archived)
        log_subject_access(
            subject=subject_of(thread),
            actor=actor,
            action=AccessAction.CHANGED,
            purpose=Purpose.OWN_VIEW,
            object_kind="message",
            object_label=thread.subject,
            organisation=thread.agency.name,
            detail={"thread": str(thread.public_id), "archived": archived},
        )
