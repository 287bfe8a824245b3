"""The receipt (ontvangstbevestiging) of an online request, rendered by a task
after the request committed (product_requests.tasks.render_request_receipt),
never in the request: the request's transaction holds the agency's case-number
lock, and WeasyPrint takes up to seconds on a loaded machine (issue 23). The
same pattern as messaging's receipts (messaging.receipts, docs/decisions/0030).

Idempotent: the document carries the form's token as its idempotency key
(documents.services.create_receipt returns the existing one), and the
submission points at it once; a second run, or two racing workers, leave one
receipt.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from documents.models import Document
from documents.services import create_receipt
from identity.actors import Actor

from .models import RequestSubmission
from .services import birth_date_text

SYSTEM = Actor.system("receipt")
# Attempts before the confirmation page says the receipt could not be made,
# and the wait before each retry (a worker that can defer; others retry at once).
MAX_ATTEMPTS = 3
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=5))


def receipt_lines(submission: RequestSubmission) -> list[tuple[str, str]]:
    """What the receipt prints: the registry data the form showed, then the answers.
    A Dutch letter (documents.letters), whatever the page language."""
    applicant = submission.applicant
    if applicant.get("kvk"):
        # A business (issue 19): its KvK number and branch instead of a birth date.
        identity = [
            ("KvK-nummer", applicant["kvk"]),
            ("Vestigingsnummer", applicant.get("branch", "")),
        ]
    else:
        identity = [("Geboortedatum", birth_date_text(applicant, "nl"))]
    return [
        ("Naam", applicant.get("name", "")),
        ("Adres", applicant.get("address", "").replace("\n", ", ")),
        *identity,
        *((answer["label"], answer["value"]) for answer in submission.answers),
    ]


def issue_request_receipt(*, submission_id: int) -> Document:
    """Render and store the receipt of this request once, outside any transaction
    (no lock held while WeasyPrint runs), and link it to the submission."""
    submission = RequestSubmission.objects.select_related("case", "case__agency", "receipt").get(
        pk=submission_id
    )
    if submission.receipt is not None:
        return submission.receipt
    document = create_receipt(
        case=submission.case,
        submitted_at=submission.submitted_at,
        answers=receipt_lines(submission),
        actor=SYSTEM,
        idempotency_key=submission.idempotency_key,
    )
    RequestSubmission.objects.filter(pk=submission.pk, receipt__isnull=True).update(
        receipt=document, receipt_failed_at=None
    )
    return document


def record_failed_attempt(*, submission_id: int) -> tuple[int, bool]:
    """Count a failed render; after MAX_ATTEMPTS the submission is marked failed.
    Returns (attempts so far, whether it has now failed for good)."""
    RequestSubmission.objects.filter(pk=submission_id).update(
        receipt_attempts=F("receipt_attempts") + 1
    )
    attempts = (
        RequestSubmission.objects.filter(pk=submission_id)
        .values_list("receipt_attempts", flat=True)
        .get()
    )
    failed = attempts >= MAX_ATTEMPTS
    if failed:
        RequestSubmission.objects.filter(pk=submission_id, receipt__isnull=True).update(
            receipt_failed_at=timezone.now()
        )
    return attempts, failed


def retry_delay(attempts: int) -> timedelta:
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
