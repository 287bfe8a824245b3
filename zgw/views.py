"""Citizen pages of a zaak in an agency's ZGW case system: the case page and a
document download. Same rules as local cases: a zaak that is not the
citizen's is a 404, every view is written to the access log, a source that is
down says so in words (503) instead of showing an error page."""

from __future__ import annotations

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from cases.sources import SourceResult
from cases.viewer import view_purpose
from identity.access_log import AccessAction, log_subject_access
from identity.actors import Actor
from identity.business_registry import RegistryUnavailable
from identity.decorators import citizen_required

from .betrokkene import betrokkene_for, in_scope, zaaktype_codes_in_scope
from .client import SourceUnavailable, ZgwClient
from .models import CaseSystem, SourceKind
from .provider import status_texts, status_type
from .reading import Zaak, zaak_for
from .writing import set_last_opened

DOWNLOAD_CHUNK = 64 * 1024


def _system_or_404(agency: str) -> CaseSystem:
    try:
        return CaseSystem.objects.select_related("agency").get(
            agency__slug=agency, agency__is_active=True, kind=SourceKind.ZGW
        )
    except CaseSystem.DoesNotExist:
        raise Http404 from None


def _unavailable(request, system: CaseSystem):
    return render(
        request,
        "zgw/unavailable.html",
        {"unavailable_sources": [SourceResult(agency=system.agency, available=False)]},
        status=503,
    )


def _zaak_or_404(request, system: CaseSystem, zaak: str) -> Zaak:
    """The zaak when it has a Rol for the acting context's subject (a person,
    or a business: zgw/betrokkene.py) and the mandate's scope covers it.
    Raises SourceUnavailable (also when the Handelsregister cannot answer)."""
    context = request.acting
    if not context.allows(agency=system.agency.slug):
        raise Http404
    try:
        betrokkene = betrokkene_for(context)
    except RegistryUnavailable as exc:
        raise SourceUnavailable("business registry unavailable") from exc
    if betrokkene is None:
        raise Http404
    found = zaak_for(ZgwClient(system), uuid=str(zaak), betrokkene=betrokkene)
    if found is None or not in_scope(zaaktype_codes_in_scope(context, system.agency), found):
        raise Http404
    return found


@citizen_required
def zaak_detail(request, agency: str, zaak):
    system = _system_or_404(agency)
    try:
        found = _zaak_or_404(request, system, zaak)
    except SourceUnavailable:
        return _unavailable(request, system)
    log_subject_access(
        subject=request.acting.subject,
        actor=Actor.acting(request.user, request.acting),
        action=AccessAction.VIEWED,
        purpose=view_purpose(request.acting),
        object_kind="case",
        object_label=found.identificatie,
        organisation=system.agency.name if request.acting.is_self else "",
        detail={"zaak": found.uuid},
    )
    if system.sets_last_opened:
        set_last_opened(ZgwClient(system), zaak=found)
    texts = status_texts(system)
    timeline = [
        {
            "status_type": status_type(status, texts),
            "set_at": status.set_at,
            "explanation": status.explanation,
            "state": "current"
            if index == len(found.statuses) - 1 and found.einddatum is None
            else "passed",
        }
        for index, status in enumerate(found.statuses)
    ]
    return render(
        request,
        "zgw/zaak_detail.html",
        {
            "agency": system.agency,
            "zaak": found,
            "timeline": timeline,
            "may_upload": bool(system.upload_informatieobjecttype) and found.einddatum is None,
            "is_overdue": found.einddatum is None
            and found.einddatum_gepland is not None
            and found.einddatum_gepland < timezone.localdate(),
        },
    )


@citizen_required
@require_http_methods(["GET", "HEAD"])
def document_download(request, agency: str, zaak, document):
    system = _system_or_404(agency)
    client = ZgwClient(system)
    try:
        found = _zaak_or_404(request, system, zaak)
        # Only a document of this zaak, within the agency's confidentiality cap
        # (reading._documents), is a document at all.
        match = next((doc for doc in found.documents if doc.uuid == str(document)), None)
        if match is None:
            raise Http404
        upstream = client.stream(match.download_url)
    except SourceUnavailable:
        return _unavailable(request, system)
    log_subject_access(
        subject=request.acting.subject,
        actor=Actor.acting(request.user, request.acting),
        action=AccessAction.DOWNLOADED,
        purpose=view_purpose(request.acting),
        object_kind="document",
        object_label=f"{match.title} ({found.identificatie})",
        organisation=system.agency.name if request.acting.is_self else "",
        detail={"zaak": found.uuid, "document": match.uuid},
    )
    # The same headers as a local document (documents/downloads.py): an
    # attachment of the type the source declared, never sniffed, never cached.
    response = StreamingHttpResponse(
        upstream.iter_content(DOWNLOAD_CHUNK), content_type=match.content_type
    )
    response["Content-Disposition"] = content_disposition_header(True, match.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
