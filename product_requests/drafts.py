"""Requests saved as "Concept": read, save, delete and expire them.

A draft is only ever found through its data subject (`drafts_for`,
`draft_for`): another person's draft is "not found" (404), like any object that
is not yours. Every read that shows the answers and every change is written to
the access log (identity.access_log), because the answers are personal data.

Retention (docs/decisions/0044): a draft is kept DRAFT_RETENTION after its last
save and then deleted by `manage.py prune_request_drafts`; the selectors already
leave expired drafts out, so a late prune never shows one. AVG art. 5 lid 1
sub e (storage limitation): personal data a citizen never sent is not kept
longer than it can still be useful to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.acting import ActingContext, Subject
from identity.actors import Actor, ActorKind
from pages.models import ProductPage
from portal import empty_reads

from .models import PendingUpload, RequestDraft, RequestSubmission
from .subjects import draft_fields, draft_q, draft_subject, empty_read_keys, role_q
from .uploads import discard_pending_upload

DRAFT_RETENTION = timedelta(days=90)
OBJECT_KIND = "request_draft"


class DraftNotFound(Exception):
    """No live draft with this id for this data subject."""


def _live(subject: Subject, context: ActingContext | None = None):
    """The subject's live drafts; with an acting context whose mandate names
    services (decision 0050), only the drafts of the products those open: an
    employee mandated for one service neither sees nor deletes a colleague's
    draft for another."""
    cutoff = timezone.now() - DRAFT_RETENTION
    drafts = RequestDraft.objects.filter(draft_q(subject), saved_at__gte=cutoff)
    if context is not None and context.services:
        drafts = drafts.filter(product__translation_key__in=sorted(context.service_products))
    return drafts


def expires_on(draft: RequestDraft | DraftItem) -> date:
    """The day the draft is deleted when it is not saved again."""
    return timezone.localdate(draft.saved_at + DRAFT_RETENTION)


@dataclass(frozen=True)
class DraftItem:
    """What Mijn overzicht shows of a draft: never its answers."""

    public_id: str
    saved_at: datetime
    product_title: str
    product_slug: str

    @property
    def expires_on(self) -> date:
        return expires_on(self)


def drafts_for(*, context: ActingContext | None) -> list[DraftItem]:
    """The acting context's live drafts (a person's or a business's, within the
    mandate's scope), newest first, with their product's title and slug: one
    query of four columns whatever their number (no model instances, no Wagtail
    page: the overview pays ~0.3 ms for it, docs/performance.md)."""
    if context is None:
        return []
    subject = context.subject
    # Most subjects have none: remembered until one of theirs is saved or deleted.
    # Not for a mandate limited to services: its "none" is not the subject's.
    probe = empty_reads.probe(EMPTY_READ_SCOPE, empty_read_keys(subject)[-1])
    if probe.empty and not context.services:
        return []
    rows = (
        _live(subject, context)
        .order_by("-saved_at", "-id")
        .values_list("public_id", "saved_at", "product__title", "product__slug")
    )
    drafts = [DraftItem(str(public_id), *rest) for public_id, *rest in rows]
    if not drafts and not context.services:
        empty_reads.remember_empty(probe)
    return drafts


# portal.empty_reads: the drafts of one subject (product_requests.receivers moves it on).
EMPTY_READ_SCOPE = "request-drafts"


def draft_for(*, context: ActingContext, public_id) -> RequestDraft:
    """The acting context's own live draft (within the mandate's scope), or DraftNotFound."""
    draft = (
        _live(context.subject, context)
        .select_related("product")
        .filter(public_id=public_id)
        .first()
    )
    if draft is None:
        raise DraftNotFound
    return draft


def log_draft_viewed(*, user, draft: RequestDraft) -> None:
    """The form shows the draft's answers again: an own view of personal data."""
    _log(user=user, draft=draft, action=AccessAction.VIEWED)


def _log(*, user, draft: RequestDraft, action: str) -> None:
    # A business's draft goes to the business's own log (KvK number).
    log_subject_access(
        subject=draft_subject(draft),
        # The subject reads a representative (or a business's employee) by name.
        actor=Actor.citizen(user)
        if draft.subject_bsn and draft.subject_bsn == user.bsn
        else Actor(kind=ActorKind.REPRESENTATIVE, user=user, organisation=user.get_full_name()),
        action=action,
        purpose=Purpose.REQUEST_FORM,
        object_kind=OBJECT_KIND,
        object_label=draft.product.title,
        detail={"draft": str(draft.public_id)},
    )


@transaction.atomic
def save_draft(
    *,
    user,
    product: ProductPage,
    idempotency_key: str,
    answers: dict,
    subject: Subject | None = None,
) -> RequestDraft:
    """Keep the answers so far as this form's draft (one per form token: saving
    again updates it). Files chosen so far are not kept with a draft: they are
    discarded now and the form asks for them again.

    Refused when this form was already sent (a second tab): the case exists, a
    draft of it would only be sent again into the same case.
    """
    # Whom the request is for: the acting context's subject (yourself by default).
    subject = subject or Subject(bsn=user.bsn)
    if RequestSubmission.objects.filter(
        role_q(subject, "case__roles__"), idempotency_key=idempotency_key
    ).exists():
        raise ValidationError(
            _("Deze aanvraag is al verstuurd. U kunt die niet meer als concept opslaan."),
            code="already_sent",
        )
    draft, created = RequestDraft.objects.select_for_update().update_or_create(
        **draft_fields(subject),
        idempotency_key=idempotency_key,
        defaults={"product": product, "answers": answers, "saved_at": timezone.now()},
    )
    for pending in PendingUpload.objects.filter(user=user, idempotency_key=idempotency_key):
        discard_pending_upload(pending=pending)
    _log(user=user, draft=draft, action=AccessAction.CREATED if created else AccessAction.CHANGED)
    return draft


@transaction.atomic
def delete_draft(*, user, draft: RequestDraft, subject: Subject | None = None) -> None:
    """The citizen deletes their own draft, or one of whom they act for (found
    through draft_for)."""
    subject = subject or Subject(bsn=user.bsn)
    if not RequestDraft.objects.filter(draft_q(subject), pk=draft.pk).exists():
        raise DraftNotFound
    _log(user=user, draft=draft, action=AccessAction.CHANGED)
    draft.delete()


def delete_sent_draft(*, subject: Subject, idempotency_key: str) -> int:
    """Inside the request's transaction: the draft this form was, now a case."""
    deleted, _rows = RequestDraft.objects.filter(
        draft_q(subject), idempotency_key=idempotency_key
    ).delete()
    return deleted


def prune_drafts(*, older_than: timedelta = DRAFT_RETENTION) -> int:
    """Delete the drafts last saved more than `older_than` ago; return how many."""
    deleted, _rows = RequestDraft.objects.filter(saved_at__lt=timezone.now() - older_than).delete()
    return deleted
