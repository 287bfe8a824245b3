"""Reads of documents for citizens. A document is visible when its case is visible
to the citizen (cases.selectors: a role on the case, case confidentiality allowed)
and the document's own confidentiality is one citizens may see. Anything else does
not exist for them."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from cases.models import Case, Confidentiality
from cases.selectors import AUTHORISED_FOR
from cases.viewer import resolve, visible_cases

from .models import Document

if TYPE_CHECKING:
    from identity.acting import ActingContext
    from identity.models import User


def documents_for_citizen(
    *,
    context: ActingContext | None = None,
    user: User | None = None,
    case: Case | None = None,
) -> QuerySet[Document]:
    """The documents of the acting context's visible cases (cases.viewer: the
    subject's roles, within the mandate's scope) that citizens may see."""
    context = resolve(context=context, user=user)
    if context is None:
        return Document.objects.none()
    visible = Confidentiality.citizen_visible()
    cases = visible_cases(context)
    documents = Document.objects.filter(case__in=cases, confidentiality__in=visible)
    if case is not None:
        documents = documents.filter(case=case)
    return documents.order_by("-created_at", "-id")


_CASE_DOCUMENTS = "_citizen_visible_documents"


def documents_of_authorised_case(
    *, context: ActingContext | None = None, user: User | None = None, case: Case
) -> list[Document]:
    """`documents_for_citizen(context=context, case=case)` as a list, for a case
    the page already authorised for this context (cases.selectors.case_for_citizen
    marks the instance): no second authorisation subquery, and read once per
    instance so the documents section and the case history share one query.
    Any other case goes through `documents_for_citizen`."""
    context = resolve(context=context, user=user)
    if context is None or getattr(case, AUTHORISED_FOR, None) != context.key:
        return list(documents_for_citizen(context=context, case=case))
    cached = getattr(case, _CASE_DOCUMENTS, None)
    if cached is None:
        cached = list(
            Document.objects.filter(
                case=case, confidentiality__in=Confidentiality.citizen_visible()
            ).order_by("-created_at", "-id")
        )
        setattr(case, _CASE_DOCUMENTS, cached)
    return cached


def document_for_citizen(
    *, context: ActingContext | None = None, user: User | None = None, public_id: UUID | str
) -> Document:
    """Raises Document.DoesNotExist for a document that is not the context's."""
    return (
        documents_for_citizen(context=context, user=user)
        .select_related("case__agency")
        .get(public_id=public_id)
    )


def decision_by_hash(*, sha256: str) -> Document | None:
    """For "Controleer een document": a decision the portal issued with this hash."""
    return (
        Document.objects.filter(sha256=sha256.lower(), kind="decision")
        .select_related("case__agency")
        .order_by("created_at")
        .first()
    )
