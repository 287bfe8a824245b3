"""Writes of registered representations: record, change, end, add evidence.

Each service is one transaction: the representation, its history row
(`RepresentationChange`, append-only) and an access-log entry for *both*
persons (the represented person and the representative: a representation is
personal data of each). A representation is never deleted; it ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cases.models import Agency, CaseType
from documents.services import delete_on_rollback
from documents.validation import ValidatedUpload
from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor
from identity.bsn import mask_bsn

from .models import ChangeAction, Representation, RepresentationChange

# The processing activity of the register (AVG art. 30): representation.
PURPOSE = Purpose.REPRESENTATION
OBJECT_KIND = "representation"

_SCOPE_FIELDS = ("agencies", "case_types")
_PLAIN_FIELDS = ("kind", "starts_on", "ends_on", "hidden_from_represented")


def validate_scope(*, agencies: Iterable, case_types: Iterable) -> None:
    """All agencies (both empty), listed agencies, or listed case types; not
    both lists (ActingContext.allows requires both to match: a mixed list
    would mean "only these case types, and only at these agencies")."""
    if list(agencies) and list(case_types):
        raise ValidationError(
            _("Kies organisaties of zaaktypen, niet allebei."), code="mixed_scope"
        )


def record_access(*, representation: Representation, user, action: str, label: str = "") -> None:
    """One access-log entry for each of the two persons, named as the
    municipality (never the caseworker) like every back-office entry."""
    actor = Actor.caseworker(user, agency=representation.agency)
    object_label = label or str(
        _("Vertegenwoordiging (%(kind)s)") % {"kind": representation.get_kind_display()}
    )
    for bsn in (representation.represented_bsn, representation.representative_bsn):
        log_person_access(
            bsn=bsn,
            actor=actor,
            action=action,
            purpose=PURPOSE,
            object_kind=OBJECT_KIND,
            object_label=object_label,
            detail={"representation": str(representation.public_id)},
        )


def _snapshot(representation: Representation) -> dict[str, str]:
    values = {
        "representative_bsn": mask_bsn(representation.representative_bsn),
        "represented_bsn": mask_bsn(representation.represented_bsn),
        "agency": representation.agency.name if representation.agency_id else "",
    }
    for name in _PLAIN_FIELDS:
        value = getattr(representation, name)
        values[name] = "" if value is None else str(value)
    if representation.pk:
        values["agencies"] = ", ".join(sorted(a.slug for a in representation.agencies.all()))
        values["case_types"] = ", ".join(
            sorted(f"{t.agency.slug}/{t.code}" for t in representation.case_types.all())
        )
    else:
        values["agencies"] = values["case_types"] = ""
    return values


def _diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def _store_evidence(representation: Representation, evidence: ValidatedUpload) -> None:
    evidence.file.seek(0)
    from django.core.files import File

    representation.evidence.save(
        f"evidence.{evidence.file_type.extension}", File(evidence.file), save=False
    )
    assert representation.evidence.name is not None
    # A rolled-back transaction leaves no file behind (documents.services).
    delete_on_rollback(representation.evidence.storage, representation.evidence.name)
    representation.evidence_filename = evidence.display_name[:200]
    representation.evidence_content_type = evidence.content_type
    representation.evidence_sha256 = evidence.sha256


@transaction.atomic
def record_representation(
    *,
    agency: Agency,
    representative_bsn: str,
    represented_bsn: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    agencies: Iterable[Agency] = (),
    case_types: Iterable[CaseType] = (),
    hidden_from_represented: bool = False,
    evidence: ValidatedUpload | None = None,
    user,
) -> Representation:
    agencies, case_types = list(agencies), list(case_types)
    validate_scope(agencies=agencies, case_types=case_types)
    representation = Representation(
        agency=agency,
        representative_bsn=representative_bsn,
        represented_bsn=represented_bsn,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        hidden_from_represented=hidden_from_represented,
        recorded_by=user,
    )
    representation.full_clean()
    if evidence is not None:
        _store_evidence(representation, evidence)
    representation.save()
    representation.agencies.set(agencies)
    representation.case_types.set(case_types)
    RepresentationChange.objects.create(
        representation=representation,
        changed_by=user,
        action=ChangeAction.CREATED,
        changes=_diff({}, _snapshot(representation)),
    )
    record_access(representation=representation, user=user, action=AccessAction.CREATED)
    return representation


@transaction.atomic
def change_representation(
    *,
    representation: Representation,
    kind: str,
    starts_on: date,
    ends_on: date | None,
    agencies: Iterable[Agency],
    case_types: Iterable[CaseType],
    hidden_from_represented: bool,
    evidence: ValidatedUpload | None = None,
    user,
) -> Representation:
    """Change what a representation says. The two persons are not changed: a
    different person is a different representation (end this one)."""
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    agencies, case_types = list(agencies), list(case_types)
    validate_scope(agencies=agencies, case_types=case_types)
    before = _snapshot(representation)
    representation.kind = kind
    representation.starts_on = starts_on
    representation.ends_on = ends_on
    representation.hidden_from_represented = hidden_from_represented
    representation.full_clean()
    if evidence is not None:
        _store_evidence(representation, evidence)
    representation.save()
    representation.agencies.set(agencies)
    representation.case_types.set(case_types)
    changes = _diff(before, _snapshot(representation))
    if evidence is not None:
        changes["evidence"] = ["", representation.evidence_filename]
    if changes:
        RepresentationChange.objects.create(
            representation=representation,
            changed_by=user,
            action=ChangeAction.EVIDENCE if list(changes) == ["evidence"] else ChangeAction.CHANGED,
            changes=changes,
        )
        record_access(representation=representation, user=user, action=AccessAction.CHANGED)
    return representation


@transaction.atomic
def end_representation(*, representation: Representation, ends_on: date, user) -> Representation:
    """End a representation on `ends_on` (it still counts on that day). An
    earlier end date than one already set is allowed; a later one is a change."""
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    before = _snapshot(representation)
    representation.ends_on = ends_on
    representation.full_clean()
    representation.save(update_fields=["ends_on", "updated_at"])
    RepresentationChange.objects.create(
        representation=representation,
        changed_by=user,
        action=ChangeAction.ENDED,
        changes=_diff(before, _snapshot(representation)),
    )
    record_access(representation=representation, user=user, action=AccessAction.CHANGED)
    return representation
