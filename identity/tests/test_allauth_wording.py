"""Issue 15.11: the staff login and MFA pages address people as "u", like the rest
of the site (allauth's own Dutch says "je"; identity/locale_allauth overrides it)."""

import re

import pytest

from identity.tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(je|jouw|jij|jezelf)\b", re.IGNORECASE)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_totp_activation_asks_the_password_with_u(client):
    client.force_login(StaffUserFactory())
    # allauth asks for the password again before an authenticator is added.
    response = client.get("/accounts/2fa/totp/activate/", follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert "Vul uw wachtwoord in" in text
    assert not INFORMAL.findall(text)


def test_logout_page_says_u(client):
    client.force_login(StaffUserFactory())
    text = _visible_text(
        client.get("/accounts/logout/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    )
    assert "Weet u zeker dat u wilt uitloggen?" in text
    assert not INFORMAL.findall(text)
