"""Changes to the local person registry (the embedded default's BRP stand-in).

Used when a correction request is granted: the caseworker's decision updates
the local record through these services, in one transaction with its
access-log entry. With Haal Centraal the municipality corrects the BRP itself;
these services are for the local registry only.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from identity.access_log import AccessAction, Purpose, log_person_access
from identity.actors import Actor

from .audit import OBJECT_KIND, actor_kind_for
from .models import LocalAddress, LocalPerson

# Fields a correction may change, as the citizen reads them in the access log.
PERSON_FIELD_LABELS = {
    "first_names": "voornamen",
    "prefix": "voorvoegsel",
    "surname": "geslachtsnaam",
    "date_of_birth": "geboortedatum",
    "nationality": "nationaliteit",
    "address": "adres",
}


def _audit(
    *,
    person: LocalPerson,
    fields: list[str],
    actor,
    organisation: str,
    purpose: Purpose,
    actor_kind: str,
    actor_reference: str,
):
    labels = [PERSON_FIELD_LABELS.get(name, name) for name in fields]
    log_person_access(
        bsn=person.bsn,
        actor=Actor(
            # Who decided is known to the caller (an agency's API client has no
            # user); guessing from the user would call an API decision "system".
            kind=actor_kind or actor_kind_for(actor, person.bsn),
            user=actor if getattr(actor, "pk", None) else None,
            reference=actor_reference,
            organisation=organisation,
        ),
        action=AccessAction.CHANGED,
        purpose=purpose,
        object_kind=OBJECT_KIND,
        object_label="Basisregistratie Personen: " + ", ".join(labels),
        # Which fields, never the old or new values.
        detail={"fields": fields},
    )


@transaction.atomic
def update_local_person(
    *,
    bsn: str,
    changes: dict[str, object],
    actor,
    organisation: str,
    purpose: Purpose,
    actor_kind: str = "",
    actor_reference: str = "",
) -> LocalPerson:
    """Correct names, date of birth or nationality. Raises ValueError for a
    field that cannot be corrected, ValidationError for an invalid value and
    LocalPerson.DoesNotExist for an unknown BSN; nothing is written then.

    `actor` is the user who decided (None for an API client or a job);
    `actor_kind` (identity.actors.ActorKind) and `actor_reference` (an API
    client's or job's name) say who it was when there is no user."""
    unknown = set(changes) - (set(PERSON_FIELD_LABELS) - {"address"})
    if unknown:
        raise ValueError(f"Not correctable: {sorted(unknown)}")
    person = LocalPerson.objects.select_for_update().get(bsn=bsn)
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, changes[name])
    if not changed:
        return person
    person.full_clean()
    person.save(update_fields=changed)
    _audit(
        person=person,
        fields=changed,
        actor=actor,
        organisation=organisation,
        purpose=purpose,
        actor_kind=actor_kind,
        actor_reference=actor_reference,
    )
    return person


@transaction.atomic
def move_local_address(
    *,
    bsn: str,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    valid_from: date,
    house_letter: str = "",
    house_number_addition: str = "",
    actor,
    organisation: str,
    purpose: Purpose,
    actor_kind: str = "",
    actor_reference: str = "",
) -> LocalAddress:
    """Record a new current address; the previous one ends the day before.
    `actor`, `actor_kind`, `actor_reference`: as for update_local_person."""
    person = LocalPerson.objects.select_for_update().get(bsn=bsn)
    previous = person.addresses.filter(valid_to__isnull=True).first()
    if previous is not None:
        previous.valid_to = max(previous.valid_from, valid_from - timedelta(days=1))
        previous.full_clean()
        previous.save(update_fields=["valid_to"])
    address = LocalAddress(
        person=person,
        street=street,
        house_number=house_number,
        house_letter=house_letter,
        house_number_addition=house_number_addition,
        postcode=postcode,
        city=city,
        valid_from=valid_from,
    )
    address.full_clean()
    address.save()
    _audit(
        person=person,
        fields=["address"],
        actor=actor,
        organisation=organisation,
        purpose=purpose,
        actor_kind=actor_kind,
        actor_reference=actor_reference,
    )
    return address
