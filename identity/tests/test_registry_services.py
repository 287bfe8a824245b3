"""Corrections of the local registry: audited, atomic, history kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from identity.access_log import AccessLogEntry, Purpose
from identity.registry import get_registry
from identity.registry.models import LocalAddress
from identity.registry.services import move_local_address, update_local_person
from identity.tests.factories import LocalPersonFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

WHY = Purpose.CORRECTION


@pytest.fixture
def caseworker():
    return StaffUserFactory(username="behandelaar")


def test_name_correction_updates_the_registry_and_logs_fields_not_values(caseworker):
    LocalPersonFactory(bsn="999993653", first_names="Suzane")
    update_local_person(
        bsn="999993653",
        changes={"first_names": "Suzanne", "surname": "Moulin"},
        actor=caseworker,
        organisation="Gemeente Zoetermeer",
        purpose=WHY,
    )
    person = get_registry().get_person("999993653", purpose=Purpose.PERSONAL_DATA, viewer=None)
    assert person.first_names == "Suzanne"
    [entry] = AccessLogEntry.objects.filter(action="changed")
    assert (entry.actor_kind, entry.organisation, entry.purpose) == (
        "caseworker",
        "Gemeente Zoetermeer",
        WHY,
    )
    # Only the field that really changed.
    assert entry.detail == {"fields": ["first_names"]}
    assert "Suzanne" not in entry.object_label


def test_invalid_or_unknown_field_writes_nothing(caseworker):
    LocalPersonFactory(bsn="999993653")
    with pytest.raises(ValidationError):
        update_local_person(
            bsn="999993653", changes={"surname": ""}, actor=caseworker, organisation="", purpose=WHY
        )
    with pytest.raises(ValueError):
        update_local_person(
            bsn="999993653",
            changes={"bsn": "999990019"},
            actor=caseworker,
            organisation="",
            purpose=WHY,
        )
    assert not AccessLogEntry.objects.exists()


def test_address_move_keeps_history_and_logs_once(caseworker):
    person = LocalPersonFactory(bsn="999993653")
    move_local_address(
        bsn="999993653",
        street="Nieuwe Gracht",
        house_number=3,
        postcode="2711 AA",
        city="Zoetermeer",
        valid_from=date(2026, 11, 1),
        actor=caseworker,
        organisation="Gemeente Zoetermeer",
        purpose=WHY,
    )
    addresses = list(person.addresses.order_by("valid_from"))
    assert [(a.street, a.valid_to) for a in addresses] == [
        ("Dorpsstraat", date(2026, 10, 31)),
        ("Nieuwe Gracht", None),
    ]
    current = (
        get_registry().get_person("999993653", purpose=Purpose.PERSONAL_DATA, viewer=None).address
    )
    assert current.line1 == "Nieuwe Gracht 3"
    assert AccessLogEntry.objects.filter(action="changed").get().detail == {"fields": ["address"]}


def test_invalid_address_leaves_the_old_one_current(caseworker):
    LocalPersonFactory(bsn="999993653")
    with pytest.raises(ValidationError):
        move_local_address(
            bsn="999993653",
            street="",
            house_number=3,
            postcode="2711 AA",
            city="Zoetermeer",
            valid_from=date(2026, 11, 1),
            actor=caseworker,
            organisation="Gemeente Zoetermeer",
            purpose=WHY,
        )
    assert LocalAddress.objects.get(valid_to__isnull=True).street == "Dorpsstraat"
    assert not AccessLogEntry.objects.exists()
