"""Inzage: who looked at or changed the citizen's data, and their login history."""

from django.core.paginator import Paginator
from django.shortcuts import render

from identity.decorators import citizen_required
from identity.selectors import (
    access_log_for_citizen,
    access_log_organisations,
    login_history_for_citizen,
)

PAGE_SIZE = 20
LOGINS_SHOWN = 10


@citizen_required
def access_log(request):
    organisations = access_log_organisations(user=request.user)
    organisation = request.GET.get("organisatie", "")
    if organisation not in organisations:
        organisation = ""
    entries = access_log_for_citizen(user=request.user, organisation=organisation)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "identity/access_log.html",
        {
            "page": page,
            "organisations": organisations,
            "organisation": organisation,
            "logins": login_history_for_citizen(user=request.user)[:LOGINS_SHOWN],
        },
    )
