"""The demo company and its terrace permit: the eHerkenning login's subject
(KvK 68750110, branch 000038509504) has exactly this case, and seeding twice
changes nothing."""

import io

import pytest

from cases.models import Case
from demo import agencies_and_cases, business
from identity.access_log import Purpose
from identity.acting import Subject
from identity.business_registry import get_business_registry

pytestmark = pytest.mark.django_db


def test_demo_company_has_its_permit_case_and_seeding_is_idempotent():
    out = io.StringIO()
    agencies_and_cases.seed(out)
    business.seed(out)
    business.seed(out)

    company = Subject(kvk=business.KVK, branch=business.BRANCH)
    [case] = Case.objects.for_subject(company)
    assert case.case_type.code == "terrasvergunning"
    assert case.agency.name == "Gemeente Zoetermeer"
    assert case.current_status.status_type.name == "in_behandeling"
    role = case.roles.get()
    assert (role.bsn, role.kvk, role.branch) == ("", business.KVK, business.BRANCH)

    found = get_business_registry().get_business(
        business.KVK, purpose=Purpose.CASE_HANDLING, viewer=None
    )
    assert found.name == "Bakkerij De Vries B.V."
    assert found.address_for(business.BRANCH).line2 == "2712AL Zoetermeer"
