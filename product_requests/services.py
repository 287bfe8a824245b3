"""A citizen's online request becomes a case: one transaction, one case per form.

`create_case_from_request` opens the case (cases.services.open_case: source
"request", the citizen as initiator, first status "Ontvangen"), stores what was
sent (RequestSubmission, unique idempotency key), attaches the receipt PDF
(documents.services.create_receipt) and the files the citizen chose
(product_requests.uploads.attach_pending_uploads) and deletes the draft this form
was saved as ("Concept", product_requests.drafts) - all or nothing. The e-mail that confirms
it is the notification outbox's (notifications): the first status
"Ontvangen" writes its row in this transaction, sent to a verified address only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseSource, CaseType, RoleType
from cases.services import open_case
from documents.letters import long_date
from documents.services import create_receipt
from identity.actors import Actor
from identity.registry import Person
from pages.models import ProductPage

from .drafts import delete_sent_draft
from .models import PendingUpload, RequestSubmission
from .uploads import attach_pending_uploads


@dataclass(frozen=True)
class RequestResult:
    case: Case
    submission: RequestSubmission
    created: bool


def applicant_data(person: Person) -> dict:
    """The registry data a request shows and sends, as plain strings."""
    address = person.address
    return {
        "name": person.full_name,
        "address": "\n".join(line for line in (address.line1, address.line2) if line)
        if address
        else "",
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
    }


def birth_date_text(applicant: dict, language: str = "nl") -> str:
    """The stored ISO birth date as people read it: "14 maart 1985" ("14 March 1985")."""
    value = applicant.get("date_of_birth", "")
    try:
        return long_date(date.fromisoformat(value), language)
    except ValueError:
        return value


def submission_for(*, user, idempotency_key: str) -> RequestSubmission | None:
    """The citizen's own request sent with this key, if there is one."""
    return (
        RequestSubmission.objects.filter(
            idempotency_key=idempotency_key,
            case__roles__bsn=user.bsn,
            case__roles__role_type=RoleType.INITIATOR,
        )
        .select_related("case")
        .first()
    )


def _existing(*, user, idempotency_key: str) -> RequestSubmission | None:
    submission = (
        RequestSubmission.objects.select_related("case", "case__agency")
        .filter(idempotency_key=idempotency_key)
        .first()
    )
    if submission is None:
        return None
    # A key is only ever the citizen's own: someone else's key is "not found".
    if not submission.case.roles.filter(bsn=user.bsn, role_type=RoleType.INITIATOR).exists():
        raise ValidationError(_("Dit formulier is al gebruikt. Begin opnieuw."), code="key_taken")
    return submission


def create_case_from_request(
    *,
    user,
    product: ProductPage,
    answers: list[dict],
    applicant: dict,
    idempotency_key: str,
    uploads: list[PendingUpload] | None = None,
) -> RequestResult:
    """Open the case for this request, or return the one this key already opened.

    `applicant` is the registry data the server looked up itself (never the
    POST); `uploads` are this citizen's pending uploads of this form, which
    become documents of the case. Concurrent calls with one key: the unique
    key lets one commit and the others find its case (and attach nothing).
    """
    existing = _existing(user=user, idempotency_key=idempotency_key)
    if existing is not None:
        return RequestResult(case=existing.case, submission=existing, created=False)
    case_type = product.case_type
    if case_type is None:
        raise ValidationError(_("Dit product kunt u niet online aanvragen."), code="no_case_type")
    try:
        return _create(
            user=user,
            product=product,
            case_type=case_type,
            answers=answers,
            applicant=applicant,
            idempotency_key=idempotency_key,
            uploads=uploads or [],
        )
    except IntegrityError:
        # Another request with this key committed first (double click, two tabs).
        existing = _existing(user=user, idempotency_key=idempotency_key)
        if existing is None:
            raise
        return RequestResult(case=existing.case, submission=existing, created=False)


@transaction.atomic
def _create(
    *,
    user,
    product: ProductPage,
    case_type: CaseType,
    answers: list[dict],
    applicant: dict,
    idempotency_key: str,
    uploads: list[PendingUpload],
) -> RequestResult:
    # Only the citizen's own files of this very form (the view found them so; this
    # keeps the service safe for any other caller).
    for upload in uploads:
        if upload.user_id != user.pk or upload.idempotency_key != idempotency_key:
            raise ValidationError(
                _("Dit bestand hoort niet bij uw aanvraag."), code="foreign_upload"
            )
    actor = Actor.citizen(user)
    submitted_at = timezone.now()
    case = open_case(
        case_type=case_type,
        bsn=user.bsn,
        actor=actor,
        source=CaseSource.REQUEST,
        title=product.title,
    )
    submission = RequestSubmission(
        idempotency_key=idempotency_key,
        case=case,
        product=product,
        answers=answers,
        applicant=applicant,
        submitted_at=submitted_at,
    )
    submission.full_clean(validate_unique=False)
    # A savepoint, so a concurrent duplicate key surfaces as IntegrityError here
    # and the outer handler can look up the winner's case.
    submission.save()
    # The receipt is a Dutch letter (documents.letters), whatever the page language;
    # the submission keeps the ISO date, the letter prints it in words.
    receipt_lines = [
        ("Naam", applicant.get("name", "")),
        ("Adres", applicant.get("address", "").replace("\n", ", ")),
        ("Geboortedatum", birth_date_text(applicant, "nl")),
        *((answer["label"], answer["value"]) for answer in answers),
    ]
    create_receipt(
        case=case,
        submitted_at=submitted_at,
        answers=receipt_lines,
        actor=actor,
        idempotency_key=idempotency_key,
    )
    attach_pending_uploads(case=case, uploads=uploads, actor=actor, idempotency_key=idempotency_key)
    # Sent: the draft is now a case (a rollback keeps it for another try).
    delete_sent_draft(bsn=user.bsn, idempotency_key=idempotency_key)
    return RequestResult(case=case, submission=submission, created=True)
