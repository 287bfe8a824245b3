"""The citizen's mobile number for SMS notifications (issue 18): enter a
number, get a code by SMS, confirm it. The mirror of the e-mail confirmation
(identity.views.contact); the rules and rate limits live in notifications.mobile.
Personal pages: never cached (no-store)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from identity.decorators import citizen_required

from .channels import sms_available
from .mobile import confirm_mobile_code, request_mobile_code
from .mobile_forms import MobileCodeForm, MobileNumberForm
from .models import MobileNumber


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _own_only(request) -> None:
    """The mobile number is the logged-in person's own: not in a context acting
    for another (identity.acting), where this page does not exist."""
    if not request.acting.is_self:
        raise Http404


def _row(user) -> MobileNumber | None:
    return MobileNumber.objects.filter(user=user).first()


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def mobile_number(request):
    _own_only(request)
    row = _row(request.user)
    form = MobileNumberForm(request.POST or None)
    status = 200
    if request.method == "POST" and sms_available() and form.is_valid():
        try:
            request_mobile_code(user=request.user, number=form.cleaned_data["number"])
        except ValidationError as error:
            form.add_error("number", error)
        else:
            messages.success(request, _("We hebben een code gestuurd naar uw mobiele nummer."))
            return redirect("mobile:confirm")
    if form.errors:
        status = 400
    context = {
        "form": form,
        "confirmed": row.number if row and row.verified_at else "",
        "available": sms_available(),
    }
    return _no_store(render(request, "notifications/mobile_number.html", context, status=status))


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def mobile_confirm(request):
    _own_only(request)
    row = _row(request.user)
    if row is None or not row.pending_number:
        return redirect("mobile:number")
    form = MobileCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirm_mobile_code(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("Uw mobiele nummer is bevestigd."))
            return redirect("messaging:consent")
    context = {"form": form, "pending": row.pending_number}
    return _no_store(
        render(
            request,
            "notifications/mobile_confirm.html",
            context,
            status=400 if form.errors else 200,
        )
    )
