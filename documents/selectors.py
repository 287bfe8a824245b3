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

from .models import Document

if TYPE_CHECKING:
    from identity.models import User


def documents_for_citizen(*, user: User, case: Case | None = None) -> QuerySet[Document]:
    if not getattr(user, "is_authenticated", False) or not user.bsn:
        return Document.objects.none()
    visible = Confidentiality.citizen_visible()
    cases = Case.objects.for_bsn(user.bsn).filter(confidentiality__in=visible)
    documents = Document.objects.filter(case__in=cases, confidentiality__in=visible)
    if case is not None:
        documents = documents.filter(case=case)
    return documents.order_by("-created_at", "-id")


_CASE_DOCUMENTS = "_citizen_visible_documents"


def documents_of_authorised_case(*, user: User, case: Case) -> list[Document]:
    """`documents_for_citizen(user=user, case=case)` as a list, for a case the
    page already authorised for this viewer (cases.selectors.case_for_citizen
    marks the instance): no second authorisation subquery, and read once per
    instance so the documents section and the case history share one query.
    Any other case goes through `documents_for_citizen`."""
    bsn = getattr(user, "bsn", "") if getattr(user, "is_authenticated", False) else ""
    if not bsn or getattr(case, AUTHORISED_FOR, None) != bsn:
        return list(documents_for_citizen(user=user, case=case))
    cached = getattr(case, _CASE_DOCUMENTS, None)
    if cached is None:
        cached = list(
            Document.objects.filter(
                case=case, confidentiality__in=Confidentiality.citizen_visible()
            ).order_by("-created_at", "-id")
        )
        setattr(case, _CASE_DOCUMENTS, cached)
    return cached


def document_for_citizen(*, user: User, public_id: UUID | str) -> Document:
    """Raises Document.DoesNotExist for a document that is not the citizen's."""
    return documents_for_citizen(user=user).select_related("case__agency").get(public_id=public_id)


def decision_by_hash(*, sha256: str) -> Document | None:
    """For "Controleer een document": a decision the portal issued with this hash."""
    return (
        Document.objects.filter(sha256=sha256.lower(), kind="decision")
        .select_related("case__agency")
        .order_by("created_at")
        .first()
    )
