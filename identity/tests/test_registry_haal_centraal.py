"""The Haal Centraal BRP Personen client against a fake server speaking the
documented v2 format: success, not found, server errors, timeouts."""

from datetime import date

import pytest

from identity.access_log import Purpose
from identity.registry import RegistryUnavailable
from identity.registry.haal_centraal import FIELDS, HaalCentraalRegistry
from identity.tests.factories import CitizenFactory, StaffUserFactory
from identity.tests.fake_brp import SUZANNE, FakeBrpServer

PURPOSE = Purpose.PERSONAL_DATA


@pytest.fixture
def brp():
    with FakeBrpServer() as server:
        server.persons["999993653"] = SUZANNE
        yield server


def _client(server, **kwargs):
    options = {
        "base_url": server.url,
        "api_key": "geheime-sleutel",
        "doelbinding": "BRPACT-Totaal",
        "origin_oin": "00000001001918000000",
        "gemeente_van_inschrijving": "0637",
        "timeout": 2,
        "retries": 2,
        "backoff": 0,
    }
    return HaalCentraalRegistry(**{**options, **kwargs})


def test_found_person_is_parsed_from_the_documented_format(brp):
    person = _client(brp).get_person("999993653", purpose=PURPOSE, viewer=None)

    assert person.full_name == "Suzanne Marie Moulin"
    assert person.date_of_birth == date(1985, 3, 14)
    assert person.nationalities == ("Nederlandse",)
    assert person.address.line1 == "Dorpsstr 12a"
    assert person.address.line2 == "2712AB Zoetermeer"
    assert person.address.valid_from == date(2015, 5, 1)
    assert [p.full_name for p in person.partners] == ["Peter Jan de Vries"]
    assert [(c.full_name, c.date_of_birth) for c in person.children] == [
        ("Noah de Vries", date(2016, 9, 8))
    ]


@pytest.mark.django_db
def test_query_is_a_post_with_the_bsn_in_the_body_and_protocol_headers(brp):
    citizen = CitizenFactory(bsn="999993653")
    _client(brp).get_person("999993653", purpose=PURPOSE, viewer=citizen)

    [sent] = brp.requests
    assert sent["path"] == "/haalcentraal/api/brp/personen"
    assert "999993653" not in sent["path"]
    assert sent["body"] == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999993653"],
        "fields": FIELDS,
        "gemeenteVanInschrijving": "0637",
    }
    headers = {key.lower(): value for key, value in sent["headers"].items()}
    assert headers["x-api-key"] == "geheime-sleutel"
    assert headers["x-doelbinding"] == "BRPACT-Totaal"
    # The processing activity as the register names it (not the code, not translated).
    assert headers["x-verwerking"] == "Mijn gegevens tonen aan de burger"
    assert headers["x-origin-oin"] == "00000001001918000000"
    # The citizen themselves; never their BSN in a header.
    assert headers["x-gebruiker"] == "BurgerZelf"


@pytest.mark.django_db
def test_a_caseworker_is_named_by_username_in_the_gebruiker_header(brp):
    staff = StaffUserFactory(username="anna")
    _client(brp).get_person("999993653", purpose=PURPOSE, viewer=staff)
    headers = {key.lower(): value for key, value in brp.requests[0]["headers"].items()}
    assert headers["x-gebruiker"] == "anna"


def test_unknown_bsn_is_none(brp):
    assert _client(brp).get_person("999990019", purpose=PURPOSE, viewer=None) is None


def test_server_error_is_retried_and_then_succeeds(brp):
    brp.script = [FakeBrpServer.error(503), FakeBrpServer.error(500)]
    person = _client(brp, retries=2).get_person("999993653", purpose=PURPOSE, viewer=None)
    assert person.surname == "Moulin"
    assert len(brp.requests) == 3


def test_persistent_server_error_gives_up_after_bounded_retries(brp):
    brp.script = [FakeBrpServer.error(503)] * 5
    with pytest.raises(RegistryUnavailable) as raised:
        _client(brp, retries=2).get_person("999993653", purpose=PURPOSE, viewer=None)
    assert len(brp.requests) == 3
    assert "999993653" not in str(raised.value)


def test_timeout_is_retried_then_reported_unavailable(brp):
    brp.script = [FakeBrpServer.slow(1.5)] * 2
    with pytest.raises(RegistryUnavailable):
        _client(brp, timeout=0.2, retries=1).get_person("999993653", purpose=PURPOSE, viewer=None)
    assert len(brp.requests) == 2


def test_timeout_then_answer_succeeds(brp):
    brp.script = [FakeBrpServer.slow(1.5)]
    person = _client(brp, timeout=0.2, retries=1).get_person(
        "999993653", purpose=PURPOSE, viewer=None
    )
    assert person.first_names == "Suzanne Marie"


def test_client_error_is_not_retried(brp):
    brp.script = [FakeBrpServer.error(403)]
    with pytest.raises(RegistryUnavailable):
        _client(brp).get_person("999993653", purpose=PURPOSE, viewer=None)
    assert len(brp.requests) == 1


def test_unreachable_server_is_unavailable():
    with FakeBrpServer() as server:
        url = server.url
    # The server is closed now: the connection is refused.
    client = HaalCentraalRegistry(base_url=url, retries=1, backoff=0)
    with pytest.raises(RegistryUnavailable):
        client.get_person("999993653", purpose=PURPOSE, viewer=None)
