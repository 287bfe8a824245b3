"""One transition rule (cases.transitions): the back office offers exactly the
status types `set_status` accepts, in every state of a case."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from cases import selectors, services
from cases.models import StatusType
from cases.tests.factories import CaseFactory, CaseTypeFactory
from identity.actors import Actor

pytestmark = pytest.mark.django_db


def _accepted(case) -> set[str]:
    """The status types set_status takes now, each tried in a rolled-back savepoint."""
    accepted = set()
    for status_type in StatusType.objects.filter(case_type=case.case_type):
        try:
            with transaction.atomic():
                services.set_status(
                    case=case, status_type=status_type, actor=Actor.system(), result_text="klaar"
                )
                transaction.set_rollback(True)
        except ValidationError:
            continue
        accepted.add(status_type.name)
        case.refresh_from_db()
    return accepted


@pytest.mark.parametrize("state", [{}, {"in_progress": True}, {"action_required": True}])
def test_offered_status_types_are_the_accepted_ones(state):
    case = CaseFactory(**state)
    offered = {status_type.name for status_type in selectors.next_status_types(case=case)}
    assert offered
    assert offered == _accepted(case)


def test_a_closed_case_is_offered_and_accepts_nothing():
    case = CaseFactory(closed=True)
    assert not selectors.next_status_types(case=case).exists()
    assert _accepted(case) == set()


def test_status_types_of_another_case_type_are_neither_offered_nor_accepted():
    case = CaseFactory()
    other = CaseTypeFactory(agency=case.agency).status_types.first()
    assert other not in selectors.next_status_types(case=case)
    with pytest.raises(ValidationError) as error:
        services.set_status(case=case, status_type=other, actor=Actor.system())
    assert error.value.error_dict["status_type"][0].code == "wrong_case_type"
