"""The home page's "Mijn overzicht" block promises only what exists (issue 15.9):
cases, documents and personal data - no messages yet."""

import importlib

import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db

OLD = "Bekijk uw zaken, berichten en gegevens bij de overheid op één plek."
NEW = "Bekijk uw zaken, uw documenten en uw gegevens bij de overheid op één plek."

migration = importlib.import_module("pages.migrations.0006_login_block_text_without_messages")


def test_login_block_names_what_exists(client, home_page):
    html = client.get("/").content.decode()
    assert NEW in html
    assert "berichten" not in html


def test_migration_rewrites_the_old_default_and_its_revisions(home_page):
    home_page.login_text = OLD
    home_page.save_revision().publish()
    migration.drop_the_messages_promise(apps, None)
    home_page.refresh_from_db()
    assert home_page.login_text == NEW
    assert home_page.get_latest_revision().content["login_text"] == NEW


def test_migration_keeps_an_editors_own_text(home_page):
    home_page.login_text = "Uw eigen tekst."
    home_page.save_revision().publish()
    migration.drop_the_messages_promise(apps, None)
    home_page.refresh_from_db()
    assert home_page.login_text == "Uw eigen tekst."
