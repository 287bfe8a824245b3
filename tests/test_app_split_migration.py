"""The app split (docs/decisions/0026) keeps every row: build the database as it
was before the move, write rows through the models of that time, migrate forward
and read them through today's models."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("cases", "0008_merge_document_events_and_english_texts"),
    ("identity", "0006_localperson_gender"),
    ("pages", "0008_merge_english_locale"),
    ("agency_api", None),
    ("backoffice", None),
    ("notifications", None),
    ("corrections", None),
    ("product_requests", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) means "no migration of this app applied": not a node of the graph.
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_rows_and_permissions_survive_the_move():
    old = _migrate(BEFORE)
    User = old.get_model("identity", "User")
    Agency = old.get_model("cases", "Agency")
    user = User.objects.create(username="medewerker")
    agency = Agency.objects.create(slug="gemeente-test", name="Gemeente Test")
    old.get_model("cases", "AgencyMembership").objects.create(user=user, agency=agency)
    old.get_model("cases", "ApiClient").objects.create(
        agency=agency, name="Zaaksysteem", key_id="k1", token_hash="h"
    )
    old.get_model("cases", "NotificationTemplate").objects.create(
        kind="status_set", language="nl", subject="Onderwerp", body="Tekst"
    )
    # A permission on a moved model, as a group of editors holds it.
    old_ct = ContentType.objects.get_or_create(app_label="cases", model="notificationtemplate")[0]

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert new.get_model("backoffice", "AgencyMembership").objects.get().user.username == (
        "medewerker"
    )
    assert new.get_model("agency_api", "ApiClient").objects.get().name == "Zaaksysteem"
    assert new.get_model("notifications", "NotificationTemplate").objects.get().subject == (
        "Onderwerp"
    )
    ContentType.objects.clear_cache()
    moved_ct = ContentType.objects.get(pk=old_ct.pk)
    assert (moved_ct.app_label, moved_ct.model) == ("notifications", "notificationtemplate")
    tables = connection.introspection.table_names()
    assert "agency_api_apiclient" in tables
    assert "cases_apiclient" not in tables
