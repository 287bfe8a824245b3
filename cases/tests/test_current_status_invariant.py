"""The denormalised current status on Case (docs/decisions/0052): set_status keeps
it, the data migration fills it, the consistency check finds a case that was
written around set_status, and the back office filters on it."""

import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from cases import services
from cases.models import Case, StatusUpdate
from cases.status_consistency import inconsistent_cases
from cases.tests.factories import CaseFactory
from identity.actors import Actor

pytestmark = pytest.mark.django_db

fill_migration = importlib.import_module(
    "cases.migrations.0015_fill_case_current_status_type_and_moment"
)


def test_set_status_copies_the_type_and_moment_of_the_new_status():
    case = CaseFactory()
    in_progress = case.case_type.status_types.get(name="in_behandeling")
    update = services.set_status(case=case, status_type=in_progress, actor=Actor.system())
    case.refresh_from_db()
    assert case.current_status == update
    assert case.current_status_type == in_progress
    assert case.current_status_set_at == update.set_at
    assert not inconsistent_cases().exists()


def test_every_factory_state_keeps_the_invariant():
    CaseFactory()
    CaseFactory(in_progress=True)
    CaseFactory(action_required=True)
    CaseFactory(closed=True)
    CaseFactory(overdue=True)
    assert not inconsistent_cases().exists()


def test_a_status_written_around_set_status_is_reported():
    agrees = CaseFactory(in_progress=True)
    bypassed = CaseFactory(in_progress=True)
    StatusUpdate.objects.create(
        case=bypassed,
        status_type=bypassed.case_type.status_types.get(name="aanvulling_nodig"),
        set_at=timezone.now(),
        set_by_kind="system",
    )
    assert list(inconsistent_cases()) == [bypassed]
    output = StringIO()
    with pytest.raises(CommandError, match="1 case"):
        call_command("check_case_status", "--batch", "1", stdout=output)
    assert f"case {bypassed.pk} ({bypassed.reference})" in output.getvalue()
    assert f"case {agrees.pk} " not in output.getvalue()
    assert output.getvalue().count("disagrees") == 1


def test_a_type_or_moment_that_disagrees_is_reported():
    wrong_type = CaseFactory(in_progress=True)
    wrong_moment = CaseFactory(in_progress=True)
    stray = CaseFactory()
    received = stray.case_type.status_types.get(name="ontvangen")
    Case.objects.filter(pk=wrong_type.pk).update(current_status_type=received)
    Case.objects.filter(pk=wrong_moment.pk).update(current_status_set_at=timezone.now())
    Case.objects.filter(pk=stray.pk).update(current_status_set_at=None)
    assert set(inconsistent_cases()) == {wrong_type, wrong_moment, stray}


def test_the_command_says_when_all_agree():
    CaseFactory(in_progress=True)
    output = StringIO()
    call_command("check_case_status", stdout=output)
    assert "All cases agree" in output.getvalue()


def test_the_data_migration_fills_existing_cases_in_batches(monkeypatch):
    cases = [CaseFactory(), CaseFactory(in_progress=True), CaseFactory(closed=True)]
    Case.objects.update(current_status_type=None, current_status_set_at=None)
    assert set(inconsistent_cases()) == set(cases)
    monkeypatch.setattr(fill_migration, "BATCH", 2)
    fill_migration.fill(apps, SimpleNamespace(connection=connection))
    assert not inconsistent_cases().exists()
    for case in cases:
        case.refresh_from_db()
        assert case.current_status_type_id == case.current_status.status_type_id
        assert case.current_status_set_at == case.current_status.set_at
