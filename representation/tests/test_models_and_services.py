"""Validation (translated), the append-only history and the access log of both persons."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.access_log import AccessAction, AccessLogEntry, data_subject_id
from portal.append_only import AppendOnlyError
from representation import services
from representation.models import ChangeAction, RepresentationChange, RepresentationKind

from .factories import REPRESENTATIVE, REPRESENTED, RepresentationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def test_a_bsn_failing_the_elfproef_is_refused_in_english_too():
    with pytest.raises(ValidationError) as exc:
        RepresentationFactory(representative_bsn="123456789")
    with translation.override("en"):
        assert "This is not a valid citizen service number (BSN)." in _messages(exc.value)


def test_nobody_represents_themselves():
    with pytest.raises(ValidationError) as exc:
        RepresentationFactory(represented_bsn=REPRESENTATIVE)
    assert exc.value.error_dict["representative_bsn"][0].code == "oneself"
    with translation.override("en"):
        assert "cannot be their own representative" in _messages(exc.value)[0]


def test_the_end_may_not_lie_before_the_start():
    with pytest.raises(ValidationError) as exc:
        RepresentationFactory(starts_on=TODAY(), ends_on=TODAY() - timedelta(days=1))
    assert exc.value.error_dict["ends_on"][0].code == "ends_before_start"
    # Ending on the day it starts is allowed (it counts on its end day).
    RepresentationFactory(starts_on=TODAY(), ends_on=TODAY())


def test_agencies_and_case_types_are_not_mixed_in_one_scope():
    agency = AgencyFactory()
    with pytest.raises(ValidationError) as exc:
        RepresentationFactory(agencies=[agency], case_types=[CaseTypeFactory(agency=agency)])
    assert exc.value.error_list[0].code == "mixed_scope"


def test_recording_writes_history_and_both_access_logs(django_user_model):
    user = django_user_model.objects.create_user(username="medewerker", password="x")
    representation = RepresentationFactory(user=user)
    change = representation.changes.get()
    assert change.action == ChangeAction.CREATED and change.changed_by == user
    # The history names the persons only masked.
    assert change.changes["represented_bsn"] == ["", "******019"]
    assert REPRESENTED not in str(change.changes)
    for bsn in (REPRESENTATIVE, REPRESENTED):
        entry = AccessLogEntry.objects.get(data_subject_id=data_subject_id(bsn))
        assert entry.action == AccessAction.CREATED
        assert entry.organisation == representation.agency.name
        assert entry.object_kind == "representation"


def test_a_change_and_the_end_are_history_rows_with_what_changed():
    representation = RepresentationFactory()
    services.change_representation(
        representation=representation,
        kind=RepresentationKind.CURATOR,
        starts_on=representation.starts_on,
        ends_on=None,
        agencies=[],
        case_types=[],
        hidden_from_represented=True,
        user=None,
    )
    services.end_representation(representation=representation, ends_on=TODAY(), user=None)
    ended, changed, _created = representation.changes.all()
    assert changed.changes == {
        "kind": ["bewindvoerder", "curator"],
        "hidden_from_represented": ["False", "True"],
    }
    assert ended.action == ChangeAction.ENDED
    assert ended.changes == {"ends_on": ["", TODAY().isoformat()]}


def test_history_cannot_be_rewritten_or_deleted():
    change = RepresentationFactory().changes.get()
    change.changes = {"kind": ["", "mentor"]}
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        RepresentationChange.objects.all().update(changes={})
    with pytest.raises(AppendOnlyError):
        RepresentationChange.objects.all().delete()


def test_the_database_refuses_oneself_even_past_the_service():
    from django.db import IntegrityError, transaction

    representation = RepresentationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(representation).objects.filter(pk=representation.pk).update(
            represented_bsn=REPRESENTATIVE
        )
