"""A caseworker downloads a document of a case of their agency.

Authorised through the case (cases_for_caseworker): another agency's document is
a 404 like one that does not exist. Every download is written to the citizen's
access log with the agency's name; headers as for the citizen's download.
"""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_http_methods

from cases.models import Case
from documents.downloads import attachment_response
from documents.models import Document
from identity.access_log import AccessAction, log_case_access
from identity.actors import Actor

from .selectors import case_for_caseworker


@require_http_methods(["GET", "HEAD"])
def download_document(request, pk: int, public_id):
    try:
        case = case_for_caseworker(user=request.user, pk=pk)
        document = Document.objects.get(case=case, public_id=public_id)
    except (Case.DoesNotExist, Document.DoesNotExist):
        raise Http404 from None
    log_case_access(
        case=case,
        actor=Actor.caseworker(request.user, agency=case.agency),
        action=AccessAction.DOWNLOADED,
        object_kind="document",
        object_label=f"{document.title} ({case.reference})",
        detail={"document": str(document.public_id)},
    )
    return attachment_response(document)
