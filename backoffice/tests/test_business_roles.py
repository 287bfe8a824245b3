"""A business's role on the caseworker's screens: the case screen names the
company from the business registry with its KvK number (a logged view in the
business's own access log), the search finds a business's cases by KvK number,
and the message and task forms offer only people."""

import pytest
from django.urls import reverse

from backoffice.case_tasks import TaskForm
from backoffice.messages_to_citizens import MessageToCitizenForm
from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases import services
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.access_log import AccessAction, AccessLogEntry
from identity.actors import Actor
from identity.tests.business_factories import KVK, MAIN_BRANCH, make_demo_business

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def case_type(client):
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    client.force_login(CaseworkerFactory(agency=agency))
    return CaseTypeFactory(agency=agency)


def test_case_screen_names_the_company_with_its_kvk_number(client, case_type):
    make_demo_business()
    case = CaseFactory(case_type=case_type, bsn="", kvk=KVK, branch=MAIN_BRANCH)

    response = client.get(reverse("cases_backoffice:detail", args=[case.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bakkerij De Vries B.V." in html
    assert KVK in html and MAIN_BRANCH in html
    viewed = AccessLogEntry.objects.for_subject(KVK).get(action=AccessAction.VIEWED)
    assert viewed.organisation == "Gemeente Zoetermeer"
    assert viewed.data_subject_id_type == "KVK"


def test_case_screen_with_an_unknown_business_says_so(client, case_type):
    case = CaseFactory(case_type=case_type, bsn="", kvk="12345678")
    html = client.get(reverse("cases_backoffice:detail", args=[case.pk])).content.decode()
    assert "bedrijfsnaam onbekend" in html


def test_search_by_kvk_number_finds_the_business_cases_and_is_logged(client, case_type):
    business = CaseFactory(case_type=case_type, bsn="", kvk=KVK, branch=MAIN_BRANCH)
    CaseFactory(case_type=case_type, bsn=BSN)

    response = client.post(reverse("cases_backoffice:search"), {"q": KVK})
    assert KVK not in response["Location"]
    page = client.get(response["Location"])

    assert [c.pk for c in page.context["page"].object_list] == [business.pk]
    entry = AccessLogEntry.objects.for_subject(KVK).get(action=AccessAction.LOOKED_UP)
    assert entry.detail == {"found": 1}


def test_message_and_task_forms_offer_only_people(case_type):
    case = CaseFactory(case_type=case_type, bsn=BSN)
    services.add_role(case=case, kvk=KVK, actor=Actor.system("test"))

    assert [v for v, _ in MessageToCitizenForm(case=case).fields["recipient"].choices] == [BSN]
    assert len(TaskForm(case=case).fields["citizen"].choices) == 1
