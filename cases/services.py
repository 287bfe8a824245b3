"""Every change to a case goes through here: the back office, the agency API,
citizen requests and background tasks call the same functions.

Each service runs in one transaction, validates before writing (full_clean and
the ZGW-shaped rules: no status after the final one, no status type of another
case type, no going back in order), writes a CaseEvent (the case's audit
trail, docs/decisions/0006) and an access-log entry for every citizen with a
role (identity.access_log: the citizen can read who changed their data), and
sends the signals in cases.signals inside the transaction (the notification
outbox hooks in there).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.access_log import AccessAction, Purpose, log_case_access, log_subject_access
from identity.acting import Subject
from identity.actors import Actor, ActorKind
from identity.bsn import validate_bsn

from . import signals
from .models import (
    Agency,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseReferenceSequence,
    CaseSource,
    CaseType,
    Role,
    RoleType,
    StatusType,
    StatusUpdate,
)
from .transitions import transition_error

# References appear in the citizen's URL (/mijn/zaken/<agency>/<reference>/).
REFERENCE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


def next_case_reference(*, agency: Agency, year: int) -> str:
    """The next free reference for this agency and year, e.g. ZTM-2026-000123.

    The sequence row is locked for the rest of the caller's transaction
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers anyway), so
    two concurrent openings never get the same number and a rolled-back opening
    gives its number back.
    """
    sequence, _created = CaseReferenceSequence.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{agency.case_reference_prefix}-{year}-{sequence.last_number:06d}"


def planned_end_date(*, case_type: CaseType, received_on: date) -> date:
    """The legal deadline: received date plus the case type's term (doorlooptijd)."""
    return received_on + timedelta(days=case_type.processing_days)


@transaction.atomic
def open_case(
    *,
    case_type: CaseType,
    bsn: str = "",
    actor: Actor,
    source: str,
    kvk: str = "",
    branch: str = "",
    rsin: str = "",
    title: str = "",
    description: str = "",
    role_type: str = RoleType.INITIATOR,
    received_on: date | None = None,
    planned_end_on: date | None = None,
    reference: str = "",
    external_id: str = "",
    external_url: str = "",
    confidentiality: str = "",
    initial_status: bool = True,
) -> Case:
    """Open a case for the citizen with `bsn` (or the business with `kvk`,
    optionally one `branch`, or `rsin`: ZGW niet_natuurlijk_persoon) and, by
    default, set the case type's first status ("Ontvangen") on the received date.

    `reference` may be given by an agency system that numbers its own cases
    (ZGW identificatie); otherwise the portal numbers it per agency and year.
    `planned_end_on` overrides the date computed from the legal term.
    """
    betrokkene = _betrokkene(bsn=bsn, kvk=kvk, branch=branch, rsin=rsin)
    agency = case_type.agency
    received_on = received_on or timezone.localdate()
    if not agency.is_active:
        raise ValidationError(_("Deze organisatie is niet actief."), code="agency_inactive")
    if not CaseType.objects.active_on(received_on).filter(pk=case_type.pk).exists():
        raise _invalid(
            "case_type",
            _("Dit zaaktype was niet geldig op de ontvangstdatum."),
            "case_type_inactive",
        )
    if reference and not REFERENCE_PATTERN.fullmatch(reference):
        raise _invalid(
            "reference",
            _("Een zaaknummer bestaat uit letters, cijfers, punten en streepjes."),
            "invalid_reference",
        )
    if source not in CaseSource.values:
        raise _invalid("source", _("Onbekende bron."), "invalid_source")
    now = timezone.now()
    case = Case(
        agency=agency,
        case_type=case_type,
        reference=reference or next_case_reference(agency=agency, year=received_on.year),
        title=title or case_type.name,
        description=description,
        received_on=received_on,
        planned_end_on=planned_end_on
        or planned_end_date(case_type=case_type, received_on=received_on),
        confidentiality=confidentiality or case_type.confidentiality,
        source=source,
        external_id=external_id,
        external_url=external_url,
        last_changed_at=now,
    )
    case.full_clean()
    case.save()
    role = Role(case=case, role_type=role_type, **betrokkene)
    role.full_clean()
    role.save()
    _event(case, actor, CaseEventKind.OPENED, {"source": source, "role_id": role.pk})
    _log_role_access(case, actor, role)
    signals.case_opened.send(sender=Case, case=case, actor=actor)
    if initial_status:
        first = case_type.status_types.order_by("order").first()
        if first is not None and not first.is_final:
            received_at = timezone.make_aware(datetime.combine(received_on, datetime.min.time()))
            set_status(case=case, status_type=first, actor=actor, set_at=min(received_at, now))
    return case


@transaction.atomic
def set_status(
    *,
    case: Case,
    status_type: StatusType,
    actor: Actor,
    explanation: str = "",
    set_at: datetime | None = None,
    result_text: str = "",
    result_code: str = "",
) -> StatusUpdate:
    """Give the case a new status. A final status closes the case and needs
    the result (ZGW: resultaat before eindstatus).

    Rules: the status may follow the current one (cases.transitions);
    `set_at` is not in the future and not before the current status.
    """
    # Lock the case so two concurrent updates cannot both pass the checks.
    given, case = case, Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    current = (
        StatusUpdate.objects.select_related("status_type").get(pk=case.current_status_id)
        if case.current_status_id
        else None
    )
    now = timezone.now()
    set_at = set_at or now
    error = transition_error(
        case=case, status_type=status_type, current=current.status_type if current else None
    )
    if error is not None:
        raise error
    if set_at > now + timedelta(minutes=5):
        raise _invalid("set_at", _("Dit tijdstip ligt in de toekomst."), "future")
    if current is not None and set_at < current.set_at:
        raise _invalid("set_at", _("Dit tijdstip ligt voor de huidige status."), "before_current")
    if status_type.is_final and not result_text.strip():
        raise _invalid(
            "result_text",
            _("Vul het resultaat in; deze status rondt de zaak af."),
            "result_required",
        )
    update = StatusUpdate(
        case=case,
        status_type=status_type,
        set_at=set_at,
        explanation=explanation.strip(),
        set_by_kind=actor.kind,
        set_by_user=actor.user,
        set_by_reference=actor.reference,
    )
    update.full_clean()
    update.save()

    # The denormalised current status (docs/decisions/0052): written only here,
    # under the case's row lock taken above, so concurrent calls serialise and the
    # last one to commit is also the latest status row.
    case.current_status = update
    case.current_status_type = status_type
    case.current_status_set_at = set_at
    case.last_changed_at = set_at
    changed = ["current_status", "current_status_type", "current_status_set_at", "last_changed_at"]
    if status_type.is_final:
        case.closed_on = timezone.localdate(set_at)
        case.result_text = result_text.strip()
        case.result_code = result_code.strip()
        changed += ["closed_on", "result_text", "result_code"]
    case.full_clean()
    case.save(update_fields=changed)
    _refresh(given, case, changed)

    _event(
        case,
        actor,
        CaseEventKind.STATUS_SET,
        {"status_update_id": update.pk, "status_type_id": status_type.pk},
    )
    if status_type.is_final:
        _event(case, actor, CaseEventKind.CLOSED, {"result_code": case.result_code})
    _log_access(case, actor, AccessAction.CHANGED)
    signals.status_set.send(
        sender=StatusUpdate,
        status_update=update,
        case=case,
        actor=actor,
        notify=status_type.notify_citizen,
    )
    return update


def decision_status_type(case_type: CaseType) -> StatusType | None:
    """The status that says "a decision was made": the case type's first final status."""
    return case_type.status_types.filter(is_final=True).order_by("order").first()


@transaction.atomic
def move_to_decision_status(
    *, case: Case, actor: Actor, result_text: str, explanation: str = ""
) -> StatusUpdate | None:
    """After a decision, the case says so: its decision status, unless the case type
    has none or the case is already there or past it (then nothing changes)."""
    status_type = decision_status_type(case.case_type)
    if status_type is None or case.is_closed:
        return None
    current_status = case.current_status
    current = current_status.status_type if current_status is not None else None
    if current is not None and current.order >= status_type.order:
        return None
    return set_status(
        case=case,
        status_type=status_type,
        actor=actor,
        explanation=explanation,
        result_text=result_text,
    )


@transaction.atomic
def close_case(
    *,
    case: Case,
    actor: Actor,
    result_text: str,
    result_code: str = "",
    status_type: StatusType | None = None,
    explanation: str = "",
    closed_at: datetime | None = None,
) -> StatusUpdate:
    """Close the case with its result, through the case type's final status
    (the only one, or the one given when the case type has several)."""
    if status_type is None:
        finals = list(case.case_type.status_types.filter(is_final=True))
        if len(finals) != 1:
            raise _invalid(
                "status_type",
                _("Kies de eindstatus waarmee de zaak wordt afgerond."),
                "final_status_ambiguous",
            )
        status_type = finals[0]
    elif not status_type.is_final:
        raise _invalid("status_type", _("Dit is geen eindstatus."), "not_final")
    return set_status(
        case=case,
        status_type=status_type,
        actor=actor,
        explanation=explanation,
        set_at=closed_at,
        result_text=result_text,
        result_code=result_code,
    )


@transaction.atomic
def add_role(
    *,
    case: Case,
    bsn: str = "",
    actor: Actor,
    role_type: str = RoleType.BELANGHEBBENDE,
    kvk: str = "",
    branch: str = "",
    rsin: str = "",
) -> Role:
    """Give another citizen (or a business: `kvk` [+ `branch`] or `rsin`) a
    role on the case, so it appears in their overview."""
    betrokkene = _betrokkene(bsn=bsn, kvk=kvk, branch=branch, rsin=rsin)
    role = Role(case=case, role_type=role_type, **betrokkene)
    role.full_clean()
    role.save()
    _event(case, actor, CaseEventKind.ROLE_ADDED, {"role_id": role.pk, "role_type": role_type})
    _log_role_access(case, actor, role)
    return role


def _betrokkene(*, bsn: str, kvk: str, branch: str, rsin: str) -> dict[str, str]:
    """ZGW Rol.betrokkeneIdentificatie: a natural person (BSN) or a non-natural
    person (KvK number, optionally a branch, or an RSIN) - exactly one kind."""
    if bsn:
        if kvk or branch or rsin:
            raise _invalid(
                "bsn",
                _("Een betrokkene is een persoon (BSN) of een bedrijf (KvK-nummer of RSIN)."),
                "ambiguous_betrokkene",
            )
        validate_bsn(bsn)
        return {"bsn": bsn}
    if not (kvk or rsin):
        validate_bsn(bsn)  # the error a caller that only knows persons expects
    if branch and not kvk:
        raise _invalid(
            "branch", _("Een vestigingsnummer hoort bij een KvK-nummer."), "branch_without_kvk"
        )
    return {"kvk": kvk, "branch": branch, "rsin": rsin}


def _log_role_access(case: Case, actor: Actor, role: Role) -> None:
    """The new role's betrokkene reads that it was registered: a person in
    their access log, a business (by KvK number) in its own."""
    if role.bsn:
        _log_access(case, actor, AccessAction.CREATED, bsns=[role.bsn])
    elif role.kvk:
        log_subject_access(
            subject=Subject(kvk=role.kvk, branch=role.branch),
            actor=actor,
            action=AccessAction.CREATED,
            purpose=Purpose.CASE_HANDLING,
            object_kind="case",
            object_label=f"{case.title} ({case.reference})",
            organisation=actor.organisation or case.agency.name,
            detail={"case_id": case.pk},
        )


@transaction.atomic
def update_case(
    *,
    case: Case,
    actor: Actor,
    title: str | None = None,
    description: str | None = None,
    planned_end_on: date | None = None,
) -> Case:
    """Change what a caseworker or agency system may change on an open case:
    title, description and the planned end date (override of the legal term)."""
    given, case = case, Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
    if case.is_closed:
        raise ValidationError(
            _("Een afgeronde zaak kan niet meer worden gewijzigd."), code="case_closed"
        )
    changes = {
        name: value
        for name, value in (
            ("title", title),
            ("description", description),
            ("planned_end_on", planned_end_on),
        )
        if value is not None and getattr(case, name) != value
    }
    if not changes:
        return case
    for name, value in changes.items():
        setattr(case, name, value)
    case.last_changed_at = timezone.now()
    case.full_clean()
    case.save(update_fields=[*changes, "last_changed_at"])
    _refresh(given, case, [*changes, "last_changed_at"])
    _event(case, actor, CaseEventKind.UPDATED, {"fields": sorted(changes)})
    _log_access(case, actor, AccessAction.CHANGED)
    return case


@transaction.atomic
def record_document_added(
    *, case: Case, actor: Actor, document_id: str, document_kind: str, title: str
) -> CaseEvent:
    """A document was stored on the case (documents.services.store_document calls
    this in its transaction, for citizens' uploads, API uploads and decisions alike):
    one audit event (docs/decisions/0006). A citizen's document also answers a
    status asking for action and signals the caseworkers (cleared by
    `mark_citizen_documents_seen`)."""
    event = _event(
        case,
        actor,
        CaseEventKind.DOCUMENT_ADDED,
        {"document": document_id, "kind": document_kind, "title": title},
    )
    if actor.kind == ActorKind.CITIZEN:
        now = timezone.now()
        # Conditional updates: concurrent uploads keep the first time, no lock needed.
        Case.objects.filter(pk=case.pk, citizen_documents_unseen_since__isnull=True).update(
            citizen_documents_unseen_since=now
        )
        if case.current_status_id:
            StatusUpdate.objects.filter(
                pk=case.current_status_id,
                status_type__action_required=True,
                answered_at__isnull=True,
            ).update(answered_at=now)
        case.refresh_from_db(fields=["citizen_documents_unseen_since"])
        if case.current_status is not None:
            case.current_status.refresh_from_db(fields=["answered_at"])
    return event


def mark_citizen_documents_seen(*, case: Case) -> None:
    """A caseworker opened the case screen: the citizen's new documents are seen."""
    if case.citizen_documents_unseen_since is not None:
        Case.objects.filter(pk=case.pk).update(citizen_documents_unseen_since=None)
        case.citizen_documents_unseen_since = None


def _invalid(field: str, message: str, code: str) -> ValidationError:
    """A field error that keeps its code (callers such as the API map codes)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _refresh(given: Case, saved: Case, fields: list[str]) -> None:
    """Bring the caller's instance up to date with what the service saved."""
    if given is not saved:
        for name in fields:
            setattr(given, name, getattr(saved, name))


def _event(case: Case, actor: Actor, kind: str, detail: dict) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor_kind=actor.kind,
        actor_user=actor.user,
        actor_reference=actor.reference,
        detail=detail,
    )


def _log_access(case: Case, actor: Actor, action: str, *, bsns: list[str] | None = None) -> None:
    """One access-log entry per citizen with a role on the case."""
    log_case_access(case=case, actor=actor, action=action, bsns=bsns)
