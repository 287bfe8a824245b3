"""Applying the caseworker's decision on a correction request.

Connected to cases.signals.status_set, which is sent inside set_status's
transaction: whichever door sets the final status (back office, agency API),
the registry update and its access-log entry commit or roll back with it. A
correction the local registry refuses (unknown person, invalid value) makes
set_status fail, so the case is not closed as corrected while the registry
still says otherwise.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import RoleType
from identity.access_log import Purpose
from identity.actors import Actor
from identity.registry.models import LocalPerson
from identity.registry.services import move_local_address, update_local_person

from .case_type import CASE_TYPE_CODE, STATUS_CORRECTED, STATUS_REJECTED
from .models import CorrectableField, CorrectionOutcome, CorrectionRequest
from .values import TEXT_PARTS


def apply_decision(sender, *, status_update, case, actor, **kwargs) -> None:
    status_name = status_update.status_type.name
    # Cheap check first: every status change of every case passes here.
    if status_name not in (STATUS_CORRECTED, STATUS_REJECTED):
        return
    if not status_update.status_type.is_final or case.case_type.code != CASE_TYPE_CODE:
        return
    correction = CorrectionRequest.objects.select_for_update().filter(case_id=case.pk).first()
    if correction is None or correction.outcome != CorrectionOutcome.PENDING:
        return
    now = timezone.now()
    correction.decided_at = now
    changed = ["outcome", "decided_at"]
    if status_name == STATUS_REJECTED:
        correction.outcome = CorrectionOutcome.REJECTED
    elif settings.PERSON_REGISTRY == "local":
        # The citizen who asked: the initiator's role (the user may be gone).
        bsn = (
            case.roles.filter(role_type=RoleType.INITIATOR)
            .order_by("id")
            .values_list("bsn", flat=True)
            .first()
        )
        _apply_locally(correction, bsn=bsn, actor=actor, organisation=case.agency.name)
        correction.outcome = CorrectionOutcome.APPLIED
        correction.applied_at = now
        changed.append("applied_at")
    else:
        # Haal Centraal: the BRP is the municipality's own; it corrects it there.
        correction.outcome = CorrectionOutcome.CORRECTED_IN_BRP
    correction.full_clean(validate_constraints=False)
    correction.save(update_fields=changed)


def _apply_locally(correction: CorrectionRequest, *, bsn: str, actor: Actor, organisation: str):
    value = correction.requested_value
    common = {
        "bsn": bsn,
        # The deciding actor as the case knows it: an agency's API client has
        # no user but is neither "system" nor anonymous (kind + reference).
        "actor": actor.user,
        "actor_kind": actor.kind,
        "actor_reference": actor.reference,
        "organisation": actor.organisation or organisation,
        "purpose": Purpose.CORRECTION,
    }
    try:
        if not bsn:
            raise LocalPerson.DoesNotExist
        if correction.field == CorrectableField.ADDRESS:
            # The corrected address is current from the day of the decision;
            # the wrong one stays in the history, ended the day before.
            move_local_address(
                street=value["street"],
                house_number=value["house_number"],
                house_letter=value.get("house_letter", ""),
                house_number_addition=value.get("house_number_addition", ""),
                postcode=value["postcode"],
                city=value["city"],
                valid_from=timezone.localdate(),
                **common,
            )
        elif correction.field == CorrectableField.DATE_OF_BIRTH:
            changes = {"date_of_birth": date.fromisoformat(value["date_of_birth"])}
            update_local_person(changes=changes, **common)
        else:
            # In the form's order: jsonb (PostgreSQL) does not keep the keys' order.
            parts = [key for key, _max, _required in TEXT_PARTS[correction.field]]
            update_local_person(changes={key: value[key] for key in parts}, **common)
    except LocalPerson.DoesNotExist:
        raise ValidationError(
            _(
                "Deze persoon staat niet in de lokale registratie; "
                "de correctie kan niet worden verwerkt."
            ),
            code="person_unknown",
        ) from None
    except ValidationError as exc:
        raise ValidationError(
            _("De correctie kan niet in de registratie worden verwerkt: %(errors)s")
            % {"errors": "; ".join(exc.messages)},
            code="registry_invalid",
        ) from exc
