import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from documents.models import DecisionRequest, Document, DocumentKind
from documents.tests.factories import DecisionTemplateFactory
from identity.access_log import AccessAction, AccessLogEntry
from identity.tests.factories import LocalPersonFactory

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def setup(client):
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN)
    template = DecisionTemplateFactory(case_type=case.case_type)
    caseworker = CaseworkerFactory(agency=agency)
    client.force_login(caseworker)
    LocalPersonFactory(bsn=BSN)
    return {"case": case, "template": template, "caseworker": caseworker}


def _post(client, case, template, action):
    return client.post(
        reverse("cases_backoffice:create_decision", args=[case.pk]),
        {
            "template": template.pk,
            "outcome": "toegekend",
            "decision_text": "U krijgt het.",
            "action": action,
        },
    )


def test_preview_returns_the_pdf_and_saves_nothing(client, setup):
    response = _post(client, setup["case"], setup["template"], "preview")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert not DecisionRequest.objects.exists()


def test_create_renders_one_decision_document_on_the_case(
    client, setup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, setup["case"], setup["template"], "create")
    assert response.status_code == 302
    document = Document.objects.get(case=setup["case"], kind=DocumentKind.DECISION)
    assert DecisionRequest.objects.get().document == document
    # The citizen's name and address came from the registry, and that lookup is logged.
    assert (
        AccessLogEntry.objects.for_subject(BSN)
        .filter(action=AccessAction.LOOKED_UP, actor_user=setup["caseworker"])
        .exists()
    )


def test_template_of_another_case_type_is_refused(client, setup):
    other = DecisionTemplateFactory()
    response = _post(client, setup["case"], other, "create")
    assert response.status_code == 200
    assert "template" in response.context["form"].errors
    assert not DecisionRequest.objects.exists()


def test_another_agencys_case_is_not_found(client, setup):
    foreign = CaseFactory()
    DecisionTemplateFactory(case_type=foreign.case_type)
    url = reverse("cases_backoffice:create_decision", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert _post(client, foreign, setup["template"], "create").status_code == 404
