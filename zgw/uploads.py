"""The citizen sends a document on a ZGW zaak: our own checks (size cap, rate
limit, type and content, virus scan: documents.receiving, decision 0029), then
the agency's Documenten API (zgw/writing.py). Like a local upload, with the
same form and messages."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.forms import UploadForm
from documents.receiving import CITIZEN_UPLOADS, receive_upload, receives_upload, upload_too_large
from documents.validation import too_large_error
from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.actors import Actor
from identity.decorators import citizen_required

from .client import SourceUnavailable, ZgwClient
from .provider import bump_generation
from .reading import Zaak
from .views import _system_or_404, _unavailable, _zaak_or_404
from .writing import add_document

# A second POST of the same file on the same zaak within this time (a double
# click, a retried request) is not sent again.
IDEMPOTENCY_SECONDS = 600


def may_upload(system, zaak: Zaak) -> bool:
    return bool(system.upload_informatieobjecttype) and zaak.einddatum is None


@citizen_required
@receives_upload
@require_http_methods(["GET", "POST"])
def zaak_upload(request, agency: str, zaak):
    system = _system_or_404(agency)
    try:
        found = _zaak_or_404(request, system, zaak)
    except SourceUnavailable:
        return _unavailable(request, system)
    allowed = may_upload(system, found)
    form = UploadForm()
    if request.method == "POST" and allowed:
        form = UploadForm(request.POST, request.FILES)
        try:
            if upload_too_large(request):
                raise too_large_error()
            CITIZEN_UPLOADS.check(request)
        except ValidationError as exc:
            form = UploadForm(request.POST)
            form.is_valid()
            form.errors.clear()
            form.add_error("file" if exc.code == "too_large" else None, exc)
        else:
            if form.is_valid() and _send(request, form, system, found):
                return redirect(f"{found_url(agency, found)}#documenten")
    response = render(
        request,
        "zgw/upload.html",
        {"agency": system.agency, "zaak": found, "form": form, "may_upload": allowed},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


def found_url(agency: str, zaak: Zaak) -> str:
    from django.urls import reverse

    return reverse("zgw:detail", kwargs={"agency": agency, "zaak": zaak.uuid})


def _send(request, form, system, zaak: Zaak) -> bool:
    title = form.cleaned_data["title"] or form.cleaned_data["file"].name or _("Document")
    try:
        with receive_upload(request, form.cleaned_data["file"]) as upload:
            key = (
                "zgw:upload:"
                + hashlib.sha256(
                    f"{request.user.pk}:{zaak.url}:{upload.sha256}".encode()
                ).hexdigest()
            )
            if cache.add(key, True, IDEMPOTENCY_SECONDS):
                try:
                    add_document(ZgwClient(system), zaak=zaak, upload=upload, title=title)
                except SourceUnavailable:
                    cache.delete(key)
                    form.add_error(
                        None,
                        _(
                            "Uw document is niet aangekomen: %(agency)s is nu niet bereikbaar. "
                            "Probeer het later opnieuw."
                        )
                        % {"agency": system.agency.name},
                    )
                    return False
    except ValidationError as exc:
        form.add_error("file", exc)
        return False
    log_subject_access(
        subject=request.acting.subject,
        actor=Actor.acting(request.user, request.acting),
        action=AccessAction.CREATED,
        purpose=Purpose.CASE_HANDLING,
        object_kind="document",
        object_label=f"{title} ({zaak.identificatie})",
        organisation=system.agency.name if request.acting.is_self else "",
        detail={"zaak": zaak.uuid},
    )
    bump_generation(system)
    messages.success(request, _("Wij hebben uw document “%(title)s” ontvangen.") % {"title": title})
    return True
