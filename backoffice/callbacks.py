""" "Bel mij terug" requests (pages/help.py) for the caseworkers of the case's agency.

A request about another agency's case is not found (404), like one that does not
exist. Opening one shows the citizen's phone number and question: that view is
written to the access log the citizen reads.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import render

from identity.access_log import AccessAction, Purpose, log_case_access
from identity.actors import Actor
from pages.models import CallbackRequest

from .selectors import callbacks_for_caseworker, is_caseworker

PAGE_SIZE = 25


def callback_list(request):
    if not is_caseworker(request.user):
        raise Http404
    callbacks = callbacks_for_caseworker(user=request.user)
    page = Paginator(callbacks, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "backoffice/callback_list.html", {"page": page})


def callback_detail(request, pk: int):
    try:
        callback = callbacks_for_caseworker(user=request.user).get(pk=pk)
    except CallbackRequest.DoesNotExist:
        raise Http404 from None
    with transaction.atomic():
        log_case_access(
            case=callback.case,
            actor=Actor.caseworker(request.user, agency=callback.case.agency),
            action=AccessAction.VIEWED,
            purpose=Purpose.CASE_HANDLING,
            object_kind="callback_request",
            object_label="Terugbelverzoek",
            detail={"callback_request": callback.pk},
            bsns=[callback.bsn],
        )
    return render(request, "backoffice/callback_detail.html", {"callback": callback})
