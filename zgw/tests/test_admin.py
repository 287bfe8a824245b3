"""Agency administrators configure their agency's case system; the secret is
write-only (never shown again, kept when left empty)."""

import logging

import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory
from zgw.models import CaseSystem

pytestmark = pytest.mark.django_db
SECRET = "dit-is-het-gedeelde-geheim-van-de-app"


@pytest.fixture
def admin_client(client):
    own, other = AgencyFactory(slug="eigen"), AgencyFactory(slug="vreemd")
    client.force_login(CaseworkerFactory(agency=own, agency_admin=True))
    return client, own, other


def form_data(agency, **extra):
    return {
        "agency": agency.pk,
        "kind": "zgw",
        "zaken_url": "https://openzaak.example/zaken/api/v1",
        "catalogi_url": "https://openzaak.example/catalogi/api/v1",
        "documenten_url": "https://openzaak.example/documenten/api/v1",
        "besluiten_url": "https://openzaak.example/besluiten/api/v1",
        "client_id": "open-loket",
        "secret": SECRET,
        "rsin": "002220647",
        "max_confidentiality": "zaakvertrouwelijk",
        **extra,
    }


def test_the_secret_is_saved_and_never_shown_again(admin_client, caplog):
    client, own, _ = admin_client
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("zaaksystemen:add"), form_data(own))
    assert response.status_code == 302
    system = CaseSystem.objects.get(agency=own)
    assert system.secret == SECRET
    assert SECRET not in caplog.text
    edit = client.get(reverse("zaaksystemen:edit", args=[system.pk])).content.decode()
    assert SECRET not in edit
    # Saved again without a secret: the stored one stays.
    response = client.post(
        reverse("zaaksystemen:edit", args=[system.pk]), form_data(own, secret="")
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.secret == SECRET


def test_a_zgw_source_needs_its_urls_and_credentials(admin_client):
    client, own, _ = admin_client
    response = client.post(reverse("zaaksystemen:add"), form_data(own, secret="", zaken_url=""))
    assert response.status_code == 200
    assert not CaseSystem.objects.exists()


def test_another_agencys_case_system_is_out_of_reach(admin_client):
    client, _, other = admin_client
    theirs = CaseSystem.objects.create(agency=other, rsin="002220647", secret=SECRET)
    assert client.get(reverse("zaaksystemen:edit", args=[theirs.pk])).status_code == 404
    assert other.name not in client.get(reverse("zaaksystemen:index")).content.decode()
    response = client.post(reverse("zaaksystemen:add"), form_data(other))
    assert response.status_code == 200
    assert CaseSystem.objects.count() == 1
