"""Citizen pages of the documents app: download, upload, and the public
"Controleer een document". Thin: visibility in selectors, writes in services."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from cases import selectors as case_selectors
from cases.models import Case
from identity.access_log import AccessAction, Purpose, log_case_access
from identity.actors import Actor
from identity.decorators import citizen_required

from . import ratelimit, selectors, services
from .downloads import attachment_response
from .forms import UploadForm, VerifyForm
from .models import Document
from .upload_handlers import limit_uploads
from .validation import too_large_error


@citizen_required
@require_http_methods(["GET", "HEAD"])
def download(request, public_id):
    try:
        document = selectors.document_for_citizen(user=request.user, public_id=public_id)
    except Document.DoesNotExist:
        raise Http404 from None
    log_case_access(
        case=document.case,
        actor=Actor.citizen(request.user),
        action=AccessAction.DOWNLOADED,
        purpose=Purpose.OWN_VIEW,
        object_kind="document",
        object_label=f"{document.title} ({document.case.reference})",
        detail={"document": str(document.public_id)},
        bsns=[request.user.bsn],
    )
    return attachment_response(document)


def _case_or_404(request, agency: str, reference: str) -> Case:
    try:
        return case_selectors.case_for_citizen(
            user=request.user, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None


@csrf_exempt  # CSRF is checked below, after the size limit is in place.
@citizen_required
def upload(request, agency: str, reference: str):
    # The size-limit handler must be installed before anything reads request.POST,
    # which the CSRF middleware would do; hence csrf_exempt + csrf_protect.
    limit_uploads(request)
    return _upload(request, agency, reference)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request, agency: str, reference: str):
    case = _case_or_404(request, agency, reference)
    form = UploadForm()
    if request.method == "POST" and case.citizen_may_upload():
        form = UploadForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            form = UploadForm(request.POST)
            form.is_valid()
            form.errors.clear()
            form.add_error("file", too_large_error())
        elif not ratelimit.allow(
            scope="upload",
            key=str(request.user.pk),
            limit=settings.DOCUMENT_UPLOADS_PER_HOUR,
            window_seconds=3600,
        ):
            form.is_valid()
            form.add_error(
                None,
                ValidationError(
                    _(
                        "U hebt het afgelopen uur veel bestanden gestuurd. "
                        "Probeer het later opnieuw."
                    ),
                    code="rate_limited",
                ),
            )
        elif form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                document = services.upload_document(
                    case=case,
                    chunks=uploaded.chunks(),
                    filename=uploaded.name,
                    title=form.cleaned_data["title"],
                    actor=Actor.citizen(request.user),
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(
                    request,
                    _("Wij hebben uw document “%(title)s” ontvangen.") % {"title": document.title},
                )
                return redirect(case.get_absolute_url() + "#documenten")
    status = 400 if form.errors else 200
    response = render(
        request,
        "documents/upload.html",
        {"case": case, "form": form, "may_upload": case.citizen_may_upload()},
        status=status,
    )
    # Also under /en/, which portal.middleware's /mijn/ prefix does not cover.
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # checked in _verify, after the size limit is in place
def verify(request):
    limit_uploads(request)
    return _verify(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _verify(request):
    form = VerifyForm()
    result = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            form = VerifyForm(request.POST)
            form.is_valid()
            form.errors.clear()
            form.add_error("file", too_large_error())
        elif not ratelimit.allow(
            scope="verify",
            key=ratelimit.client_key(request),
            limit=settings.DOCUMENT_VERIFICATIONS_PER_HOUR,
            window_seconds=3600,
        ):
            form.is_valid()
            form.add_error(
                None,
                ValidationError(
                    _("U hebt veel documenten gecontroleerd. Probeer het later opnieuw."),
                    code="rate_limited",
                ),
            )
        elif form.is_valid():
            sha256 = form.cleaned_data["sha256"]
            if form.cleaned_data["file"]:
                digest = hashlib.sha256()
                for chunk in form.cleaned_data["file"].chunks():
                    digest.update(chunk)
                sha256 = digest.hexdigest()
            document = selectors.decision_by_hash(sha256=sha256)
            result = {
                "found": document is not None,
                "sha256": sha256,
                "decision_date": document.decision_date if document else None,
                "agency": document.case.agency.name if document else "",
            }
    return render(
        request,
        "documents/verify.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )
