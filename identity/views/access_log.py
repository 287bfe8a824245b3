"""Inzage: who looked at or changed the citizen's data, and their login history."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from identity.decorators import citizen_required
from identity.selectors import (
    access_log_for_citizen,
    access_log_organisations,
    login_history_for_citizen,
)

PAGE_SIZE = 20
LOGINS_SHOWN = 10


# ?wie=: whose accesses are listed. Others' by default (identity/access_log.py:
# what the citizen needs to see is what others did with their data).
WHO_PARAM = "wie"
WHO_OTHERS = "anderen"
WHO_EVERYONE = "iedereen"


@citizen_required
def access_log(request):
    organisations = access_log_organisations(user=request.user)
    organisation = request.GET.get("organisatie", "")
    if organisation not in organisations:
        organisation = ""
    who = WHO_EVERYONE if request.GET.get(WHO_PARAM) == WHO_EVERYONE else WHO_OTHERS
    entries = access_log_for_citizen(
        user=request.user, organisation=organisation, others_only=who == WHO_OTHERS
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = {WHO_PARAM: who}
    if organisation:
        query["organisatie"] = organisation
    return render(
        request,
        "identity/access_log.html",
        {
            "page": page,
            "organisations": organisations,
            "organisation": organisation,
            "who": who,
            "who_choices": [
                (WHO_OTHERS, _("Alleen door anderen")),
                (WHO_EVERYONE, _("Door anderen en door uzelf")),
            ],
            # The filter for the pagination links: no personal data, only choices.
            "page_query": urlencode(query),
            "logins": login_history_for_citizen(user=request.user)[:LOGINS_SHOWN],
        },
    )
