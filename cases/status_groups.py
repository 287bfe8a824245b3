"""Citizen-facing status groups: five words every agency's statuses map to.

VNG MijnServices asks that a citizen sees the same few states for every case,
whatever an agency calls its own steps. Each StatusType belongs to one group
(StatusType.citizen_group, set in the back office); the case's group follows
from its current status, with two rules on top: a case without a status yet is
"ontvangen", and a closed case is at least "besluit genomen" or "afgerond".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Case, StatusType
    from .sources import RemoteCase


class StatusGroup(models.TextChoices):
    """In the order a case goes through them (B1 wording, Dutch source)."""

    RECEIVED = "ontvangen", _("Ontvangen")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    WAITING = "wacht_op_u", _("Wacht op u")
    DECIDED = "besluit_genomen", _("Besluit genomen")
    CLOSED = "afgerond", _("Afgerond")


# One sentence per group, B1: what it means for the citizen and what they do now.
GROUP_EXPLANATIONS = {
    StatusGroup.RECEIVED: _("Uw zaak is binnen. Er is nog niemand mee bezig."),
    StatusGroup.IN_PROGRESS: _("Iemand werkt aan uw zaak. U hoeft nu niets te doen."),
    StatusGroup.WAITING: _(
        "De organisatie heeft iets van u nodig. Kijk bij de zaak wat u moet doen."
    ),
    StatusGroup.DECIDED: _(
        "Er is een besluit. U vindt het bij de zaak. "
        "Bent u het er niet mee eens? Dan kunt u bezwaar maken."
    ),
    StatusGroup.CLOSED: _("De zaak is klaar. U hoeft niets meer te doen."),
}

_CLOSED_GROUPS = {StatusGroup.DECIDED, StatusGroup.CLOSED}


def suggested_group(status_type: StatusType, *, first_order: int | None = None) -> str:
    """The group a status type most likely belongs to, from its flags and name:
    the default for a new status type and the mapping of existing ones
    (migration 0011 repeats this rule on its historical models)."""
    words = f"{status_type.name} {status_type.citizen_text}".lower()
    if status_type.action_required:
        return StatusGroup.WAITING
    if "besluit" in words or "beslis" in words:
        return StatusGroup.DECIDED
    if status_type.is_final:
        return StatusGroup.CLOSED
    if "ontvang" in words or (first_order is not None and status_type.order <= first_order):
        return StatusGroup.RECEIVED
    return StatusGroup.IN_PROGRESS


def group_of(case: Case | RemoteCase) -> str:
    """The case's group, from the rows the overview already joined (no query)."""
    status = case.current_status
    if status is None:
        return StatusGroup.CLOSED if case.closed_on else StatusGroup.RECEIVED
    group = status.status_type.citizen_group or (
        # A remote case's status type may carry no group: its flag decides.
        StatusGroup.WAITING if status.status_type.action_required else StatusGroup.IN_PROGRESS
    )
    if case.closed_on:
        return group if group in _CLOSED_GROUPS else StatusGroup.CLOSED
    if group in _CLOSED_GROUPS:
        # A final step set but the case not closed yet: the decision is there.
        return StatusGroup.DECIDED
    if group == StatusGroup.WAITING and status.answered_at is not None:
        # The citizen answered; the agency is working on it again.
        return StatusGroup.IN_PROGRESS
    return group


def group_filter(group: str) -> Q:
    """The SQL condition for cases in `group`: the same rules as group_of."""
    status_group = "current_status__status_type__citizen_group"
    is_open = Q(closed_on__isnull=True)
    no_status = Q(current_status__isnull=True)
    answered = Q(current_status__answered_at__isnull=False)
    if group == StatusGroup.RECEIVED:
        return is_open & (no_status | Q(**{status_group: StatusGroup.RECEIVED}))
    if group == StatusGroup.IN_PROGRESS:
        return is_open & (
            Q(**{status_group: StatusGroup.IN_PROGRESS})
            | (Q(**{status_group: StatusGroup.WAITING}) & answered)
        )
    if group == StatusGroup.WAITING:
        return is_open & Q(**{status_group: StatusGroup.WAITING}) & ~answered
    if group == StatusGroup.DECIDED:
        return Q(**{status_group: StatusGroup.DECIDED}) | (
            is_open & Q(**{status_group: StatusGroup.CLOSED})
        )
    if group == StatusGroup.CLOSED:
        return Q(closed_on__isnull=False) & ~Q(**{status_group: StatusGroup.DECIDED})
    raise ValueError(group)
