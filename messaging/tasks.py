"""Background work of messaging (Django's tasks API, docs/decisions/0003)."""

from django.tasks import task


@task
def render_receipt(message_id: int) -> str:
    """Render a message's receipt PDF (ontvangstbevestiging). Idempotent: a
    retry or a second delivery returns the same document."""
    from .receipts import issue_receipt

    return str(issue_receipt(message_id=message_id).public_id)
