"""Issue 15.15: an operator creates agencies and staff from the shell, a superuser
manages agencies in the admin, and /beheer/zaken/ tells a superuser without a
membership what to do instead of a 404."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.urls import reverse

from backoffice.models import AgencyMembership, MembershipRole
from backoffice.tests.factories_backoffice import CaseworkerFactory, add_totp
from cases.models import Agency
from cases.tests.factories import AgencyFactory
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_agency_is_idempotent_and_validates():
    _run("create_agency", "zoetermeer", "Gemeente Zoetermeer", "--rsin", "002220647")
    output = _run("create_agency", "zoetermeer", "Gemeente Zoetermeer", "--short-name", "ZTM")
    assert "Updated" in output
    agency = Agency.objects.get(slug="zoetermeer")
    assert (agency.short_name, agency.rsin) == ("ZTM", "002220647")
    assert Agency.objects.count() == 1
    with pytest.raises(CommandError, match="rsin"):
        _run("create_agency", "elders", "Gemeente Elders", "--rsin", "12ab")


def test_add_staff_creates_a_member_with_a_one_time_password():
    agency = AgencyFactory(slug="zoetermeer")
    output = _run("add_staff", "j.jansen", "--agency", "zoetermeer", "--role", "caseworker")
    password = output.split("another channel than the username): ")[1].split()[0]
    user = authenticate(username="j.jansen", password=password)
    assert user is not None and user.is_staff
    assert "authenticator app (TOTP)" in output
    membership = AgencyMembership.objects.get(user=user, agency=agency)
    assert membership.role == MembershipRole.CASEWORKER

    # Again as admin: updated, same account, no new password unless asked.
    output = _run("add_staff", "j.jansen", "--agency", "zoetermeer", "--role", "admin")
    assert "One-time password" not in output
    membership.refresh_from_db()
    assert membership.role == MembershipRole.AGENCY_ADMIN
    assert authenticate(username="j.jansen", password=password) is not None


def test_add_staff_refuses_unknown_agency_and_citizen_accounts():
    with pytest.raises(CommandError, match="create_agency"):
        _run("add_staff", "x", "--agency", "nergens", "--role", "caseworker")
    AgencyFactory(slug="zoetermeer")
    citizen = CitizenFactory()
    with pytest.raises(CommandError, match="citizen"):
        _run("add_staff", citizen.username, "--agency", "zoetermeer", "--role", "admin")


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("operator", password="x" * 16)
    add_totp(user)
    client.force_login(user)
    return client


def test_superuser_manages_agencies_in_the_admin(superuser_client):
    response = superuser_client.get(reverse("organisaties:index"))
    assert response.status_code == 200
    response = superuser_client.post(
        reverse("organisaties:add"),
        {"name": "Gemeente Nieuw", "short_name": "Nieuw", "slug": "nieuw", "is_active": "on"},
    )
    assert response.status_code == 302, response.content[:3000]
    assert Agency.objects.filter(slug="nieuw").exists()


def test_agency_admin_cannot_manage_agencies(client):
    client.force_login(CaseworkerFactory(agency=AgencyFactory(), agency_admin=True))
    assert client.get(reverse("organisaties:index")).status_code == 302  # no permission
    client.post(reverse("organisaties:add"), {"name": "X", "short_name": "X", "slug": "x"})
    assert not Agency.objects.filter(slug="x").exists()


def test_superuser_without_membership_gets_a_page_saying_what_to_do(superuser_client):
    response = superuser_client.get(reverse("cases_backoffice:list"))
    assert response.status_code == 200
    assert "U bent nog geen medewerker van een organisatie" in response.content.decode()
    assert reverse("lidmaatschappen:add") in response.content.decode()


def test_staff_without_membership_still_gets_404(client):
    user = CaseworkerFactory(agency=AgencyFactory())
    user.agency_memberships.all().delete()
    client.force_login(user)
    assert client.get(reverse("cases_backoffice:list")).status_code == 404


def test_totp_is_enrolled_by_the_person_not_by_the_command():
    AgencyFactory(slug="zoetermeer")
    _run("add_staff", "k.klaassen", "--agency", "zoetermeer", "--role", "caseworker")
    assert not Authenticator.objects.filter(user__username="k.klaassen").exists()
