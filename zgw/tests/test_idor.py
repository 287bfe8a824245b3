"""Never trust the source to filter (issue 20, CVE-2026-54657 in Open Zaak < 1.29):
a source that answers a search for one BSN with another's zaak shows nothing of it."""

import logging

import pytest

from zgw.client import ZgwClient
from zgw.reading import zaken_for_bsn

from .conftest import BSN

pytestmark = pytest.mark.django_db
OTHER_BSN = "999990019"


@pytest.fixture
def leaking_source(water_board, story, fake_zgw):
    other = fake_zgw.add_zaak(
        bsn=OTHER_BSN,
        zaaktype=fake_zgw.add_zaaktype("Bezwaar"),
        identificatie="ZAAK-VAN-EEN-ANDER",
        omschrijving="Bezwaar van de buurman",
    )
    fake_zgw.ignore_bsn_filter = True
    return other


def test_a_zaak_without_the_citizens_rol_is_dropped_and_logged(leaking_source, water_board, caplog):
    with caplog.at_level(logging.WARNING, logger="security.zgw"):
        zaken = zaken_for_bsn(ZgwClient(water_board), bsn=BSN)
    assert "ZAAK-VAN-EEN-ANDER" not in {zaak.identificatie for zaak in zaken}
    assert len(zaken) == 3
    events = [record for record in caplog.records if record.name == "security.zgw"]
    assert len(events) == 1
    assert leaking_source["uuid"] in events[0].getMessage()
    assert BSN not in events[0].getMessage() and OTHER_BSN not in events[0].getMessage()


def test_the_overview_shows_nothing_of_it(leaking_source, citizen_client, caplog):
    with caplog.at_level(logging.WARNING, logger="security.zgw"):
        html = citizen_client.get("/mijn/").content.decode()
    assert "Vergunning voor een steiger" in html
    assert "Bezwaar van de buurman" not in html and "ZAAK-VAN-EEN-ANDER" not in html
    assert any(record.name == "security.zgw" for record in caplog.records)


def test_its_page_is_a_404(leaking_source, citizen_client):
    response = citizen_client.get(f"/mijn/zaken-zgw/hdsr/{leaking_source['uuid']}/")
    assert response.status_code == 404
