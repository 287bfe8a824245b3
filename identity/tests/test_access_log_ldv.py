"""The access log in the shape of Logboek Dataverwerkingen (docs/decisions/0028):
purposes are codes shown in the reader's language, the citizen is a keyed hash,
one entry per citizen with a role, and existing rows were migrated."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from cases.services import add_role
from cases.tests.factories import CaseFactory
from identity.access_log import (
    PROCESSING_ACTIVITY_NAMES,
    AccessAction,
    AccessLogEntry,
    Purpose,
    data_subject_id,
    log_case_access,
    log_person_access,
)
from identity.actors import Actor
from identity.tests.factories import AccessLogEntryFactory, LocalPersonFactory

BSN = "999993653"
OTHER_BSN = "999990019"


# -- Purposes: one enumeration, translated (the bug: two purposes were plain
# Dutch strings, so the English page showed its most frequent rows in Dutch) --


@pytest.mark.parametrize("purpose", list(Purpose))
def test_every_purpose_reads_differently_in_english(purpose):
    with translation.override("nl"):
        dutch = str(purpose.label)
    with translation.override("en"):
        english = str(purpose.label)
    assert dutch != english, f"{purpose.value!r} has no English translation"


def test_every_purpose_has_its_name_in_the_register():
    assert set(PROCESSING_ACTIVITY_NAMES) == set(Purpose)


@pytest.mark.django_db
def test_the_english_access_log_page_shows_no_dutch_purpose(citizen_client, citizen):
    for purpose in Purpose:
        if purpose != Purpose.LOG_IN:  # logins are listed apart, without a purpose
            AccessLogEntryFactory(bsn=citizen.bsn, purpose=purpose)
    html = citizen_client.get("/en/mijn/inzage/", {"wie": "iedereen"}).content.decode()
    for purpose in Purpose:
        if purpose == Purpose.LOG_IN:
            continue
        with translation.override("nl"):
            assert str(purpose.label) not in html
        with translation.override("en"):
            assert str(purpose.label) in html


# -- The data subject: a keyed hash, never the BSN ---------------------------


def test_the_subject_id_is_a_keyed_hash(settings):
    settings.ACCESS_LOG_SUBJECT_KEY = "one key"
    first = data_subject_id(BSN)
    assert len(first) == 64 and BSN not in first
    assert data_subject_id(BSN) == first
    assert data_subject_id(OTHER_BSN) != first
    settings.ACCESS_LOG_SUBJECT_KEY = "another key"
    assert data_subject_id(BSN) != first


def _row_texts() -> list[str]:
    return [
        str(value)
        for row in AccessLogEntry.objects.values()
        for value in row.values()
        if value is not None
    ]


@pytest.mark.django_db
def test_no_log_row_stores_a_plain_bsn(citizen_client, citizen):
    """Every way of writing: a case with two roles, a caseworker, a registry
    lookup and a contact-details change by the citizen, a case page view."""
    case = CaseFactory(bsn=citizen.bsn, title="Dakkapel")
    add_role(case=case, bsn=OTHER_BSN, actor=Actor.system())
    log_case_access(case=case, actor=Actor.system(), action=AccessAction.VIEWED)
    log_person_access(
        bsn=OTHER_BSN,
        actor=Actor(kind="caseworker", organisation="UWV"),
        action=AccessAction.LOOKED_UP,
        purpose=Purpose.CASE_HANDLING,
        object_kind="case",
    )
    LocalPersonFactory(bsn=citizen.bsn)
    assert citizen_client.get("/mijn/gegevens/").status_code == 200
    assert citizen_client.get(case.get_absolute_url()).status_code == 200
    assert AccessLogEntry.objects.count() >= 5
    texts = _row_texts()
    for bsn in (citizen.bsn, OTHER_BSN):
        assert not [text for text in texts if bsn in text]
    # ... and the citizen still finds their own rows on the page.
    page = citizen_client.get("/mijn/inzage/", {"wie": "iedereen"})
    assert page.context["page"].paginator.count >= 3
    assert "Dakkapel" in page.content.decode()


@pytest.mark.django_db
def test_a_case_entry_is_written_once_per_citizen_with_a_role():
    case = CaseFactory(bsn=BSN)
    add_role(case=case, bsn=OTHER_BSN, actor=Actor.system())
    entries = log_case_access(case=case, actor=Actor.system(), action=AccessAction.VIEWED)
    assert {entry.data_subject_id for entry in entries} == {
        data_subject_id(BSN),
        data_subject_id(OTHER_BSN),
    }
    assert all(entry.purpose == Purpose.CASE_HANDLING for entry in entries)
    record = entries[0].as_ldv_record()
    assert len(record["trace_id"]) == 32 and len(record["span_id"]) == 16
    assert record["status_code"] == "STATUS_CODE_OK"
    assert record["start_time"] <= record["end_time"]
    assert record["attributes"]["dpl.core.data_subject_id_type"] == "BSN"
    assert record["attributes"]["dpl.core.processing_activity_id"].endswith(":case_handling")


# -- Migration 0007 keeps the rows that were there ---------------------------

BEFORE = [("identity", "0006_localperson_gender")]
AFTER = [("identity", "0007_access_log_ldv")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_the_bsn_maps_purposes_and_reverses():
    try:
        old_apps = _migrate(BEFORE)
        OldEntry = old_apps.get_model("identity", "AccessLogEntry")
        old_apps.get_model("identity", "User").objects.create(username="burger", bsn=BSN)
        common = {"actor_kind": "caseworker", "action": "viewed", "object_kind": "case"}
        OldEntry.objects.create(bsn=BSN, purpose="Behandeling van de zaak", **common)
        OldEntry.objects.create(bsn=BSN, purpose="Inzage door uzelf", **common)
        OldEntry.objects.create(bsn=OTHER_BSN, purpose="Iets van vroeger", **common)
        OldEntry.objects.create(
            bsn=BSN, purpose="", actor_kind="citizen", action="logged_in", object_kind="login"
        )

        new_apps = _migrate(AFTER)
        Entry = new_apps.get_model("identity", "AccessLogEntry")
        rows = list(Entry.objects.order_by("pk").values())
        assert [row["purpose"] for row in rows] == [
            "case_handling",
            "own_view",
            "Iets van vroeger",  # unknown text: kept as stored, shown as stored
            "log_in",
        ]
        assert [row["data_subject_id"] for row in rows] == [
            data_subject_id(BSN),
            data_subject_id(BSN),
            data_subject_id(OTHER_BSN),
            data_subject_id(BSN),
        ]
        assert all(len(row["trace_id"]) == 32 and len(row["span_id"]) == 16 for row in rows)
        assert len({row["span_id"] for row in rows}) == 4
        assert all(row["ended_at"] == row["occurred_at"] for row in rows)
        assert "bsn" not in rows[0]

        old_apps = _migrate(BEFORE)
        OldEntry = old_apps.get_model("identity", "AccessLogEntry")
        assert list(OldEntry.objects.order_by("pk").values_list("bsn", "purpose")) == [
            (BSN, "Behandeling van de zaak"),
            (BSN, "Inzage door uzelf"),
            ("", "Iets van vroeger"),  # a BSN no citizen or registry person has
            (BSN, ""),
        ]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
