"""A caseworker downloads a document of a case of their own agency.

The case comes from `case_for_caseworker` (another agency's is a 404), the
document from that case only; every download goes to the access log of each
citizen on the case, as the citizen's own downloads do.
"""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404
from django.views.decorators.http import require_http_methods

from cases.services import ACCESS_PURPOSE
from identity.access_log import AccessAction, ActorKind, record_access

from .views import _get_case


@require_http_methods(["GET", "HEAD"])
def download_document(request, pk: int, public_id):
    case = _get_case(request, pk)
    document = case.documents.filter(public_id=public_id).first()
    if document is None:
        raise Http404
    with transaction.atomic():
        for bsn in sorted(set(case.roles.values_list("bsn", flat=True))):
            record_access(
                bsn=bsn,
                actor_kind=ActorKind.CASEWORKER,
                action=AccessAction.DOWNLOADED,
                object_kind="document",
                object_label=f"{document.title} ({case.reference})",
                organisation=case.agency.name,
                purpose=ACCESS_PURPOSE,
                actor_user=request.user,
                detail={"document": str(document.public_id)},
            )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
