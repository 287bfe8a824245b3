"""Roles name a person (BSN) or a business (KvK, branch, RSIN), like ZGW's Rol;
`Case.objects.for_subject` finds the cases of an acting context's subject."""

import pytest
from django.db import IntegrityError, transaction

from cases.models import Case, Role
from cases.tests.factories import CaseFactory
from identity.acting import Subject

pytestmark = pytest.mark.django_db

KVK, BRANCH, OTHER_BRANCH = "68750110", "000038509504", "000038509512"


def _business_case(**role):
    case = CaseFactory(bsn="999990019")
    case.roles.all().delete()
    Role.objects.create(case=case, **role)
    return case


@pytest.mark.parametrize(
    "fields",
    [
        {"bsn": "999993653", "kvk": KVK},  # both kinds at once
        {},  # neither
        {"bsn": "999993653", "branch": BRANCH},  # a branch of a person
        {"rsin": "123456782", "branch": BRANCH},  # a branch without a KvK number
    ],
)
def test_a_role_names_exactly_one_kind_of_betrokkene(fields):
    case = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(case=case, role_type="belanghebbende", **fields)


def test_a_business_sees_its_own_cases_and_a_branch_mandate_only_that_branch():
    company_wide = _business_case(kvk=KVK)
    in_branch = _business_case(kvk=KVK, branch=BRANCH)
    other_branch = _business_case(kvk=KVK, branch=OTHER_BRANCH)
    _business_case(kvk="12345678")
    person = CaseFactory(bsn="999993653")

    business = Case.objects.for_subject(Subject(kvk=KVK))
    assert set(business) == {company_wide, in_branch, other_branch}
    assert set(Case.objects.for_subject(Subject(kvk=KVK, branch=BRANCH))) == {in_branch}
    assert list(Case.objects.for_subject(Subject(bsn="999993653"))) == [person]


def test_two_business_roles_of_one_kind_on_one_case_are_one_too_many():
    case = _business_case(kvk=KVK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(case=case, kvk=KVK)
    Role.objects.create(case=case, kvk=KVK, branch=BRANCH)
    assert case.roles.count() == 2


def test_a_role_for_a_child_records_the_parent_basis_without_the_parent_bsn():
    from cases.roles import role_fields
    from identity.acting import ActingContext, Basis
    from identity.loa import LevelOfAssurance

    context = ActingContext(
        actor_bsn="999993653", subject=Subject(bsn="999998456"), basis=Basis.PARENT
    )
    fields = role_fields(context, LevelOfAssurance.MIDDEN)
    role = Role.objects.create(
        case=CaseFactory(bsn="999990019"), role_type="belanghebbende", **fields
    )
    role.refresh_from_db()
    assert role.bsn == "999998456"
    assert role.authentication_context == {
        "source": "digid",
        "levelOfAssurance": LevelOfAssurance.MIDDEN.class_ref,
        "representee": {"identifierType": "bsn", "identifier": "999998456"},
        "mandate": {"role": "parent"},
    }
    assert "999993653" not in str(role.authentication_context)


def test_a_business_role_from_eherkenning_names_the_employee_by_pseudonym():
    from cases.roles import role_fields
    from identity.acting import ActingContext, Basis
    from identity.loa import LevelOfAssurance

    context = ActingContext(
        actor_bsn="",
        actor_pseudonym="eh-demo-medewerker-1",
        subject=Subject(kvk=KVK, branch=BRANCH),
        basis=Basis.EHERKENNING,
        services=frozenset({"vergunning"}),
    )
    fields = role_fields(context, LevelOfAssurance.SUBSTANTIEEL)
    assert fields["kvk"] == KVK and fields["branch"] == BRANCH and fields["bsn"] == ""
    assert fields["authentication_context"]["levelOfAssurance"].endswith("loa3")
    assert fields["authentication_context"]["actingSubject"]["identifier"] == "eh-demo-medewerker-1"
    assert fields["authentication_context"]["mandate"]["services"] == [{"id": "vergunning"}]
