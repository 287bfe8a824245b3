"""Filing a correction request: one transaction that opens the case and stores
what the citizen asks for. Retried submits of the same form (same idempotency
key) return the request already filed."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases.models import CaseSource
from cases.services import open_case
from documents.receiving import ValidatedUpload
from documents.services import store_upload
from identity.access_log import Purpose
from identity.actors import Actor
from identity.registry import PersonRegistry, RegistryUnavailable, get_registry

from .case_type import correction_case_type
from .models import CorrectableField, CorrectionRequest
from .values import clean_explanation, clean_value, registered_value

# Stored in Dutch in the access log (registry lookup and registry change).
# Case titles are stored once, in Dutch, and never contain the values.
TITLE_FIELD_LABELS: dict[str, str] = {
    CorrectableField.NAME: "naam",
    CorrectableField.DATE_OF_BIRTH: "geboortedatum",
    CorrectableField.NATIONALITY: "nationaliteit",
    CorrectableField.ADDRESS: "adres",
}


def _existing(*, user, idempotency_key: str) -> CorrectionRequest | None:
    return (
        CorrectionRequest.objects.select_related("case__agency")
        .filter(user=user, idempotency_key=idempotency_key)
        .first()
    )


def current_value(*, user, field: str, registry: PersonRegistry | None = None) -> dict:
    """What the registry says about the citizen's field now ({} when it cannot
    answer). The lookup is written to the access log with the correction purpose."""
    registry = registry or get_registry()
    try:
        person = registry.get_person(user.bsn, purpose=Purpose.CORRECTION, viewer=user)
    except RegistryUnavailable:
        return {}
    return registered_value(field, person)


@transaction.atomic
def request_correction(
    *,
    user,
    field: str,
    value,
    explanation: str,
    idempotency_key: str,
    registry: PersonRegistry | None = None,
    evidence: ValidatedUpload | None = None,
) -> CorrectionRequest:
    """Open a "Correctie persoonsgegevens" case for the citizen with what they ask.

    `value` is a string (nationality, date of birth as YYYY-MM-DD), a date, or a
    dict of parts (name, address; see corrections/values.py).
    `evidence` is an upload already checked by documents.services.check_upload
    (reading and scanning stay outside this transaction); it becomes a document
    of the new case. Raises ValidationError keyed by field or part; nothing is
    written then (the caller runs documents.services.cleanup_uncommitted_files()
    afterwards, so a stored file whose transaction rolled back is removed too).
    """
    if not getattr(user, "bsn", ""):
        raise ValidationError(_("Alleen een ingelogde inwoner kan een correctie vragen."))
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError(
            _("Dit formulier is verlopen. Vul het opnieuw in."), code="idempotency_key"
        )
    existing = _existing(user=user, idempotency_key=key)
    if existing is not None:
        return existing
    if field not in CorrectableField.values:
        raise ValidationError({"field": _("Kies welk gegeven niet klopt.")}, code="invalid_field")
    errors = {}
    try:
        requested = clean_value(field, value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        explanation = clean_explanation(explanation)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    old = current_value(user=user, field=field, registry=registry)
    if old and {k: str(v) for k, v in old.items()} == {k: str(v) for k, v in requested.items()}:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Dit gegeven staat al zo in de registratie.")}, code="unchanged"
        )
    case_type = correction_case_type()
    try:
        # A savepoint: a concurrent double submit loses on the unique key and
        # gets the winner's request, with nothing of its own case left behind.
        with transaction.atomic():
            case = open_case(
                case_type=case_type,
                bsn=user.bsn,
                actor=Actor.citizen(user),
                source=CaseSource.REQUEST,
                title=f"Correctie persoonsgegevens: {TITLE_FIELD_LABELS[field]}",
            )
            document = None
            if evidence is not None:
                # Titled with the citizen's own file name, as on the case page.
                document = store_upload(
                    case=case, upload=evidence, title="", actor=Actor.citizen(user)
                )
            correction = CorrectionRequest(
                case=case,
                user=user,
                evidence=document,
                idempotency_key=key,
                field=field,
                requested_value=requested,
                old_value=old,
                explanation=explanation,
            )
            # The unique key is left to the database (see the savepoint above).
            correction.full_clean(exclude=["idempotency_key"], validate_constraints=False)
            correction.save()
    except IntegrityError:
        existing = _existing(user=user, idempotency_key=key)
        if existing is None:
            raise
        return existing
    return correction
