"""The register of mandate services (decision 0050): what a DigiD Machtigen /
eHerkenning mandate's service ids open, at which level, kept per agency in the
back office with Wagtail's audit log."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from cases.viewer import visible_cases
from identity.acting import BROKER_SESSION_KEY, Basis, current_context
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory
from pages.tests.factories import ProductPageFactory
from representation.models import MandateService

pytestmark = pytest.mark.django_db

GEMACHTIGDE, FATIMA = "999993653", "999991772"
SERVICE = "urn:etoegang:DV:00000001001918000000:services:7"


@pytest.fixture
def register():
    """Zoetermeer's "aanvragen bijzondere bijstand": its case type and product,
    at substantieel; Fatima has a case of that type and a permit case."""
    zoetermeer = AgencyFactory(slug="zoetermeer")
    benefits = CaseTypeFactory(agency=zoetermeer, code="bijzondere-bijstand")
    permit = CaseTypeFactory(agency=zoetermeer, code="omgevingsvergunning")
    service = MandateService.objects.create(
        agency=zoetermeer,
        service_id=SERVICE,
        name="Bijzondere bijstand aanvragen",
        minimum_level=LevelOfAssurance.SUBSTANTIEEL,
    )
    service.case_types.add(benefits)
    product = ProductPageFactory(agency=zoetermeer, case_type=benefits)
    service.products.add(product)
    return {
        "service": service,
        "benefits_case": CaseFactory(bsn=FATIMA, case_type=benefits),
        "permit_case": CaseFactory(bsn=FATIMA, case_type=permit),
        "product": product,
        "other_product": ProductPageFactory(agency=zoetermeer, case_type=permit),
    }


def _context(*, services, level="substantieel"):
    request = RequestFactory().get("/mijn/")
    request.user = CitizenFactory(bsn=GEMACHTIGDE)
    claims = {
        "broker": "digid-machtigen",
        "actor_bsn": GEMACHTIGDE,
        "representee_bsn": FATIMA,
        "services": services,
        "level": level,
    }
    level_value = int(LevelOfAssurance[level.upper()])
    request.session = {SESSION_KEY: level_value, BROKER_SESSION_KEY: claims}
    return current_context(request)


def test_a_registered_service_opens_its_case_types_and_products(register):
    context = _context(services=[SERVICE])
    assert context.basis == Basis.MACHTIGING
    assert list(visible_cases(context)) == [register["benefits_case"]]
    assert context.allows(product=str(register["product"].translation_key))
    assert not context.allows(product=str(register["other_product"].translation_key))
    # The Rol's authenticatieContext still names the service as the broker sent it.
    assert context.services == {SERVICE}
    assert context.service_names == ("Bijzondere bijstand aanvragen",)


def test_a_service_unknown_to_the_register_opens_nothing(register):
    # Before the register the id was read as a case type code; now that opens nothing.
    for services in (["bijzondere-bijstand"], ["urn:etoegang:DV:0000:services:99"]):
        context = _context(services=services)
        assert not visible_cases(context).exists()
        assert not context.allows(product=str(register["product"].translation_key))


def test_a_mandate_given_at_midden_does_not_open_a_service_that_needs_substantieel(register):
    context = _context(services=[SERVICE], level="midden")
    assert not visible_cases(context).exists()
    assert not context.allows(product=str(register["product"].translation_key))
    assert context.service_names == ()
    # Lowered to midden by the agency, the same mandate opens it.
    MandateService.objects.filter(pk=register["service"].pk).update(
        minimum_level=LevelOfAssurance.MIDDEN
    )
    assert list(visible_cases(_context(services=[SERVICE], level="midden"))) == [
        register["benefits_case"]
    ]


def test_a_mandate_outside_its_service_is_404_on_the_case_page(client, register):
    client.force_login(CitizenFactory(bsn=GEMACHTIGDE))
    session = client.session
    session[BROKER_SESSION_KEY] = {
        "broker": "digid-machtigen",
        "actor_bsn": GEMACHTIGDE,
        "representee_bsn": FATIMA,
        "services": [SERVICE],
        "level": "midden",
    }
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    for case in (register["benefits_case"], register["permit_case"]):
        url = reverse("cases:detail", args=[case.agency.slug, case.reference])
        assert client.get(url).status_code == 404


@pytest.fixture
def admin(client):
    own, other = AgencyFactory(slug="eigen"), AgencyFactory(slug="vreemd")
    user = CaseworkerFactory(agency=own, agency_admin=True)
    client.force_login(user)
    return client, own, other, user


def _form(agency, **extra):
    return {
        "agency": agency.pk,
        "service_id": SERVICE,
        "name": "Bijzondere bijstand aanvragen",
        "minimum_level": int(LevelOfAssurance.SUBSTANTIEEL),
        **extra,
    }


def test_an_agency_admin_keeps_the_register_and_it_is_in_the_audit_log(admin):
    client, own, _, user = admin
    case_type = CaseTypeFactory(agency=own)
    response = client.post(
        reverse("machtigingsdiensten:add"), _form(own, case_types=[case_type.pk])
    )
    assert response.status_code == 302
    service = MandateService.objects.get()
    assert list(service.case_types.all()) == [case_type]
    response = client.post(
        reverse("machtigingsdiensten:edit", args=[service.pk]),
        _form(own, name="Bijstand", case_types=[case_type.pk]),
    )
    assert response.status_code == 302
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(service.pk), user=user).values_list(
            "action", flat=True
        )
    )
    assert {"wagtail.create", "wagtail.edit"} <= actions


def test_another_agencys_service_and_case_types_are_out_of_reach(admin):
    client, own, other, _ = admin
    theirs = MandateService.objects.create(agency=other, service_id="hun-dienst", name="Hun dienst")
    assert client.get(reverse("machtigingsdiensten:edit", args=[theirs.pk])).status_code == 404
    assert "Hun dienst" not in client.get(reverse("machtigingsdiensten:index")).content.decode()
    # Their agency, or their case type on our service: refused, nothing written.
    assert client.post(reverse("machtigingsdiensten:add"), _form(other)).status_code == 200
    their_type = CaseTypeFactory(agency=other)
    response = client.post(
        reverse("machtigingsdiensten:add"), _form(own, case_types=[their_type.pk])
    )
    assert response.status_code == 200
    assert MandateService.objects.count() == 1


def test_a_caseworker_without_the_admin_role_has_no_register(client):
    agency = AgencyFactory()
    client.force_login(CaseworkerFactory(agency=agency))
    assert client.get(reverse("machtigingsdiensten:index")).status_code in (302, 403, 404)
    client.post(reverse("machtigingsdiensten:add"), _form(agency))
    assert not MandateService.objects.exists()
