"""Background work of product_requests (Django's tasks API, docs/decisions/0003)."""

from __future__ import annotations

import logging

from django.tasks import default_task_backend, task
from django.utils import timezone

logger = logging.getLogger(__name__)


@task
def render_request_receipt(submission_id: int) -> str:
    """Render a request's receipt PDF (ontvangstbevestiging). Idempotent: a retry
    or a second delivery returns the same document. A failure is retried
    (receipts.MAX_ATTEMPTS, later when the worker can defer); the last one marks
    the submission, so the confirmation page can say so, and fails the task."""
    from .receipts import issue_request_receipt, record_failed_attempt, retry_delay

    try:
        return str(issue_request_receipt(submission_id=submission_id).public_id)
    except Exception:
        attempts, failed = record_failed_attempt(submission_id=submission_id)
        if failed:
            raise
        logger.exception(
            "Receipt of request %s failed (attempt %s); retrying", submission_id, attempts
        )
    retry = render_request_receipt
    if default_task_backend.supports_defer:
        retry = retry.using(run_after=timezone.now() + retry_delay(attempts))
    retry.enqueue(submission_id)
    return "retry"
