"""allauth's own social-account pages are not reachable: citizens never link,
unlink or sign up social accounts; a broker login is handled whole by
identity/oidc (issue 19)."""

import pytest
from django.urls import reverse

from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/accounts/3rdparty/",
    "/accounts/3rdparty/signup/",
    "/accounts/3rdparty/login/error/",
    "/accounts/3rdparty/login/cancelled/",
    "/accounts/social/connections/",
    "/accounts/social/signup/",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_social_account_pages_are_not_found(client, path):
    assert client.get(path).status_code == 404
    client.force_login(CitizenFactory())
    assert client.get(path).status_code == 404
    assert client.post(path, {"account": "1"}).status_code == 404


def test_their_names_still_reverse_so_allauth_never_fails_on_them():
    assert client_path("socialaccount_connections") == "/accounts/3rdparty/"


def client_path(name: str) -> str:
    return reverse(name)


def test_the_staff_login_is_still_there(client):
    assert client.get("/accounts/login/").status_code == 200
