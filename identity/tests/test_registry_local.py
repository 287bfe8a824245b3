from datetime import date

import pytest
from django.test import RequestFactory, override_settings

from identity.access_log import AccessLogEntry, Purpose
from identity.registry import get_registry, registry_for_request
from identity.registry.local import LocalPersonRegistry
from identity.tests.factories import CitizenFactory, LocalPersonFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_local_registry_returns_names_current_address_and_family():
    person = LocalPersonFactory(
        bsn="999993653", prefix="", surname="Moulin", with_family=True, moved=True
    )

    found = LocalPersonRegistry().get_person("999993653", purpose="test", viewer=None)

    assert found.full_name == "Suzanne Marie Moulin"
    assert found.date_of_birth == date(1985, 3, 14)
    assert found.nationalities == ("Nederlandse",)
    # Only the current address, not the one from the history.
    assert found.address.line1 == "Dorpsstraat 12"
    assert found.address.line2 == "2712 AB Zoetermeer"
    assert [p.full_name for p in found.partners] == ["Peter Jan de Vries"]
    assert sorted(c.first_names for c in found.children) == ["Kind1", "Kind2"]
    assert person.addresses.count() == 2


def test_local_registry_answers_none_for_an_unknown_bsn():
    assert LocalPersonRegistry().get_person("999990019", purpose="test", viewer=None) is None


def test_local_lookup_uses_a_fixed_number_of_queries(django_assert_num_queries):
    LocalPersonFactory(bsn="999993653", with_family=True)
    # person + partner (joined), current addresses, children, gezag held (with the minor joined)
    with django_assert_num_queries(4):
        LocalPersonRegistry().get_person("999993653", purpose="test", viewer=None)


def test_a_registry_lookup_leaves_exactly_one_access_log_entry():
    citizen = CitizenFactory(bsn="999993653")
    LocalPersonFactory(bsn="999993653")

    get_registry().get_person("999993653", purpose=Purpose.PERSONAL_DATA, viewer=citizen)

    [entry] = AccessLogEntry.objects.for_subject("999993653")
    assert entry.action == "looked_up"
    assert entry.actor_kind == "citizen"
    assert entry.object_kind == "person"
    assert entry.purpose == Purpose.PERSONAL_DATA
    assert entry.actor_user == citizen


def test_a_lookup_for_an_unknown_person_is_logged_too():
    get_registry().get_person("999990019", purpose=Purpose.CASE_REGISTRATION, viewer=None)
    [entry] = AccessLogEntry.objects.for_subject("999990019")
    assert entry.actor_kind == "system"
    assert entry.detail["found"] is False


def test_within_one_request_the_registry_is_asked_and_logged_once():
    citizen = CitizenFactory(bsn="999993653")
    LocalPersonFactory(bsn="999993653")
    request = RequestFactory().get("/")
    for _ in range(3):
        registry_for_request(request).get_person(
            "999993653", purpose=Purpose.PERSONAL_DATA, viewer=citizen
        )
    assert AccessLogEntry.objects.for_subject("999993653").count() == 1
    # A new request asks again; a caseworker's lookup is logged again, the
    # citizen's own within OWN_ACCESS_WINDOW is the same access (issue 15.8).
    caseworker = StaffUserFactory()
    for _ in range(2):
        registry_for_request(RequestFactory().get("/")).get_person(
            "999993653", purpose=Purpose.PERSONAL_DATA, viewer=caseworker
        )
    registry_for_request(RequestFactory().get("/")).get_person(
        "999993653", purpose=Purpose.PERSONAL_DATA, viewer=citizen
    )
    assert AccessLogEntry.objects.for_subject("999993653").count() == 3


@override_settings(
    PERSON_REGISTRY="haal_centraal",
    HAAL_CENTRAAL_BRP={
        "BASE_URL": "http://127.0.0.1:9/unreachable",
        "API_KEY": "",
        "DOELBINDING": "",
        "ORIGIN_OIN": "",
        "GEMEENTE_VAN_INSCHRIJVING": "",
        "TIMEOUT_SECONDS": 1,
        "RETRIES": 0,
    },
)
def test_setting_selects_haal_centraal_and_a_failed_lookup_is_not_logged():
    from identity.registry import RegistryUnavailable
    from identity.registry.haal_centraal import HaalCentraalRegistry

    registry = get_registry()
    assert isinstance(registry.backend, HaalCentraalRegistry)
    with pytest.raises(RegistryUnavailable):
        registry.get_person("999993653", purpose=Purpose.PERSONAL_DATA, viewer=None)
    assert not AccessLogEntry.objects.exists()
