"""'Voor wie wilt u iets regelen?': the acting-context chooser (issue 19, decision 0041).

Lists what `identity.acting.available_contexts` offers (yourself, children with
gezag, represented persons, businesses) and switches by POST with the opaque
key: never a BSN or KvK number in the page or the URL. Switching keeps the
session (nothing the citizen has open is lost); starting to act for someone
writes an entry in *their* access log, and a log line without identifiers
(identity.acting.choose_context).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from identity.access_log import AccessAction, Purpose, log_subject_access
from identity.acting import (
    CHOICE_SESSION_KEY,
    ActingContext,
    Basis,
    available_contexts,
    choose_context,
)
from identity.actors import Actor
from identity.decorators import citizen_required
from identity.next_url import safe_next_url

OBJECT_KIND = "acting_context"


def after_login_url(request, next_url: str) -> str:
    """Where a login lands: the chooser first when the citizen may act for
    someone else and has not chosen in this session yet (a step-up login keeps
    the choice and goes on), keeping where they were going; else `next_url`."""
    if request.session.get(CHOICE_SESSION_KEY):
        return next_url
    if len(available_contexts(request)) > 1:
        return f"{reverse('identity:choose_subject')}?{urlencode({'next': next_url})}"
    return next_url


def _basis_in_words(context: ActingContext) -> str:
    return {
        Basis.SELF: _("Uw eigen zaken en gegevens"),
        Basis.PARENT: _("U heeft het ouderlijk gezag"),
        Basis.REPRESENTATIVE: _("U bent wettelijk vertegenwoordiger"),
        Basis.MACHTIGING: _("U bent gemachtigd via DigiD Machtigen"),
        Basis.EHERKENNING: _("U handelt namens het bedrijf met eHerkenning"),
    }.get(Basis(context.basis), context.basis_label)


def _scope_in_words(context: ActingContext) -> str:
    if not (context.agencies or context.case_types or context.services):
        return _("Alle zaken en gegevens")
    parts = []
    if context.services and not context.service_names:
        # No service of the mandate is in the register of mandate services (or
        # each needs a higher level): it opens nothing here (decision 0050).
        return _("Geen diensten die u via dit loket kunt gebruiken")
    if context.services:
        parts.append(_("diensten: %(names)s") % {"names": ", ".join(context.service_names)})
    if context.agencies:
        parts.append(_("%(count)d organisatie(s)") % {"count": len(context.agencies)})
    if context.case_types:
        parts.append(_("%(count)d soort(en) zaken") % {"count": len(context.case_types)})
    return _("Alleen %(parts)s") % {"parts": "; ".join(parts)}


def _name(context: ActingContext, user) -> str:
    if context.is_self:
        return _("Uzelf (%(name)s)") % {"name": user.get_full_name()}
    return context.subject.name or _("Naam onbekend")


def _choices(request) -> list[dict]:
    current = request.acting.key
    return [
        {
            "key": context.key,
            "name": _name(context, request.user),
            "basis": _basis_in_words(context),
            "scope": _scope_in_words(context),
            "valid_until": context.valid_until,
            "is_current": context.key == current,
        }
        # The chooser always asks the providers again (identity.acting's window).
        for context in available_contexts(request, fresh=True)
    ]


def _page(request, *, next_url: str, error: str = "", status: int = 200):
    return render(
        request,
        "identity/choose_subject.html",
        {"choices": _choices(request), "next_url": next_url, "error": error},
        status=status,
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def choose_subject(request):
    data = request.POST if request.method == "POST" else request.GET
    next_url = safe_next_url(data.get("next"))
    if request.method == "GET":
        return _page(request, next_url=next_url)
    context = choose_context(request, data.get("key", ""))
    if context is None:
        # An old page, a forged key or a context that just ended: no change.
        return _page(
            request,
            next_url=next_url,
            error=_("Deze keuze is niet (meer) mogelijk. Kies opnieuw."),
            status=400,
        )
    if not context.is_self:
        with transaction.atomic():
            log_subject_access(
                subject=context.subject,
                actor=Actor.acting(request.user, context),
                action=AccessAction.STARTED_ACTING,
                purpose=Purpose.REPRESENTATION,
                object_kind=OBJECT_KIND,
                detail={"basis": context.basis},
            )
    return redirect(next_url)
