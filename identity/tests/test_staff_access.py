"""Staff need TOTP before /beheer/; citizens never reach it; no Wagtail login bypass."""

import pytest
from allauth.mfa.models import Authenticator

from identity.tests.factories import CitizenFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def _give_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


def test_staff_without_totp_is_sent_to_totp_setup(client):
    staff = StaffUserFactory(is_superuser=True)
    client.force_login(staff)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_with_totp_reaches_the_admin(client):
    staff = StaffUserFactory(is_superuser=True)
    _give_totp(staff)
    client.force_login(staff)
    assert client.get("/beheer/").status_code == 200


def test_citizen_never_reaches_the_admin(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get("/beheer/").status_code == 404
    assert client.get("/beheer/pages/").status_code == 404


def test_wagtail_login_form_is_replaced_by_allauth(client):
    response = client.get("/beheer/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_admin_visit_goes_to_allauth_login(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_allauth_pages_use_our_layout(client):
    content = client.get("/accounts/login/").content.decode()
    assert 'class="ol-header"' in content
    assert "utrecht-document" in content
    assert client.get("/accounts/signup/").status_code in (200, 302, 403, 404)
    assert "Naar de inhoud" in content


def test_totp_setup_page_renders_in_our_layout(client):
    client.force_login(StaffUserFactory())
    # allauth asks for the password again before an authenticator is added.
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert 'class="ol-header"' in response.content.decode()


def _totp_code() -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django.utils import timezone

    from backoffice.tests.factories_backoffice import TEST_TOTP_SECRET

    counter = int(timezone.now().timestamp()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter))


def test_staff_land_in_the_back_office_after_password_and_totp(client):
    """Issue 15 item 10: not on /mijn/ (the citizens' DigiD login page)."""
    from backoffice.tests.factories_backoffice import add_totp

    staff = StaffUserFactory()
    add_totp(staff)
    response = client.post(
        "/accounts/login/",
        {"login": staff.username, "password": "correct horse battery staple"},
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": _totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


def test_staff_without_totp_are_sent_towards_the_back_office(client):
    staff = StaffUserFactory()
    response = client.post(
        "/accounts/login/",
        {"login": staff.username, "password": "correct horse battery staple"},
    )
    assert response["Location"] == "/beheer/"


def test_an_explicit_next_still_wins_after_staff_login(client):
    staff = StaffUserFactory()
    response = client.post(
        "/accounts/login/?next=/beheer/zaken/",
        {"login": staff.username, "password": "correct horse battery staple"},
    )
    assert response["Location"] == "/beheer/zaken/"
