"""A citizen with a case at a local agency and zaken at a ZGW agency sees both,
opens the ZGW zaak, downloads its document, and sees "niet bereikbaar" when
that source is down. Every page and state gets an axe check."""

import pytest
from playwright.sync_api import expect

from cases.tests.factories import AgencyFactory, CaseFactory
from identity.tests.factories import CitizenFactory
from tests.browser.conftest import assert_accessible
from zgw.testing.server import FakeZgw, RunningServer
from zgw.testing.story import PDF, tell
from zgw.tests.conftest import case_system_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zgw_source():
    server = RunningServer(FakeZgw())
    with server as fake:
        tell(fake, bsn="999993653")
        yield server
    assert fake.violations == []


def test_local_and_zgw_cases_side_by_side(citizen_page, home_page, zgw_source, tmp_path):
    page, login = citizen_page
    citizen = login(CitizenFactory(bsn="999993653"))
    CaseFactory(bsn=citizen.bsn, title="Verhuizing doorgeven")
    agency = AgencyFactory(name="Waterschap De Stichtse Rijnlanden", slug="hdsr")
    case_system_for(zgw_source, agency)

    page.goto("/mijn/")
    expect(page.get_by_role("link", name="Verhuizing doorgeven")).to_be_visible()
    zaak_link = page.get_by_role("link", name="Vergunning voor een steiger aan de Vaartsche Rijn")
    expect(zaak_link).to_be_visible()
    assert_accessible(page, context="on the overview with local and ZGW cases")

    zaak_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vergunning voor een steiger aan de Vaartsche Rijn"
    )
    expect(page.get_by_text("In behandeling bij team vergunningen")).to_be_visible()
    assert_accessible(page, context="on the ZGW zaak page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ontvangstbevestiging").click()
    download = download_info.value
    assert download.suggested_filename == "ontvangst.pdf"
    saved = tmp_path / "ontvangst.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == PDF

    zgw_source.fake.fail_status = 500
    from django.core.cache import cache

    cache.clear()  # the live server shares this process's cache: forget the fresh answer
    page.goto("/mijn/")
    expect(
        page.get_by_text(
            "De gegevens van Waterschap De Stichtse Rijnlanden zijn nu niet bereikbaar."
        )
    ).to_be_visible()
    expect(page.get_by_role("link", name="Verhuizing doorgeven")).to_be_visible()
    assert_accessible(page, context="on the overview with a source that is down")

    zaak = zgw_source.fake.store[("zaken", "zaken")]
    uuid = next(
        row["uuid"] for row in zaak.values() if row["identificatie"] == "ZAAK-2026-0000000101"
    )
    response = page.goto(f"/mijn/zaken-zgw/hdsr/{uuid}/")
    assert response.status == 503
    expect(page.get_by_text("zijn nu niet bereikbaar")).to_be_visible()
    assert_accessible(page, context="on the ZGW zaak page with the source down")
