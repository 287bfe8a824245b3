"""Mijn gegevens: who may act for you (issue 19, point 2).

The represented person sees every representation that has not ended (name,
kind, scope, dates), except one a court order keeps from them
(`hidden_from_represented`). "Klopt dit niet?" names the municipality that
keeps the record and how to reach it: the correction request of Mijn gegevens
(corrections) is for registry (BRP) data, and a conversation needs a case, so
the municipality's contact details and its digital channels are the way that
exists for every representation.
"""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from identity.access_log import Purpose
from identity.registry import RegistryUnavailable, registry_for_request

from .models import Representation


def representations_for_represented(*, bsn: str) -> list[Representation]:
    """Not ended, not hidden by a court order: what the person may see."""
    today = timezone.localdate()
    return list(
        Representation.objects.filter(represented_bsn=bsn, hidden_from_represented=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("agency")
        .prefetch_related("agencies", "case_types__agency")
        .order_by("starts_on", "pk")
    )


def representatives_section(request) -> str:
    user = request.user
    acting = getattr(request, "acting", None)
    if acting is not None and not acting.is_self:
        # Someone acting for this person does not read who else represents them.
        return ""
    bsn = getattr(user, "bsn", None)
    if not bsn:
        return ""
    representations = representations_for_represented(bsn=bsn)
    registry = registry_for_request(request)
    rows = []
    for representation in representations:
        try:
            person = registry.get_person(
                representation.representative_bsn, purpose=Purpose.REPRESENTATION, viewer=user
            )
        except RegistryUnavailable:
            person = None
        rows.append({"representation": representation, "name": person.full_name if person else ""})
    return render_to_string(
        "representation/mijn_gegevens_section.html",
        {"rows": rows, "today": timezone.localdate()},
        request=request,
    )
