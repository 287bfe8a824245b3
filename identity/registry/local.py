"""The local registry: answers from `LocalPerson` in our own database."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import LocalAddress, LocalAuthority, LocalPerson
from .types import Address, Authority, Person, RelatedPerson


def _related(person: LocalPerson) -> RelatedPerson:
    return RelatedPerson(
        first_names=person.first_names,
        prefix=person.prefix,
        surname=person.surname,
        date_of_birth=person.date_of_birth,
        bsn=person.bsn,
    )


def _address(address: LocalAddress) -> Address:
    return Address(
        street=address.street,
        house_number=address.house_number,
        house_letter=address.house_letter,
        house_number_addition=address.house_number_addition,
        postcode=address.postcode,
        city=address.city,
        valid_from=address.valid_from,
    )


def _authorities(person: LocalPerson) -> tuple[Authority, ...]:
    children = {child.pk for child in person.children.all()}
    return tuple(
        Authority(
            minor=_related(authority.minor),
            kind=authority.kind,
            as_parent=authority.minor_id in children,
        )
        for authority in sorted(person.held_authorities, key=lambda a: a.minor.bsn)
    )


class LocalPersonRegistry:
    def get_person(self, bsn: str, *, purpose: str, viewer) -> Person | None:
        person = (
            LocalPerson.objects.select_related("partner")
            .prefetch_related(
                Prefetch(
                    "addresses",
                    queryset=LocalAddress.objects.filter(valid_to__isnull=True),
                    to_attr="current_addresses",
                ),
                "children",
                Prefetch(
                    "authorities",
                    queryset=LocalAuthority.objects.select_related("minor"),
                    to_attr="held_authorities",
                ),
            )
            .filter(bsn=bsn)
            .first()
        )
        if person is None:
            return None
        current = person.current_addresses[0] if person.current_addresses else None
        return Person(
            bsn=person.bsn,
            first_names=person.first_names,
            prefix=person.prefix,
            surname=person.surname,
            gender=person.gender,
            date_of_birth=person.date_of_birth,
            nationalities=(person.nationality,) if person.nationality else (),
            address=_address(current) if current else None,
            partners=(_related(person.partner),) if person.partner else (),
            children=tuple(
                _related(child)
                for child in sorted(
                    person.children.all(), key=lambda c: (c.date_of_birth is None, c.date_of_birth)
                )
            ),
            authorities=_authorities(person),
            source="local",
        )
