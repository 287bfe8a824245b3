"""Changing contact details and confirming a new e-mail address."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from identity.decorators import citizen_required
from identity.forms import ContactDetailsForm
from identity.selectors import contact_details_for_citizen
from identity.services import (
    EmailConfirmationError,
    check_email_confirmation,
    confirm_contact_email,
    update_contact_details,
)


@citizen_required
def contact_details(request):
    # The logged-in person's own addresses: not in a context acting for another.
    if not request.acting.is_self:
        raise Http404
    details = contact_details_for_citizen(user=request.user)
    can_notify = bool(details.email and details.email_verified_at)
    if request.method == "POST":
        form = ContactDetailsForm(request.POST, can_notify=can_notify)
        if form.is_valid():
            data = form.cleaned_data
            change = update_contact_details(
                user=request.user,
                email=data["email"],
                phone=data["phone"],
                preferred_language=data["preferred_language"],
                notify_by_email=data.get("notify_by_email", details.notify_by_email),
            )
            if change.confirmation_sent_to:
                # Not the address itself: messages may travel in a cookie.
                messages.success(
                    request,
                    _(
                        "We hebben een link gestuurd naar uw nieuwe e-mailadres. Open die link "
                        "om het te bevestigen."
                    ),
                )
            if set(change.changed) - {"email_requested"}:
                messages.success(request, _("Uw contactgegevens zijn gewijzigd."))
            elif not change.changed:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("identity:personal_data")
    else:
        form = ContactDetailsForm(
            initial={
                "email": details.pending_email or details.email,
                "phone": details.phone,
                "preferred_language": details.preferred_language,
                "notify_by_email": details.notify_by_email,
            },
            can_notify=can_notify,
        )
    return render(request, "identity/contact_details_form.html", {"form": form, "contact": details})


@citizen_required
def email_confirm(request, token: str):
    """GET shows a button, POST confirms: mail scanners that follow links must
    not use up the one-time link."""
    error = None
    try:
        if request.method == "POST":
            confirm_contact_email(user=request.user, token=token)
            messages.success(request, _("Uw e-mailadres is bevestigd."))
            return redirect("identity:personal_data")
        check_email_confirmation(user=request.user, token=token)
    except EmailConfirmationError as exc:
        error = exc.message
    return render(
        request,
        "identity/email_confirm.html",
        {"error": error},
        status=400 if error else 200,
    )
