"""Which representations a caseworker may keep (docs/decisions/0048).

Representations are kept by a municipality: a caseworker sees and maintains
those of the agencies they are a member of, and only with the permission
"Vertegenwoordigingen beheren" (`representation.manage_representations`),
which the municipality gives to the team that registers court orders (in the
demo: Zoetermeer's caseworkers). Without it — a caseworker of the
Belastingdienst, or of the municipality's permit team — every screen is a 404,
like a representation that does not exist. A superuser without a membership
sees none either (decision 0022: a purpose comes with a role).
"""

from __future__ import annotations

from django.db.models import QuerySet

from backoffice.selectors import agencies_for_caseworker
from cases.models import Agency

from .models import Representation

PERMISSION = "representation.manage_representations"


def agencies_keeping_representations(*, user) -> QuerySet[Agency]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if not user.has_perm(PERMISSION):
        return Agency.objects.none()
    return agencies_for_caseworker(user=user)


def may_keep_representations(user) -> bool:
    return agencies_keeping_representations(user=user).exists()


def representations_for_caseworker(*, user) -> QuerySet[Representation]:
    agency_ids = list(agencies_keeping_representations(user=user).values_list("pk", flat=True))
    return Representation.objects.filter(agency_id__in=agency_ids).select_related("agency")


def representation_for_caseworker(*, user, public_id) -> Representation:
    """One representation the user keeps, or Representation.DoesNotExist."""
    return representations_for_caseworker(user=user).get(public_id=public_id)
