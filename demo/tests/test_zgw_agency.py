"""The demo's live-ZGW agency, against the test server `make run` starts."""

import io

import pytest

from demo import zgw_agency
from zgw.testing.server import FakeZgw, RunningServer
from zgw.testing.story import tell

pytestmark = pytest.mark.django_db


def test_without_the_test_server_no_zgw_agency_is_seeded(monkeypatch):
    from cases.models import Agency

    monkeypatch.delenv("DEMO_ZGW_URL", raising=False)
    zgw_agency.seed(io.StringIO())
    assert not Agency.objects.filter(slug="hdsr").exists()


def test_the_citizen_sees_the_zgw_agencys_zaken(monkeypatch, citizen_client):
    server = RunningServer(FakeZgw(page_size=20))
    with server as fake:
        tell(fake, bsn="999993653")
        monkeypatch.setenv("DEMO_ZGW_URL", fake.base_url)
        zgw_agency.seed(io.StringIO())
        zgw_agency.seed(io.StringIO())  # idempotent
        html = citizen_client.get("/mijn/").content.decode()
    assert fake.violations == []
    assert "Hoogheemraadschap De Stichtse Rijnlanden" in html
    assert "Vergunning voor een steiger aan de Vaartsche Rijn" in html
    # The demo's back-office text for the statustype "In behandeling bij team vergunningen".
    assert "We beoordelen uw aanvraag" in html
