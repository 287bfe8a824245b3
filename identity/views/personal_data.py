"""Mijn gegevens: what the registry says about the acting context's subject
(the citizen, or the child or represented person acted for), and the
citizen's own contact details (only when acting for themselves). A business
has no personal data here: 404 (its registry page is another's work)."""

from collections.abc import Callable

from django.http import Http404
from django.shortcuts import render

from identity.access_log import Purpose
from identity.bsn import mask_bsn
from identity.decorators import citizen_required
from identity.registry import RegistryUnavailable, registry_for_request
from identity.selectors import contact_details_for_citizen

SHOW_BSN_PARAM, SHOW_BSN_VALUE = "bsn", "toon"

# Sections apps above identity add to the page (representation: who may act
# for you), so identity never imports them: `section(request)` returns the
# section's HTML, or "" to show nothing. Register from an AppConfig.ready().
_sections: list[Callable[..., str]] = []


def register_section(section: Callable[..., str]) -> Callable[..., str]:
    if section not in _sections:
        _sections.append(section)
    return section


@citizen_required
def personal_data(request):
    user = request.user
    acting = request.acting
    bsn = acting.subject.bsn
    if not bsn:
        raise Http404
    person, registry_unavailable = None, False
    try:
        person = registry_for_request(request).get_person(
            bsn, purpose=Purpose.PERSONAL_DATA, viewer=user
        )
    except RegistryUnavailable:
        registry_unavailable = True
    # "Toon" is a GET toggle: the URL says ?bsn=toon, never the number itself.
    show_bsn = request.GET.get(SHOW_BSN_PARAM) == SHOW_BSN_VALUE
    return render(
        request,
        "identity/personal_data.html",
        {
            "person": person,
            "registry_unavailable": registry_unavailable,
            "show_bsn": show_bsn,
            "bsn_display": bsn if show_bsn else mask_bsn(bsn),
            "bsn_last_digits": bsn[-3:],
            "is_self": acting.is_self,
            "contact": contact_details_for_citizen(user=user) if acting.is_self else None,
            # Sections of apps above identity (representation: who may act for you),
            # only on your own page.
            "extra_sections": [html for section in _sections if (html := section(request))]
            if acting.is_self
            else [],
        },
    )
