"""Mijn gegevens: what the registry says about the citizen, and their contact details."""

from collections.abc import Callable

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
    person, registry_unavailable = None, False
    try:
        person = registry_for_request(request).get_person(
            user.bsn, purpose=Purpose.PERSONAL_DATA, viewer=user
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
            "bsn_display": user.bsn if show_bsn else mask_bsn(user.bsn),
            "bsn_last_digits": user.bsn[-3:],
            "contact": contact_details_for_citizen(user=user),
            "extra_sections": [html for section in _sections if (html := section(request))],
        },
    )
