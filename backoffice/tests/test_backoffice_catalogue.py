"""Agency administrators manage case types and status types of their own agency only."""

import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.models import CaseType, StatusType
from cases.tests.factories import AgencyFactory, CaseTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    x, y = AgencyFactory(), AgencyFactory()
    own, other = CaseTypeFactory(agency=x, name="Eigen"), CaseTypeFactory(agency=y, name="Vreemd")
    admin = CaseworkerFactory(agency=x, agency_admin=True)
    client.force_login(admin)
    return {"x": x, "y": y, "own": own, "other": other, "admin": admin}


def _case_type_data(agency, **extra):
    return {
        "agency": agency.pk,
        "code": "nieuw",
        "name": "Nieuw zaaktype",
        "processing_days": 28,
        "confidentiality": "zaakvertrouwelijk",
        **extra,
    }


def test_listing_shows_only_own_agencys_case_types(client, setup):
    response = client.get(reverse("zaaktypen:index"))
    assert response.status_code == 200
    assert "Eigen" in response.content.decode()
    assert "Vreemd" not in response.content.decode()


def test_other_agencys_case_type_is_404_everywhere(client, setup):
    other = setup["other"]
    for name in ("zaaktypen:edit", "zaaktypen:history", "zaaktypen:usage"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404, name
    response = client.post(reverse("zaaktypen:edit", args=[other.pk]), _case_type_data(setup["y"]))
    assert response.status_code == 404
    status_type = other.status_types.first()
    assert client.get(reverse("statustypen:edit", args=[status_type.pk])).status_code == 404


def test_creating_for_another_agency_is_refused(client, setup):
    response = client.post(reverse("zaaktypen:add"), _case_type_data(setup["y"]))
    assert response.status_code == 200
    assert not CaseType.objects.filter(code="nieuw").exists()
    response = client.post(reverse("zaaktypen:add"), _case_type_data(setup["x"]))
    assert response.status_code == 302
    assert CaseType.objects.get(code="nieuw").agency == setup["x"]


def test_status_type_only_for_own_case_types(client, setup):
    data = {"order": 9, "name": "extra", "citizen_text": "Extra stap", "notify_citizen": "on"}
    client.post(reverse("statustypen:add"), {**data, "case_type": setup["other"].pk})
    assert not StatusType.objects.filter(name="extra").exists()
    response = client.post(reverse("statustypen:add"), {**data, "case_type": setup["own"].pk})
    assert response.status_code == 302
    assert StatusType.objects.get(name="extra").case_type == setup["own"]


def test_caseworker_who_is_not_agency_admin_cannot_manage(client, setup):
    client.force_login(CaseworkerFactory(agency=setup["x"]))
    response = client.get(reverse("zaaktypen:index"))
    assert response.status_code == 302  # Wagtail: permission denied, back to the dashboard
    response = client.post(reverse("zaaktypen:add"), _case_type_data(setup["x"]))
    assert not CaseType.objects.filter(code="nieuw").exists()


def test_memberships_are_managed_by_superusers_not_by_agency_admins(client, setup):
    from backoffice.models import AgencyMembership
    from backoffice.tests.factories_backoffice import add_totp
    from identity.tests.factories import StaffUserFactory

    url = reverse("lidmaatschappen:add")
    newcomer = StaffUserFactory()
    data = {"user": newcomer.pk, "agency": setup["y"].pk, "role": "caseworker"}
    client.post(url, {**data, "user": setup["admin"].pk})  # agency admin tries to join Y
    assert not AgencyMembership.objects.filter(user=setup["admin"], agency=setup["y"]).exists()
    assert client.get(reverse("lidmaatschappen:index")).status_code == 302
    superuser = StaffUserFactory(is_superuser=True)
    add_totp(superuser)
    client.force_login(superuser)
    assert client.post(url, data).status_code == 302
    assert AgencyMembership.objects.get(user=newcomer).agency == setup["y"]


def test_status_type_filter_offers_only_own_case_types(client, setup):
    """Issue 14.5: the filter drop-down named every agency's case types."""
    response = client.get(reverse("statustypen:index"))
    html = response.content.decode()
    assert f'value="{setup["own"].pk}"' in html
    assert "Vreemd" not in html
    assert f'value="{setup["other"].pk}"' not in html
