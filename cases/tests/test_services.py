from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases import services, signals
from cases.models import AppendOnlyError, Case, CaseEvent, CaseSource, StatusUpdate
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory, StatusTypeFactory
from identity.access_log import AccessLogEntry, data_subject_id
from identity.actors import Actor
from identity.tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BSN = "999993653"
OTHER_BSN = "999990019"


def _status(case_type, name):
    return case_type.status_types.get(name=name)


def _caseworker(agency):
    return Actor.caseworker(StaffUserFactory(), agency=agency)


def test_open_case_numbers_per_agency_and_year_and_computes_planned_end():
    agency = AgencyFactory(reference_prefix="ZTM")
    case_type = CaseTypeFactory(agency=agency, processing_days=56)
    received = timezone.localdate().replace(month=3, day=1)
    first = services.open_case(
        case_type=case_type,
        bsn=BSN,
        actor=_caseworker(agency),
        source=CaseSource.BACK_OFFICE,
        received_on=received,
    )
    second = services.open_case(
        case_type=case_type,
        bsn=BSN,
        actor=_caseworker(agency),
        source=CaseSource.BACK_OFFICE,
        received_on=received,
    )
    other_agency = services.open_case(
        case_type=CaseTypeFactory(),
        bsn=BSN,
        actor=Actor.system(),
        source=CaseSource.API,
        received_on=received,
    )
    assert first.reference == f"ZTM-{received.year}-000001"
    assert second.reference == f"ZTM-{received.year}-000002"
    assert other_agency.reference.endswith(f"-{received.year}-000001")
    assert first.planned_end_on == received + timedelta(days=56)
    assert first.title == case_type.name
    assert first.confidentiality == "zaakvertrouwelijk"
    # The first status is set on opening.
    assert first.current_status.status_type.name == "ontvangen"


def test_open_case_planned_end_can_be_overridden():
    case_type = CaseTypeFactory()
    planned = timezone.localdate() + timedelta(days=10)
    case = services.open_case(
        case_type=case_type,
        bsn=BSN,
        actor=Actor.system(),
        source=CaseSource.API,
        planned_end_on=planned,
    )
    assert case.planned_end_on == planned


def test_open_case_rejects_invalid_bsn_and_writes_nothing():
    case_type = CaseTypeFactory()
    with pytest.raises(ValidationError):
        services.open_case(
            case_type=case_type, bsn="123456789", actor=Actor.system(), source=CaseSource.API
        )
    assert not Case.objects.exists()


def test_open_case_rejects_duplicate_external_id_for_the_same_agency():
    case_type = CaseTypeFactory()
    services.open_case(
        case_type=case_type,
        bsn=BSN,
        actor=Actor.system(),
        source=CaseSource.API,
        external_id="Z-1",
    )
    with pytest.raises(ValidationError) as error:
        services.open_case(
            case_type=case_type,
            bsn=BSN,
            actor=Actor.system(),
            source=CaseSource.API,
            external_id="Z-1",
        )
    assert "__all__" in error.value.message_dict
    # Another agency may use the same external id.
    services.open_case(
        case_type=CaseTypeFactory(),
        bsn=BSN,
        actor=Actor.system(),
        source=CaseSource.API,
        external_id="Z-1",
    )
    assert Case.objects.filter(external_id="Z-1").count() == 2


def test_open_case_rejects_inactive_case_type():
    case_type = CaseTypeFactory(valid_until=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.open_case(
            case_type=case_type, bsn=BSN, actor=Actor.system(), source=CaseSource.API
        )
    assert error.value.message_dict["case_type"]


def test_open_case_writes_audit_event_and_access_log_for_the_citizen():
    agency = AgencyFactory()
    actor = _caseworker(agency)
    case = services.open_case(
        case_type=CaseTypeFactory(agency=agency),
        bsn=BSN,
        actor=actor,
        source=CaseSource.BACK_OFFICE,
    )
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["opened", "status_set"]
    opened = case.events.first()
    assert opened.actor_kind == "caseworker"
    assert opened.actor_user == actor.user
    assert BSN not in str(opened.detail)
    entries = AccessLogEntry.objects.for_subject(BSN)
    assert [e.action for e in entries.order_by("id")] == ["created", "changed"]
    assert {e.organisation for e in entries} == {agency.name}
    assert all(BSN not in e.object_label for e in entries)


def test_set_status_moves_forward_and_denormalises_current_status():
    case = CaseFactory()
    in_progress = _status(case.case_type, "in_behandeling")
    update = services.set_status(
        case=case, status_type=in_progress, actor=Actor.system(), explanation=" We kijken. "
    )
    case.refresh_from_db()
    assert case.current_status == update
    assert case.last_changed_at == update.set_at
    assert update.explanation == "We kijken."
    assert update.set_by_kind == "system"


def test_set_status_refuses_going_back_in_order():
    case = CaseFactory(in_progress=True)
    with pytest.raises(ValidationError) as error:
        services.set_status(
            case=case, status_type=_status(case.case_type, "ontvangen"), actor=Actor.system()
        )
    assert error.value.error_dict["status_type"][0].code == "order"


def test_set_status_allows_repeating_the_current_status():
    case = CaseFactory(action_required=True)
    services.set_status(
        case=case,
        status_type=_status(case.case_type, "aanvulling_nodig"),
        actor=Actor.system(),
        explanation="Er ontbreekt nog een bijlage.",
    )
    assert case.status_updates.count() == 4


def test_set_status_refuses_status_type_of_another_case_type():
    case = CaseFactory()
    foreign = _status(CaseTypeFactory(agency=case.agency), "in_behandeling")
    with pytest.raises(ValidationError) as error:
        services.set_status(case=case, status_type=foreign, actor=Actor.system())
    assert error.value.error_dict["status_type"][0].code == "wrong_case_type"
    assert case.status_updates.count() == 1


def test_final_status_needs_result_and_closes_the_case():
    case = CaseFactory(in_progress=True)
    final = _status(case.case_type, "afgehandeld")
    with pytest.raises(ValidationError):
        services.set_status(case=case, status_type=final, actor=Actor.system())
    services.set_status(
        case=case,
        status_type=final,
        actor=Actor.system(),
        result_text="Toegekend",
        result_code="toegekend",
    )
    case.refresh_from_db()
    assert case.is_closed
    assert case.closed_on == timezone.localdate()
    assert (case.result_text, case.result_code) == ("Toegekend", "toegekend")
    assert list(case.events.values_list("kind", flat=True))[-2:] == ["status_set", "closed"]


def test_no_status_after_the_final_one():
    case = CaseFactory(closed=True)
    with pytest.raises(ValidationError) as error:
        services.set_status(
            case=case,
            status_type=_status(case.case_type, "afgehandeld"),
            actor=Actor.system(),
            result_text="Nogmaals",
        )
    assert error.value.code == "case_closed"


def test_set_status_refuses_a_moment_before_the_current_status_or_in_the_future():
    case = CaseFactory()
    in_progress = _status(case.case_type, "in_behandeling")
    with pytest.raises(ValidationError):
        services.set_status(
            case=case,
            status_type=in_progress,
            actor=Actor.system(),
            set_at=case.current_status.set_at - timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.set_status(
            case=case,
            status_type=in_progress,
            actor=Actor.system(),
            set_at=timezone.now() + timedelta(days=1),
        )


def test_set_status_logs_access_for_every_citizen_with_a_role_and_audits_the_actor():
    case = CaseFactory(bsn=BSN)
    services.add_role(case=case, bsn=OTHER_BSN, actor=Actor.system())
    before = AccessLogEntry.objects.count()
    actor = Actor.api_client(reference="client-7", agency=case.agency)
    services.set_status(
        case=case, status_type=_status(case.case_type, "in_behandeling"), actor=actor
    )
    new = AccessLogEntry.objects.order_by("id")[before:]
    assert sorted(e.data_subject_id for e in new) == sorted(
        data_subject_id(bsn) for bsn in [BSN, OTHER_BSN]
    )
    assert {(e.actor_kind, e.actor_reference, e.action) for e in new} == {
        ("api_client", "client-7", "changed")
    }
    event = case.events.last()
    assert (event.kind, event.actor_kind, event.actor_reference) == (
        "status_set",
        "api_client",
        "client-7",
    )


def test_status_set_signal_fires_inside_the_transaction_with_the_notify_flag():
    case = CaseFactory()
    received = []

    def receiver(sender, status_update, case, actor, notify, **kwargs):
        received.append((status_update.pk, notify, transaction.get_connection().in_atomic_block))

    signals.status_set.connect(receiver)
    try:
        update = services.set_status(
            case=case,
            status_type=_status(case.case_type, "in_behandeling"),
            actor=Actor.system(),
        )
    finally:
        signals.status_set.disconnect(receiver)
    assert received == [(update.pk, True, True)]


def test_a_failing_signal_receiver_rolls_the_whole_change_back():
    case = CaseFactory()
    count = StatusUpdate.objects.count()

    def broken(**kwargs):
        raise RuntimeError("outbox down")

    signals.status_set.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            services.set_status(
                case=case,
                status_type=_status(case.case_type, "in_behandeling"),
                actor=Actor.system(),
            )
    finally:
        signals.status_set.disconnect(broken)
    case.refresh_from_db()
    assert StatusUpdate.objects.count() == count
    assert case.current_status.status_type.name == "ontvangen"


def test_close_case_uses_the_only_final_status():
    case = CaseFactory()
    update = services.close_case(case=case, actor=Actor.system(), result_text="Afgewezen")
    assert update.status_type.is_final
    assert case.is_closed


def test_close_case_asks_which_final_status_when_there_are_several():
    case = CaseFactory()
    StatusTypeFactory(case_type=case.case_type, order=5, is_final=True)
    with pytest.raises(ValidationError):
        services.close_case(case=case, actor=Actor.system(), result_text="Klaar")


def test_add_role_shares_the_case_and_refuses_duplicates():
    case = CaseFactory(bsn=BSN)
    services.add_role(case=case, bsn=OTHER_BSN, actor=Actor.system())
    with pytest.raises(ValidationError):
        services.add_role(case=case, bsn=OTHER_BSN, actor=Actor.system())
    with pytest.raises(ValidationError):
        services.add_role(case=case, bsn="111111111", actor=Actor.system())
    assert case.roles.count() == 2
    assert AccessLogEntry.objects.for_subject(OTHER_BSN).filter(action="created").count() == 1


def test_update_case_changes_planned_end_and_audits_fields():
    case = CaseFactory()
    planned = case.planned_end_on + timedelta(days=14)
    services.update_case(case=case, actor=Actor.system(), planned_end_on=planned, title="Nieuw")
    case.refresh_from_db()
    assert (case.planned_end_on, case.title) == (planned, "Nieuw")
    assert case.events.last().detail == {"fields": ["planned_end_on", "title"]}


def test_update_case_refuses_closed_case():
    case = CaseFactory(closed=True)
    with pytest.raises(ValidationError):
        services.update_case(case=case, actor=Actor.system(), title="Nieuw")


def test_case_events_are_append_only():
    case = CaseFactory()
    event = case.events.first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.update(kind="x")


def test_factory_states():
    assert CaseFactory(action_required=True).action_required
    assert CaseFactory(overdue=True).is_overdue
    closed = CaseFactory(closed=True)
    assert closed.is_closed and not closed.is_overdue and not closed.action_required
