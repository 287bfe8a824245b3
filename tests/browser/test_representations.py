"""Issue 19: a municipality's caseworker records a bewindvoerder in the back
office (list, form, an error state: axe on each), and the represented person
reads it on Mijn gegevens (axe)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from playwright.sync_api import expect

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from representation.models import Representation
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIENT_BSN, BEWINDVOERDER_BSN = "999990019", "999991772"


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_keeper_records_a_bewindvoerder_and_the_client_sees_it(page, live_server, citizen_page):
    agency = AgencyFactory(name="Gemeente Zoetermeer", short_name="Zoetermeer", slug="zoetermeer")
    benefits = CaseTypeFactory(agency=agency, name="Bijzondere bijstand")
    LocalPersonFactory(bsn=CLIENT_BSN, first_names="Peter Jan", prefix="de", surname="Vries")
    LocalPersonFactory(bsn=BEWINDVOERDER_BSN, first_names="Fatima", surname="El Amrani")
    keeper = CaseworkerFactory(agency=agency, mfa=True)
    keeper.user_permissions.add(Permission.objects.get(codename="manage_representations"))
    _log_in(page, live_server, keeper)

    page.goto("/beheer/vertegenwoordigingen/")
    expect(page.get_by_role("heading", name="0 vertegenwoordigingen")).to_be_visible()
    assert_accessible(page, context="on the representations list")

    page.get_by_role("link", name="Vertegenwoordiging vastleggen").first.click()
    assert_accessible(page, context="on the representation form")
    page.get_by_label("BSN van de vertegenwoordiger").fill(BEWINDVOERDER_BSN)
    page.get_by_label("BSN van de vertegenwoordigde").fill(BEWINDVOERDER_BSN)
    page.get_by_label("bewindvoerder").check()
    page.get_by_label("Begindatum").fill("2026-01-15")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Iemand kan niet zijn eigen vertegenwoordiger zijn."
    )
    assert_accessible(page, context="on the representation form with an error")

    page.get_by_label("BSN van de vertegenwoordigde").fill(CLIENT_BSN)
    page.get_by_label("Bijzondere bijstand").check()
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De vertegenwoordiging is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Peter Jan de Vries (******019)")).to_be_visible()
    assert CLIENT_BSN not in page.url
    assert_accessible(page, context="on a representation with its history")
    assert Representation.objects.get().case_types.get() == benefits

    _, login = citizen_page
    login(CitizenFactory(bsn=CLIENT_BSN, first_name="Peter"))
    page.goto("/mijn/gegevens/")
    section = page.get_by_role("region", name="Wie mag namens u handelen?")
    expect(section).to_contain_text("Fatima El Amrani")
    expect(section).to_contain_text("Bijzondere bijstand (Zoetermeer)")
    assert_accessible(page, context="on Mijn gegevens with a representative")
