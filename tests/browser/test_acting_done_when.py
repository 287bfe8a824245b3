"""Issue 19's "Done when", end to end on the demo data (seed_demo), through the
real login paths: the development DigiD IdP on its own origin, and the
development OIDC broker (`oidc-provider` in node, tools/oidc-broker/).

1. Suzanne (999993653) logs in with DigiD, chooses her son Noah on "Voor wie wilt
   u iets regelen?", sees the banner and requests "Verhuizing doorgeven" for him:
   the case's initiator Role is Noah's with an authenticatieContext naming the
   parent basis, Noah's access log names "Suzanne Moulin (ouder met gezag)", and
   Suzanne's own overview does not show the child's case.
2. The bewindvoerder Fatima (999991772) chooses Peter and sees only his
   bijzondere-bijstand case; his other cases are 404 by URL.
3. Bakkerij De Vries B.V. logs in with eHerkenning through the broker and sees
   its own terrace permit case, not Peter's or Suzanne's.

Every page of the portal and of the development IdP passes axe; the broker's
page is the development tool's own HTML (not the portal's) and is not checked."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case, Role, RoleType
from identity.access_log import AccessLogEntry
from identity.tests.oidc_broker import running_broker
from portal.settings.oidc import development_brokers
from tests.browser.conftest import assert_accessible, assert_no_csp_violation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.devidp,
    pytest.mark.oidc_broker,
    pytest.mark.django_db(transaction=True),
]

SUZANNE, NOAH, PETER, FATIMA = "999993653", "999998456", "999990019", "999991772"
CHOOSER = re.compile(r"/mijn/voor-wie/\?next=%2Fmijn%2F$")
BROKER_PAGE = re.compile(r"^http://127\.0\.0\.1:\d+/interaction/")
BANNER = "Voor wie u iets regelt"


@pytest.fixture
def demo(digid_portal, home_page):
    from wagtail.models import Collection

    # The root collection comes from a migration; an earlier transactional test's
    # flush removed it, and seed_demo gives editors permissions on it.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("seed_demo", stdout=io.StringIO())
    return digid_portal


def _digid_login(page, idp: str, citizen: str) -> None:
    """Mijn Loket -> login page -> the development IdP (its own origin) -> back."""
    page.goto("/inloggen/?next=/mijn/")
    assert_accessible(page, context="on the login page")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.wait_for_url("**/ontwikkel-idp/**")
    assert page.url.startswith(idp + "/")
    assert_accessible(page, context="on the development IdP")
    page.get_by_label(citizen).check()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(CHOOSER)
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie wilt u iets regelen?")
    assert_accessible(page, context=f"on the chooser after {citizen} logged in")


def _choose(page, name: str) -> None:
    page.get_by_role("button", name=re.compile(rf"^(Verder|Kiezen) {re.escape(name)}$")).click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn overzicht")


def test_a_parent_requests_for_her_child_and_the_childs_log_names_her(page, demo):
    _, idp = demo
    _digid_login(page, idp, "Suzanne Moulin (999993653)")
    expect(page.get_by_role("heading", name="Noah de Vries")).to_be_visible()
    _choose(page, "Noah de Vries")
    banner = page.get_by_role("region", name=BANNER)
    expect(banner).to_contain_text("U regelt dit voor Noah de Vries")
    assert NOAH not in page.content() and NOAH not in page.url
    assert_accessible(page, context="on Noah's overview with the banner")

    page.goto("/aanvragen/verhuizing-doorgeven/")
    expect(page.get_by_test_id("applicant-name")).to_have_text("Noah de Vries")
    expect(page.get_by_role("region", name=BANNER)).to_contain_text("Noah de Vries")
    assert_accessible(page, context="on the request form for Noah")
    page.get_by_label("Verhuisdatum").fill("2026-12-01")
    page.get_by_label("Nieuw adres").fill("Dorpsstraat 12, 2712 AB Zoetermeer")
    page.get_by_label("Ik, mijn partner en kinderen").check()
    page.get_by_role("button", name="Naar controleren").click()
    expect(page.get_by_role("heading", name="Controleer uw aanvraag")).to_be_visible()
    assert_accessible(page, context="on the check step for Noah")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible()
    reference = page.get_by_test_id("case-reference").inner_text()
    assert_accessible(page, context="on the confirmation for Noah")

    case = Case.objects.get(reference=reference)
    initiator = Role.objects.get(case=case, role_type=RoleType.INITIATOR)
    assert initiator.bsn == NOAH
    context = initiator.authentication_context
    assert context["representee"] == {"identifierType": "bsn", "identifier": NOAH}
    assert context["mandate"]["role"] == "parent"
    assert not Role.objects.filter(case=case, bsn=SUZANNE).exists()
    noah_log = AccessLogEntry.objects.for_subject(NOAH)
    organisations = {entry.organisation for entry in noah_log}
    # The actor's name as the person registry has it.
    assert "Suzanne Marie Moulin (ouder met gezag)" in organisations, organisations

    # Noah's overview lists it; Suzanne's own, after switching back, does not.
    page.goto("/mijn/")
    expect(page.locator(".ol-case-card", has_text=reference)).to_have_count(1)
    page.get_by_role("region", name=BANNER).get_by_role(
        "link", name="wisselen voor wie u iets regelt"
    ).click()
    expect(page.get_by_text("Dit is uw huidige keuze.")).to_be_visible()
    assert_accessible(page, context="on the chooser while acting for Noah")
    page.get_by_role("button", name="Kiezen Uzelf (Suzanne Moulin)").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn overzicht")
    expect(page.get_by_role("region", name=BANNER)).to_have_count(0)
    expect(page.get_by_text("Dakkapel op de achterkant van de woning")).to_be_visible()
    expect(page.get_by_text(reference)).to_have_count(0)
    assert_accessible(page, context="on Suzanne's own overview")
    assert_no_csp_violation(page, context="through the parent's journey")


def test_the_bewindvoerder_sees_only_the_clients_benefits_case(page, demo):
    _, idp = demo
    _digid_login(page, idp, "Fatima El Amrani (999991772)")
    _choose(page, "Peter Jan de Vries")
    expect(page.get_by_role("region", name=BANNER)).to_contain_text(
        "U regelt dit voor Peter Jan de Vries"
    )
    expect(page.get_by_text("Bijzondere bijstand voor een nieuw bed")).to_be_visible()
    expect(page.get_by_text("Aanbouw keuken")).to_have_count(0)
    expect(page.get_by_text("Kwijtschelding waterschapsbelasting 2026")).to_have_count(0)
    assert_accessible(page, context="on Peter's overview for his bewindvoerder")

    benefits = Case.objects.get(agency__slug="zoetermeer", external_id="demo-bewind-1")
    page.get_by_role("link", name="Bijzondere bijstand voor een nieuw bed").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(benefits.title)
    assert_accessible(page, context="on Peter's benefits case for his bewindvoerder")
    organisations = {entry.organisation for entry in AccessLogEntry.objects.for_subject(PETER)}
    assert any(
        name.startswith("Fatima") and name.endswith("(wettelijk vertegenwoordiger)")
        for name in organisations
    ), organisations

    kitchen = Case.objects.for_bsn(PETER).get(title="Aanbouw keuken")
    response = page.goto(kitchen.get_absolute_url())
    assert response is not None and response.status == 404
    assert_accessible(page, context="on the 404 for a case outside the mandate")


@pytest.fixture
def broker(settings, demo):
    portal, _ = demo
    # Redirect URIs are built from PORTAL_BASE_URL: here, the live server.
    settings.PORTAL_BASE_URL = portal
    with running_broker() as url:
        settings.OIDC_BROKERS = development_brokers(url)
        yield url


def test_the_company_sees_its_own_permit_case_through_eherkenning(page, broker):
    page.goto("/inloggen/?next=/mijn/")
    assert_accessible(page, context="on the login page with the broker buttons")
    page.get_by_role("button", name="Inloggen met eHerkenning").click()
    page.wait_for_url(BROKER_PAGE)
    page.get_by_role("button", name=re.compile("^Medewerker van Bakkerij De Vries B.V.")).click()
    page.wait_for_url(re.compile(r"/mijn/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn overzicht")
    permit = Case.objects.get(agency__slug="zoetermeer", external_id="demo-business-terras")
    expect(page.get_by_text(permit.title)).to_be_visible()
    for citizens_case in ("Dakkapel op de achterkant van de woning", "Aanbouw keuken"):
        expect(page.get_by_text(citizens_case)).to_have_count(0)
    assert_accessible(page, context="on the company's overview")

    page.get_by_role("link", name=permit.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(permit.title)
    assert_accessible(page, context="on the company's permit case")
    company_log = AccessLogEntry.objects.filter(data_subject_id_type="KVK")
    assert company_log.exists()
    assert_no_csp_violation(page, context="through the broker and back")
