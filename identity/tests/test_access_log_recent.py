"""The citizen's own repeated access is found in the cache, without a query,
and the cache never decides what is written (identity.access_log_recent)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from identity.access_log import (
    OWN_ACCESS_WINDOW,
    AccessLogEntry,
    Purpose,
    log_person_access,
)
from identity.actors import Actor
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(db):
    citizen = CitizenFactory()
    return {
        "bsn": citizen.bsn,
        "actor": Actor.citizen(citizen),
        "action": "viewed",
        "object_kind": "case",
        "object_label": "Parkeervergunning (UTR-2026-000001)",
        "purpose": Purpose.OWN_VIEW,
        "detail": {"case_id": 7},
    }


def test_a_repeat_after_commit_is_the_same_entry_without_a_query(
    own, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        first = log_person_access(**own)
    with django_assert_num_queries(0):
        again = log_person_access(**own)
    stored = AccessLogEntry.objects.get(pk=first.pk)
    assert again.pk == stored.pk
    # The whole row, not only its key: what a caller reads is what is stored.
    for name in ("data_subject_id", "object_label", "purpose", "trace_id", "span_id", "detail"):
        assert getattr(again, name) == getattr(stored, name)
    assert again.occurred_at == stored.occurred_at
    assert AccessLogEntry.objects.count() == 1


def test_an_entry_that_was_rolled_back_is_not_remembered(own, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        log_person_access(**own)
        raise RuntimeError("the change failed")
    assert AccessLogEntry.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        entry = log_person_access(**own)
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_after_the_window_the_access_is_written_again(own, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = log_person_access(**own)
    later = timezone.now() + OWN_ACCESS_WINDOW + timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        second = log_person_access(**own)
    assert second.pk != first.pk
    assert AccessLogEntry.objects.count() == 2


def test_another_label_or_someone_else_is_another_access(own, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = log_person_access(**own)
    other_case = log_person_access(**{**own, "object_label": "Bijstand (UTR-2026-000002)"})
    other = CitizenFactory()
    someone_else = log_person_access(**{**own, "bsn": other.bsn, "actor": Actor.citizen(other)})
    assert len({first.pk, other_case.pk, someone_else.pk}) == 3


def test_a_miss_falls_back_to_the_database(own, django_capture_on_commit_callbacks):
    """Another process's local-memory cache knows nothing: the SELECT finds the
    entry, and remembers it for the next time."""
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=True):
        first = log_person_access(**own)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert log_person_access(**own).pk == first.pk
    assert AccessLogEntry.objects.count() == 1


def test_no_bsn_in_the_cache(own, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=True):
        log_person_access(**own)
    stored = repr(cache._cache)  # LocMemCache's store: keys and pickled values
    assert own["bsn"] not in stored
