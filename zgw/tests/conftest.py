import pytest

from cases.tests.factories import AgencyFactory
from zgw.models import CaseSystem, SourceKind
from zgw.testing.server import FakeZgw, RunningServer
from zgw.testing.story import tell

BSN = "999993653"  # the `citizen` fixture's


@pytest.fixture
def running_zgw():
    """A test ZGW server; every request and response it saw must conform to
    the VNG OpenAPI documents (asserted after the test)."""
    server = RunningServer(FakeZgw())
    with server as fake:
        yield server
    assert fake.violations == []


@pytest.fixture
def fake_zgw(running_zgw):
    return running_zgw.fake


@pytest.fixture
def story(fake_zgw):
    return tell(fake_zgw, bsn=BSN)


def case_system_for(server: RunningServer, agency, **values) -> CaseSystem:
    return CaseSystem.objects.create(
        agency=agency,
        kind=SourceKind.ZGW,
        zaken_url=server.root("zaken"),
        catalogi_url=server.root("catalogi"),
        documenten_url=server.root("documenten"),
        besluiten_url=server.root("besluiten"),
        client_id=server.fake.client_id,
        secret=server.fake.secret,
        rsin=server.fake.rsin,
        **values,
    )


@pytest.fixture
def water_board(db, running_zgw):
    agency = AgencyFactory(name="Waterschap De Stichtse Rijnlanden", slug="hdsr", short_name="HDSR")
    return case_system_for(running_zgw, agency)
