"""Whom a request concerns: a person (`subject_bsn`) or a business
(`subject_kvk`, optionally `subject_branch`), like cases.Role and messaging
(decision 0049). The one place that turns an acting context's subject into
draft fields and query filters, so no caller filters on a BSN alone.

A business context without a branch finds every draft and request of its KvK
number; one limited to a branch (the mandate names one) only that branch's -
the rule of `Case.objects.for_subject`. A person never matches a business row
and the reverse.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from identity.acting import Subject


def draft_fields(subject: Subject) -> dict[str, str]:
    """The RequestDraft fields that record `subject`."""
    return {
        "subject_bsn": subject.bsn,
        "subject_kvk": subject.kvk,
        "subject_branch": subject.branch if subject.kvk else "",
    }


def draft_q(subject: Subject) -> Q:
    """Drafts of `subject`."""
    if subject.bsn:
        return Q(subject_bsn=subject.bsn)
    q = Q(subject_kvk=subject.kvk)
    if subject.branch:
        q &= Q(subject_branch=subject.branch)
    return q


def empty_read_keys(subject: Subject) -> tuple[str, ...]:
    """The keys under which a read of `subject`'s drafts may be remembered as
    empty (portal.empty_reads): the access log's keyed hash, never the number.
    A business's draft of one branch is read by the business and by the branch."""
    from identity.access_log import data_subject_id

    if subject.bsn:
        return (f"bsn:{data_subject_id(subject.bsn)}",)
    kvk = f"kvk:{data_subject_id(subject.kvk)}"
    return (kvk, f"{kvk}:{subject.branch}") if subject.branch else (kvk,)


def draft_subject(draft: Any) -> Subject:
    """The subject a RequestDraft records."""
    if draft.subject_bsn:
        return Subject(bsn=draft.subject_bsn)
    return Subject(kvk=draft.subject_kvk, branch=draft.subject_branch)


def role_q(subject: Subject, prefix: str = "") -> Q:
    """cases.Role rows of `subject` (`prefix`: a relation path ending in "__")."""
    if subject.bsn:
        return Q(**{f"{prefix}bsn": subject.bsn})
    q = Q(**{f"{prefix}kvk": subject.kvk})
    if subject.branch:
        q &= Q(**{f"{prefix}branch": subject.branch})
    return q


def one_subject_check() -> Q:
    """Exactly one kind of subject: a BSN, or a KvK number (a branch only with
    one) - the rule of cases.Role's `role_one_kind_of_betrokkene`."""
    return (~Q(subject_bsn="") & Q(subject_kvk="", subject_branch="")) | (
        Q(subject_bsn="") & ~Q(subject_kvk="")
    )
