import pytest

from portal.middleware import PRIVATE_PATH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/mijn/", "/en/mijn/zaken/x/y/", "/aanvragen/paspoort/", "/beheer/", "/api/v1/zaken"]
)
def test_personal_and_staff_paths_are_private_in_every_language(path):
    assert PRIVATE_PATH.match(path)


@pytest.mark.parametrize("path", ["/", "/en/", "/zoeken/", "/producten/mijnbouw/", "/mijnheer/"])
def test_public_paths_are_not(path):
    assert not PRIVATE_PATH.match(path)


def test_english_personal_page_is_not_stored(client):
    response = client.get("/en/mijn/")
    assert response.status_code == 302  # to the login page
    assert response["Cache-Control"] == "no-store"


def test_public_page_is_cacheable(client, home_page):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
