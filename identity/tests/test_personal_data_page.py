import pytest
from django.test import override_settings

from identity.access_log import AccessLogEntry, Purpose
from identity.tests.factories import ContactDetailsFactory, LocalPersonFactory

pytestmark = pytest.mark.django_db

URL = "/mijn/gegevens/"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_page_shows_registry_data_with_masked_bsn(citizen_client):
    LocalPersonFactory(bsn="999993653", with_family=True)
    response = citizen_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Suzanne Marie Moulin" in html
    assert "14 maart 1985" in html
    assert "Dorpsstraat 12" in html
    assert "Peter Jan de Vries" in html
    assert "Kind1 Moulin" in html
    assert "******653" in html
    assert "999993653" not in html


def test_toon_shows_the_full_bsn_without_putting_it_in_the_url(citizen_client):
    LocalPersonFactory(bsn="999993653")
    html = citizen_client.get(URL).content.decode()
    assert 'name="bsn" value="toon"' in html
    shown = citizen_client.get(URL, {"bsn": "toon"}).content.decode()
    assert "999993653" in shown
    assert "******653" not in shown


def test_viewing_the_page_logs_one_registry_lookup(citizen_client, citizen):
    LocalPersonFactory(bsn="999993653")
    citizen_client.get(URL)
    [entry] = AccessLogEntry.objects.for_subject(citizen.bsn)
    assert (entry.action, entry.object_kind, entry.actor_kind) == ("looked_up", "person", "citizen")
    assert entry.purpose == Purpose.PERSONAL_DATA


def test_person_unknown_to_the_registry_gets_a_plain_message(citizen_client):
    html = citizen_client.get(URL).content.decode()
    assert "geen gegevens over u gevonden" in html
    assert "Contactgegevens" in html


@override_settings(
    PERSON_REGISTRY="haal_centraal",
    HAAL_CENTRAAL_BRP={
        "BASE_URL": "http://127.0.0.1:9/brp",
        "API_KEY": "",
        "DOELBINDING": "",
        "ORIGIN_OIN": "",
        "GEMEENTE_VAN_INSCHRIJVING": "",
        "TIMEOUT_SECONDS": 1,
        "RETRIES": 0,
    },
)
def test_unreachable_registry_says_so_and_the_rest_of_the_page_works(citizen_client, citizen):
    ContactDetailsFactory(user=citizen, verified=True, phone="0612345678")
    response = citizen_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "kunnen we op dit moment niet ophalen" in html
    assert "******653" in html
    assert "suzanne@example.org" in html
    assert "0612345678" in html
    assert not AccessLogEntry.objects.exists()


def test_english_version(citizen_client):
    LocalPersonFactory(bsn="999993653")
    html = citizen_client.get("/en" + URL).content.decode()
    assert "My details" in html
    assert "14 March 1985" in html
