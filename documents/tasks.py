"""Background work of the documents app (Django's tasks API, docs/decisions/0003)."""

from django.tasks import task


@task
def render_decision(decision_request_id: int) -> str:
    """Render a confirmed decision to a PDF Document. Idempotent: a retry or a
    second delivery returns the same document."""
    from .services import render_decision_document

    return str(render_decision_document(decision_request_id=decision_request_id).public_id)
