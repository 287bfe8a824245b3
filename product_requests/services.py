"""A citizen's online request becomes a case: one transaction, one case per form.

`create_case_from_request` opens the case (cases.services.open_case: source
"request", the citizen as initiator, first status "Ontvangen"), stores what was
sent (RequestSubmission, unique idempotency key), attaches the files the citizen
chose (product_requests.uploads.attach_pending_uploads) and deletes the draft this
form was saved as ("Concept", product_requests.drafts) - all or nothing. The
receipt PDF is rendered by a task after the commit (product_requests.receipts),
never while this transaction holds the agency's case-number lock (issue 23:
product_requests.case_lock logs how long it is held). The e-mail that confirms
it is the notification outbox's (notifications): the first status
"Ontvangen" writes its row in this transaction, sent to a verified address only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseSource, CaseType, Role, RoleType
from cases.roles import role_fields
from cases.services import open_case
from cases.viewer import own_context
from documents.letters import long_date
from identity.acting import ActingContext, Subject
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from identity.registry import Person
from pages.models import ProductPage

from .case_lock import timed_case_number_lock
from .drafts import delete_sent_draft
from .models import PendingUpload, RequestSubmission
from .subjects import role_q
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


def _subject(user, context: ActingContext | None) -> Subject | None:
    """Whom the request is for: the acting context's subject (a child, a
    represented person, a business), "yourself" without one."""
    context = context if context is not None else own_context(user)
    return context.subject if context is not None else None


def submissions_of(subject: Subject | None):
    """RequestSubmissions whose case has `subject` as initiator (one join:
    the role's identifiers and type are conditions on the same role)."""
    if subject is None:
        return RequestSubmission.objects.none()
    return RequestSubmission.objects.filter(
        role_q(subject, "case__roles__"), case__roles__role_type=RoleType.INITIATOR
    )


def submission_for(
    *, user, idempotency_key: str, context: ActingContext | None = None
) -> RequestSubmission | None:
    """The subject's request sent with this key, if there is one."""
    return (
        submissions_of(_subject(user, context))
        .filter(idempotency_key=idempotency_key)
        .select_related("case")
        .first()
    )


def _existing(
    *, user, idempotency_key: str, context: ActingContext | None = None
) -> RequestSubmission | None:
    submission = (
        RequestSubmission.objects.select_related("case", "case__agency")
        .filter(idempotency_key=idempotency_key)
        .first()
    )
    if submission is None:
        return None
    # A key is only ever the subject's own: someone else's key is "not found".
    subject = _subject(user, context)
    if (
        subject is None
        or not submission.case.roles.filter(role_q(subject), role_type=RoleType.INITIATOR).exists()
    ):
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
    context: ActingContext | None = None,
    level: LevelOfAssurance | None = None,
) -> RequestResult:
    """Open the case for this request, or return the one this key already opened.

    `applicant` is the registry data the server looked up itself (never the
    POST); `uploads` are this citizen's pending uploads of this form, which
    become documents of the case. Concurrent calls with one key: the unique
    key lets one commit and the others find its case (and attach nothing).

    `context` is whom the request is for (identity.acting; "yourself" when
    not given): the case's initiator Role is the subject's, with the ZGW
    authenticatieContext (cases.roles) at `level`; the actor (a parent, a
    representative) is named on the case events and the subject's access log.
    """
    context = context if context is not None else own_context(user)
    if context is None:
        raise ValidationError(_("Dit product kunt u niet online aanvragen."), code="no_subject")
    existing = _existing(user=user, idempotency_key=idempotency_key, context=context)
    if existing is not None:
        return RequestResult(case=existing.case, submission=existing, created=False)
    if not product.offered_to(context.subject):
        # A businesses-only product for a person, or the reverse (pages audience).
        raise ValidationError(product.not_offered_text(context.subject), code="not_offered")
    case_type = product.case_type
    if case_type is None:
        raise ValidationError(_("Dit product kunt u niet online aanvragen."), code="no_case_type")
    try:
        with timed_case_number_lock():
            return _create(
                user=user,
                context=context,
                level=level,
                product=product,
                case_type=case_type,
                answers=answers,
                applicant=applicant,
                idempotency_key=idempotency_key,
                uploads=uploads or [],
            )
    except IntegrityError:
        # Another request with this key committed first (double click, two tabs).
        existing = _existing(user=user, idempotency_key=idempotency_key, context=context)
        if existing is None:
            raise
        return RequestResult(case=existing.case, submission=existing, created=False)


@transaction.atomic
def _create(
    *,
    user,
    context: ActingContext,
    level: LevelOfAssurance | None,
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
    actor = Actor.acting(user, context)
    submitted_at = timezone.now()
    # The initiator is the subject: a person's BSN, or a business's KvK number
    # (and branch) - never the eHerkenning employee's BSN (they have none here).
    fields = role_fields(context, level)
    case = open_case(
        case_type=case_type,
        bsn=fields["bsn"],
        kvk=fields["kvk"],
        branch=fields["branch"],
        actor=actor,
        source=CaseSource.REQUEST,
        title=product.title,
    )
    # How the subject's role was established (ZGW Rol.authenticatieContext:
    # source, level, representee KvK, mandate, the employee's pseudonym).
    Role.objects.filter(role_q(context.subject), case=case, role_type=RoleType.INITIATOR).update(
        authentication_context=fields["authentication_context"]
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
    # The receipt PDF: rendered by the task worker once this has committed.
    transaction.on_commit(partial(_enqueue_receipt, submission.pk), robust=True)
    attach_pending_uploads(case=case, uploads=uploads, actor=actor, idempotency_key=idempotency_key)
    # Sent: the draft is now a case (a rollback keeps it for another try).
    delete_sent_draft(subject=context.subject, idempotency_key=idempotency_key)
    return RequestResult(case=case, submission=submission, created=True)


def _enqueue_receipt(submission_id: int) -> None:
    from .tasks import render_request_receipt

    render_request_receipt.enqueue(submission_id)
