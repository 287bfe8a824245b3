"""Whom a thread, message or task concerns: a person (`citizen_bsn`) or a
business (`subject_kvk`, optionally `subject_branch`), like cases.Role
(decision 0049). The one place that turns an acting context's subject into
row fields and query filters, so no caller filters on `citizen_bsn` alone.

A business context without a branch sees every row of its KvK number; one
limited to a branch (the mandate names one) only that branch's rows - the
same rule as `Case.objects.for_subject`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.models import Case
from identity.access_log import Purpose, log_case_access, log_subject_access
from identity.acting import Subject
from identity.actors import Actor
from identity.bsn import validate_bsn

KVK_LENGTH = 8  # KvK-nummer: 8 digits (Handelsregisterbesluit 2008)
BRANCH_LENGTH = 12  # vestigingsnummer: 12 digits


def as_subject(value: Subject | str) -> Subject:
    """A Subject; a plain string is a BSN (the callers that only know persons)."""
    return value if isinstance(value, Subject) else Subject(bsn=value)


def subject_fields(subject: Subject) -> dict[str, str]:
    """The model fields that record `subject` on a Thread, Message or Task."""
    return {
        "citizen_bsn": subject.bsn,
        "subject_kvk": subject.kvk,
        "subject_branch": subject.branch if subject.kvk else "",
    }


def subject_q(subject: Subject, prefix: str = "") -> Q:
    """Rows of `subject` (`prefix`: a relation path ending in "__")."""
    if subject.bsn:
        return Q(**{f"{prefix}citizen_bsn": subject.bsn})
    q = Q(**{f"{prefix}subject_kvk": subject.kvk})
    if subject.branch:
        q &= Q(**{f"{prefix}subject_branch": subject.branch})
    return q


def is_of(row: Any, subject: Subject) -> bool:
    """Whether a Thread, Message or Task already read is `subject`'s: the rule
    of `subject_q`, for rows filtered in Python."""
    if subject.bsn:
        return row.citizen_bsn == subject.bsn
    if not subject.kvk or row.subject_kvk != subject.kvk:
        return False
    return not subject.branch or row.subject_branch == subject.branch


def subject_of(row: Any) -> Subject:
    """The subject a Thread, Message or Task records."""
    if row.citizen_bsn:
        return Subject(bsn=row.citizen_bsn)
    return Subject(kvk=row.subject_kvk, branch=row.subject_branch)


def has_role(case: Case, subject: Subject) -> bool:
    """Whether `subject` has a role on `case` (a branch-limited business: that branch's)."""
    return Case.objects.for_subject(subject).filter(pk=case.pk).exists()


def subject_check(prefix: str = "") -> Q:
    """Exactly one kind of subject: a BSN, or a KvK number (a branch only with
    one) - the rule of cases.Role's `role_one_kind_of_betrokkene`."""
    bsn, kvk, branch = (f"{prefix}citizen_bsn", f"{prefix}subject_kvk", f"{prefix}subject_branch")
    return (~Q(**{bsn: ""}) & Q(**{kvk: "", branch: ""})) | (Q(**{bsn: ""}) & ~Q(**{kvk: ""}))


def log_case_access_for(subject: Subject, *, case: Case, actor: Actor, **fields: Any) -> None:
    """An access-log entry on `case` for `subject` only (identity's one API):
    a person's through log_case_access, a business's under its KvK number."""
    if subject.bsn:
        log_case_access(case=case, actor=actor, bsns=[subject.bsn], **fields)
        return
    log_subject_access(
        subject=subject,
        actor=actor,
        action=fields.pop("action"),
        purpose=fields.pop("purpose", Purpose.CASE_HANDLING),
        organisation=actor.organisation or case.agency.name,
        **fields,
    )


def resolve_party(citizen_bsn: str, party: Subject | None) -> Subject:
    """The subject a write concerns: `party` when given (a business, or a
    person from an acting context), else the person with `citizen_bsn`
    (validated: a ValidationError, never a half-made row)."""
    if party is not None:
        if party.kvk and not (party.kvk.isdigit() and len(party.kvk) == KVK_LENGTH):
            raise ValidationError(_("Een KvK-nummer heeft 8 cijfers."), code="invalid_kvk")
        if party.branch and not (party.branch.isdigit() and len(party.branch) == BRANCH_LENGTH):
            raise ValidationError(
                _("Een vestigingsnummer heeft 12 cijfers."), code="invalid_branch"
            )
        if party.bsn:
            validate_bsn(party.bsn)
        return party
    validate_bsn(citizen_bsn)
    return Subject(bsn=citizen_bsn)
