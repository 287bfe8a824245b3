"""What a caseworker may see: the cases of the agencies they are a member of.

Visibility is decided here, once (design: "one rule for reads"). A case of
another agency raises Case.DoesNotExist exactly like one that does not exist;
views turn both into a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backoffice.models import AgencyMembership, MembershipRole
from cases.models import Agency, Case, CaseType
from notifications.models import ContactRestoreTask, Notification, NotificationState
from pages.models import CallbackRequest

if TYPE_CHECKING:
    from identity.models import User


def agencies_for_caseworker(*, user: User) -> QuerySet[Agency]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).distinct().order_by("name")


def agencies_administered_by(*, user: User) -> QuerySet[Agency]:
    """Agencies whose case types and status types this user manages."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    return Agency.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.AGENCY_ADMIN
    ).distinct()


def is_caseworker(user: User) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and AgencyMembership.objects.filter(user=user).exists()
    )


def cases_for_caseworker(*, user: User) -> QuerySet[Case]:
    """All cases of the user's agencies, with what a list row shows.

    The agency ids are fetched first (one small query) and passed as values:
    with a subquery PostgreSQL cannot know it yields one agency, so it joined
    and sorted all of an agency's cases (50,000 at 1M cases, ~1 s) before
    taking one page; with `agency_id IN (5)` it walks the (agency,
    last_changed_at) index and stops after the page (bench/caseworker_list.py).
    """
    agency_ids = list(agencies_for_caseworker(user=user).values_list("pk", flat=True))
    return Case.objects.filter(agency_id__in=agency_ids).select_related(
        "agency", "case_type", "current_status__status_type"
    )


def case_for_caseworker(*, user: User, pk: int) -> Case:
    """One case of the user's agencies, or Case.DoesNotExist."""
    return cases_for_caseworker(user=user).get(pk=pk)


def case_types_for_caseworker(*, user: User) -> QuerySet[CaseType]:
    return CaseType.objects.filter(
        agency__in=agencies_for_caseworker(user=user).values("pk")
    ).select_related("agency")


def dashboard_counts(*, user: User) -> dict[str, int]:
    """Counts for the admin dashboard panel (one query for cases, one for mail)."""
    today = timezone.localdate()
    counts = cases_for_caseworker(user=user).aggregate(
        open=Count("pk", filter=Q(closed_on__isnull=True)),
        overdue=Count("pk", filter=Q(closed_on__isnull=True, planned_end_on__lt=today)),
        action_required=Count(
            "pk",
            filter=Q(
                closed_on__isnull=True,
                current_status__status_type__action_required=True,
                current_status__answered_at__isnull=True,
            ),
        ),
        new_citizen_documents=Count("pk", filter=Q(citizen_documents_unseen_since__isnull=False)),
    )
    agencies = agencies_for_caseworker(user=user).values("pk")
    counts["undeliverable"] = Notification.objects.filter(
        Q(case__agency__in=agencies) | Q(message__agency__in=agencies),
        state__in=[NotificationState.UNDELIVERABLE, NotificationState.FAILED],
    ).count()
    counts["callbacks"] = callbacks_for_caseworker(user=user).count()
    # "Contact herstellen" (issue 18): the citizen could not be reached at all.
    counts["contact_restore"] = ContactRestoreTask.objects.filter(
        agency__in=agencies, resolved_at__isnull=True
    ).count()
    return counts


def callbacks_for_caseworker(*, user: User) -> QuerySet[CallbackRequest]:
    """ "Bel mij terug" requests about the cases of the user's agencies (pages/help.py)."""
    agency_ids = list(agencies_for_caseworker(user=user).values_list("pk", flat=True))
    return CallbackRequest.objects.filter(case__agency_id__in=agency_ids).select_related(
        "case__agency"
    )
