"""Remote zaken for businesses (issue 19): a company that logs in with
eHerkenning sees the zaken an agency's ZGW case system keeps on its RSIN
(Zaken API 1.5.1 cannot search by KvK number), a branch-limited mandate only
that branch's, a mandate only the zaaktypen it names; nobody else's, even
from a source that does not filter."""

import logging

import pytest
from django.core.cache import cache

from identity.access_log import DATA_SUBJECT_ID_TYPE_KVK, AccessLogEntry, data_subject_id
from identity.acting import BROKER_SESSION_KEY
from identity.tests.business_factories import KVK, MAIN_BRANCH, RSIN, make_demo_business
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from zgw.testing.story import PDF

from .conftest import BSN

pytestmark = pytest.mark.django_db

OTHER_RSIN = "002564440"
OTHER_BRANCH = "000012345678"


def detail(zaak) -> str:
    return f"/mijn/zaken-zgw/hdsr/{zaak['uuid']}/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def business_zaken(fake_zgw, story):
    """Next to the citizen's story: one zaak on the company (RSIN), one on its
    branch, one on another company, and one of another zaaktype on the company."""
    terras = fake_zgw.add_zaaktype("Terrasvergunning")
    lozing = fake_zgw.add_zaaktype("Lozingsmelding")
    company = fake_zgw.add_zaak(
        rsin=RSIN, zaaktype=terras, identificatie="ZAAK-BV-1", omschrijving="Terras Dorpsstraat"
    )
    fake_zgw.add_document(company, titel="Ontvangstbevestiging terras", content=PDF)
    branch = fake_zgw.add_zaak(
        branch=MAIN_BRANCH, zaaktype=terras, identificatie="ZAAK-VEST-1", omschrijving="Filiaal"
    )
    other = fake_zgw.add_zaak(
        rsin=OTHER_RSIN, zaaktype=terras, identificatie="ZAAK-ANDER-BV", omschrijving="Buurzaak"
    )
    melding = fake_zgw.add_zaak(
        rsin=RSIN, zaaktype=lozing, identificatie="ZAAK-BV-2", omschrijving="Lozing bakkerij"
    )
    return {"company": company, "branch": branch, "other": other, "melding": melding}


def _company_client(client, *, branch: str = "", services=(), level: str = "substantieel"):
    make_demo_business()
    user = CitizenFactory(bsn=None, username="eh-medewerker")
    log_in(client, user)
    session = client.session
    session[BROKER_SESSION_KEY] = {
        "broker": "eherkenning",
        "means": "eherkenning",
        "actor_bsn": "",
        "actor_pseudonym": "eh-demo-medewerker-1",
        "representee_bsn": "",
        "kvk": KVK,
        "branch": branch,
        "services": list(services),
        "level": level,
        "name": "Bakkerij De Vries B.V.",
    }
    session.save()
    return client


def test_the_company_sees_its_rsin_zaken_not_the_citizens_nor_another_companys(
    water_board, business_zaken, client
):
    html = _company_client(client).get("/mijn/").content.decode()
    assert "Terras Dorpsstraat" in html and "Lozing bakkerij" in html
    assert "Buurzaak" not in html
    # The citizen's zaken at the same source are not the company's.
    assert "Vaartsche Rijn" not in html
    # A whole-company mandate reads by RSIN, so the branch's own zaak is not in it.
    assert "Filiaal" not in html


def test_a_branch_limited_mandate_sees_only_that_branchs_zaken(water_board, business_zaken, client):
    html = _company_client(client, branch=MAIN_BRANCH).get("/mijn/").content.decode()
    assert "Filiaal" in html
    assert "Terras Dorpsstraat" not in html and "Buurzaak" not in html
    assert client.get(detail(business_zaken["company"])).status_code == 404
    assert client.get(detail(business_zaken["branch"])).status_code == 200


SERVICE = "urn:etoegang:DV:00000001002220647000:services:7"


def _register_terrace_service(agency):
    """The water board's mandate service for terrace permits opens its case
    type with the zaaktype's identificatie as code (decision 0050)."""
    from cases.tests.factories import CaseTypeFactory
    from representation.models import MandateService

    service = MandateService.objects.create(
        agency=agency, service_id=SERVICE, name="Terrasvergunning aanvragen"
    )
    service.case_types.add(CaseTypeFactory(agency=agency, code="TERRASVERGUNNING"))


def test_a_mandate_for_one_service_sees_only_the_zaaktypen_it_opens(
    water_board, business_zaken, client
):
    _register_terrace_service(water_board.agency)
    company = _company_client(client, services=[SERVICE])
    html = company.get("/mijn/").content.decode()
    assert "Terras Dorpsstraat" in html and "Lozing bakkerij" not in html
    assert company.get(detail(business_zaken["melding"])).status_code == 404
    assert company.get(detail(business_zaken["company"])).status_code == 200


def test_a_mandate_for_a_service_not_in_the_register_sees_no_remote_zaken(
    water_board, business_zaken, client
):
    company = _company_client(client, services=["urn:etoegang:DV:onbekend:services:1"])
    html = company.get("/mijn/").content.decode()
    assert "Terras Dorpsstraat" not in html and "Lozing bakkerij" not in html
    assert company.get(detail(business_zaken["company"])).status_code == 404


def test_the_zaak_page_and_document_for_the_company_with_its_access_log(
    water_board, business_zaken, client
):
    company = _company_client(client)
    response = company.get(detail(business_zaken["company"]))
    assert response.status_code == 200
    assert "ZAAK-BV-1" in response.content.decode()
    assert "Ontvangstbevestiging terras" in response.content.decode()
    entry = AccessLogEntry.objects.get(object_kind="case", object_label="ZAAK-BV-1")
    assert entry.data_subject_id_type == DATA_SUBJECT_ID_TYPE_KVK
    assert entry.data_subject_id == data_subject_id(KVK)
    assert company.get(detail(business_zaken["other"])).status_code == 404


def test_another_company_and_a_citizen_get_404_on_the_companys_zaak(
    water_board, business_zaken, client, citizen_client
):
    assert citizen_client.get(detail(business_zaken["company"])).status_code == 404
    client.logout()
    make_demo_business(kvk="90001354", name="Fietsenmaker Jansen B.V.", rsin=OTHER_RSIN)
    other = _company_client(client)
    session = other.session
    session[BROKER_SESSION_KEY] = {**session[BROKER_SESSION_KEY], "kvk": "90001354"}
    session.save()
    assert other.get(detail(business_zaken["company"])).status_code == 404
    html = other.get("/mijn/").content.decode()
    assert "Buurzaak" in html and "Terras Dorpsstraat" not in html


def test_a_source_that_does_not_filter_shows_the_company_only_its_own(
    water_board, business_zaken, fake_zgw, client, caplog
):
    fake_zgw.ignore_bsn_filter = True
    with caplog.at_level(logging.WARNING, logger="security.zgw"):
        html = _company_client(client).get("/mijn/").content.decode()
    assert "Terras Dorpsstraat" in html
    assert "Buurzaak" not in html and "Vaartsche Rijn" not in html and "Filiaal" not in html
    events = [record for record in caplog.records if record.name == "security.zgw"]
    assert events and all(BSN not in record.getMessage() for record in events)


def test_the_rsin_lookup_is_audited_once_not_on_every_page(water_board, business_zaken, client):
    company = _company_client(client)
    for _ in range(3):
        assert company.get("/mijn/").status_code == 200
    lookups = AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(KVK), object_kind="business"
    )
    assert lookups.count() == 1


def test_an_eenmanszaak_without_rsin_and_branch_has_no_remote_zaken(
    water_board, business_zaken, client
):
    from identity.business_registry.models import LocalBusiness

    company = _company_client(client)
    LocalBusiness.objects.filter(kvk=KVK).update(rsin="", legal_form="Eenmanszaak")
    response = company.get("/mijn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Terras Dorpsstraat" not in html and "niet bereikbaar" not in html
