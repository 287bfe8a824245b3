"""The case screen lists the case's documents (a request's files included) and the
request's answers; a caseworker downloads them from their own agency only, audited."""

import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessAction, AccessLogEntry, ActorKind

pytestmark = pytest.mark.django_db

BSN = "999993653"


@pytest.fixture
def case():
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    return CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=BSN)


def test_case_screen_lists_documents_and_downloads_are_logged(client, case):
    document = DocumentFactory(case=case, title="Offerte wasmachine", upload=True)
    caseworker = CaseworkerFactory(agency=case.agency)
    client.force_login(caseworker)
    body = client.get(reverse("cases_backoffice:detail", args=[case.pk])).content.decode()
    url = reverse("cases_backoffice:document", args=[case.pk, document.public_id])
    assert "Offerte wasmachine" in body
    assert f'href="{url}"' in body

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.png()
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AccessLogEntry.objects.for_subject(BSN).get(action=AccessAction.DOWNLOADED)
    assert entry.actor_kind == ActorKind.CASEWORKER
    assert entry.actor_user == caseworker


def test_another_agencys_document_is_not_found(client, case):
    document = DocumentFactory(case=case)
    other_case = CaseFactory(bsn=BSN)
    client.force_login(CaseworkerFactory(agency=other_case.agency))
    url = reverse("cases_backoffice:document", args=[case.pk, document.public_id])
    assert client.get(url).status_code == 404
    # Nor through a case of their own agency.
    url = reverse("cases_backoffice:document", args=[other_case.pk, document.public_id])
    assert client.get(url).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.DOWNLOADED).exists()
