"""Reads of the identity app's personal data, always for a given viewer."""

from __future__ import annotations

from django.db.models import QuerySet

from .access_log import AccessAction, AccessLogEntry
from .actors import ActorKind
from .contact_details import ContactDetails


def contact_details_for_citizen(*, user) -> ContactDetails:
    """The citizen's contact details; an unsaved default when they have none yet."""
    return ContactDetails.objects.filter(user=user).first() or ContactDetails(user=user)


def access_log_for_citizen(
    *, user, organisation: str = "", others_only: bool = False
) -> QuerySet[AccessLogEntry]:
    """Every access to the citizen's data except their own logins, newest first;
    with `others_only`, without what the citizen did themselves."""
    entries = (
        # The log holds a keyed hash of the BSN, never the BSN: hash the viewer's.
        AccessLogEntry.objects.for_subject(user.bsn).exclude(action=AccessAction.LOGGED_IN)
    )
    if others_only:
        entries = entries.exclude(actor_kind=ActorKind.CITIZEN)
    if organisation:
        # The citizen's own views read as the portal's, not the organisation's
        # (AccessLogEntry.organisation_label), so they are not "by" it.
        entries = entries.filter(organisation=organisation).exclude(actor_kind=ActorKind.CITIZEN)
    return entries


def access_log_organisations(*, user) -> list[str]:
    """The organisations that looked at the citizen's data, for the filter."""
    return list(
        access_log_for_citizen(user=user, others_only=True)
        .exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )


def login_history_for_citizen(*, user) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.for_subject(user.bsn).filter(action=AccessAction.LOGGED_IN)
