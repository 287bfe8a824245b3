"""Citizen pages of the documents app: download, upload, and the public
"Controleer een document". Thin: visibility in selectors, writes in services."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import selectors as case_selectors
from cases.models import Case
from cases.viewer import view_purpose
from identity.access_log import AccessAction, log_subject_access
from identity.actors import Actor
from identity.decorators import citizen_required

from . import selectors, services
from .downloads import attachment_response
from .forms import UploadForm, VerifyForm
from .models import Document
from .receiving import (
    CITIZEN_UPLOADS,
    VERIFICATIONS,
    receive_upload,
    receives_upload,
    upload_too_large,
)
from .validation import too_large_error


@citizen_required
@require_http_methods(["GET", "HEAD"])
def download(request, public_id):
    try:
        document = selectors.document_for_citizen(context=request.acting, public_id=public_id)
    except Document.DoesNotExist:
        raise Http404 from None
    actor = Actor.acting(request.user, request.acting)
    log_subject_access(
        subject=request.acting.subject,
        actor=actor,
        action=AccessAction.DOWNLOADED,
        purpose=view_purpose(request.acting),
        object_kind="document",
        object_label=f"{document.title} ({document.case.reference})",
        organisation=actor.organisation or document.case.agency.name,
        detail={"document": str(document.public_id)},
    )
    return attachment_response(document)


def _case_or_404(request, agency: str, reference: str) -> Case:
    try:
        return case_selectors.case_for_citizen(
            context=request.acting, agency=agency, reference=reference
        )
    except Case.DoesNotExist:
        raise Http404 from None


@citizen_required
@receives_upload
@require_http_methods(["GET", "POST"])
def upload(request, agency: str, reference: str):
    case = _case_or_404(request, agency, reference)
    form = UploadForm()
    if request.method == "POST" and case.citizen_may_upload():
        try:
            _admit(request, CITIZEN_UPLOADS)
        except ValidationError as exc:
            form = _refused(UploadForm, request, exc)
        else:
            form = UploadForm(request.POST, request.FILES)
            document = _receive(request, form, case) if form.is_valid() else None
            if document is not None:
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


def _admit(request, rate_limit) -> None:
    """Refuse a file the size cap cut off, then count the attempt - before the
    form is validated, so a refused attempt counts too."""
    if upload_too_large(request):
        raise too_large_error()
    rate_limit.check(request)


def _refused(form_class, request, exc: ValidationError):
    """The form with why it was refused: a too-large file on the file field (the
    other fields' errors would only confuse), a rate limit above the form."""
    if exc.code == "too_large":
        form = form_class(request.POST)
        form.is_valid()
        form.errors.clear()
        form.add_error("file", exc)
    else:
        form = form_class(request.POST, request.FILES)
        form.is_valid()
        form.add_error(None, exc)
    return form


def _receive(request, form, case: Case) -> Document | None:
    """The form's file checked and stored on `case`; None (error on the form) if refused."""
    try:
        with receive_upload(request, form.cleaned_data["file"]) as upload:
            return services.add_citizen_upload(
                case=case,
                upload=upload,
                title=form.cleaned_data["title"],
                actor=Actor.acting(request.user, request.acting),
            )
    except ValidationError as exc:
        form.add_error("file", exc)
        return None


@receives_upload
@require_http_methods(["GET", "POST"])
def verify(request):
    form = VerifyForm()
    result = None
    if request.method == "POST":
        try:
            _admit(request, VERIFICATIONS)
        except ValidationError as exc:
            form = _refused(VerifyForm, request, exc)
        else:
            form = VerifyForm(request.POST, request.FILES)
            if form.is_valid():
                result = _verification(form.cleaned_data)
    return render(
        request,
        "documents/verify.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


def _verification(data: dict) -> dict:
    sha256 = data["sha256"]
    if data["file"]:
        # Only hashed, never stored: no type check or virus scan.
        digest = hashlib.sha256()
        for chunk in data["file"].chunks():
            digest.update(chunk)
        sha256 = digest.hexdigest()
    document = selectors.decision_by_hash(sha256=sha256)
    return {
        "found": document is not None,
        "sha256": sha256,
        "decision_date": document.decision_date if document else None,
        "agency": document.case.agency.name if document else "",
    }
