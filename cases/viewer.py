"""Whose data a citizen page shows: the acting context (identity.acting,
decision 0041), and the cases it may see.

Selectors take the context (`request.acting`, put there by
`identity.decorators.citizen_required`), never `request.user.bsn`: a parent
acting for a child sees the child's cases, a gemachtigde only the services of
the mandate, a business its own KvK number's cases. `own_context(user)` is
"yourself" for a caller that has a user but no request (tests, commands); it
costs no query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from identity.access_log import Purpose
from identity.acting import ActingContext, Subject, current_context

from .models import Case, CaseQuerySet, Confidentiality

if TYPE_CHECKING:
    from identity.models import User


def own_context(user: User | None) -> ActingContext | None:
    """The context of a logged-in citizen acting for themselves; None without a BSN."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    bsn = getattr(user, "bsn", "")
    if not bsn:
        return None
    return ActingContext(actor_bsn=bsn, subject=Subject(bsn=bsn))


def resolve(*, context: ActingContext | None = None, user: User | None = None):
    """The context a selector works for: `context` when given, else "yourself" for `user`."""
    return context if context is not None else own_context(user)


def context_of(request) -> ActingContext | None:
    """The request's context: the one `citizen_required` put on it; on a page
    without that decorator (the header's counts on any page), the session's
    choice (current_context: no provider runs for "yourself")."""
    acting = getattr(request, "acting", None)
    if acting is not None:
        return acting
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(request, "session"):
        return own_context(user)
    acting = current_context(request)
    request.acting = acting
    return acting


def subject_bsn(context: ActingContext | None) -> str:
    """The subject's BSN; empty for a business (whose messages and tasks, keyed
    by BSN, do not exist yet) and without a context."""
    return context.subject.bsn if context is not None else ""


def visible_cases(context: ActingContext | None) -> CaseQuerySet:
    """The cases the context may see, in SQL: a role for the subject, a
    confidentiality citizens may see, and the mandate's scope (agency slugs,
    case type codes, the case types a mandate's services open). Outside the
    scope or after the end date nothing exists."""
    if context is None or not context.is_current():
        return Case.objects.none()
    cases = Case.objects.for_subject(context.subject).filter(
        confidentiality__in=Confidentiality.citizen_visible()
    )
    if context.agencies:
        cases = cases.filter(agency__slug__in=sorted(context.agencies))
    if context.case_types:
        cases = cases.filter(case_type__code__in=sorted(context.case_types))
    if context.services:
        # A DigiD Machtigen / eHerkenning mandate opens the case types the
        # register of mandate services names for its services (decision 0050);
        # none known, none open (fail closed).
        cases = cases.filter(case_type_id__in=sorted(context.service_case_types))
    return cases


def view_purpose(context: ActingContext) -> Purpose:
    """The purpose of a citizen page's access-log entry: the subject's own
    view, or (someone acting for them) the handling of their matter. A purpose
    of its own ("inzage door een vertegenwoordiger") would read better; it
    needs a Purpose member in identity.access_log."""
    return Purpose.OWN_VIEW if context.is_self else Purpose.CASE_HANDLING
