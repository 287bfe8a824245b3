"""Reads of the identity app's personal data, always for a given viewer."""

from __future__ import annotations

from django.db.models import QuerySet

from .access_log import AccessAction, AccessLogEntry
from .contact_details import ContactDetails


def contact_details_for_citizen(*, user) -> ContactDetails:
    """The citizen's contact details; an unsaved default when they have none yet."""
    return ContactDetails.objects.filter(user=user).first() or ContactDetails(user=user)


def access_log_for_citizen(*, user, organisation: str = "") -> QuerySet[AccessLogEntry]:
    """Every access to the citizen's data except their own logins, newest first."""
    entries = AccessLogEntry.objects.filter(bsn=user.bsn).exclude(action=AccessAction.LOGGED_IN)
    if organisation:
        entries = entries.filter(organisation=organisation)
    return entries


def access_log_organisations(*, user) -> list[str]:
    """The organisations that appear in the citizen's log, for the filter."""
    return list(
        access_log_for_citizen(user=user)
        .exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )


def login_history_for_citizen(*, user) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(bsn=user.bsn, action=AccessAction.LOGGED_IN)
