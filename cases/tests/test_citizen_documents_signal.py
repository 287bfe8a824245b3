"""Issue 15.5: a document the citizen sends answers the "action required" status,
signals the caseworkers, and every stored document is an audit event."""

import hashlib
import io

import pytest
from django.db import transaction
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.models import Case, CaseEvent, CaseEventKind
from cases.services import set_status
from cases.tests.factories import CaseFactory
from documents import services as document_services
from documents.models import DocumentKind
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from documents.validation import PNG
from identity.actors import Actor
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _citizen_upload(case, citizen, title="Loonstrook"):
    content = samples.png()
    return document_services.store_document(
        case=case,
        file=io.BytesIO(content),
        file_type=PNG,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        title=title,
        kind=DocumentKind.UPLOAD,
        actor=Actor.citizen(citizen),
    )


@pytest.fixture
def waiting_case():
    return CaseFactory(action_required=True)


def test_citizen_upload_answers_the_action_and_signals_caseworkers(waiting_case):
    assert Case.objects.action_required().filter(pk=waiting_case.pk).exists()
    document = _citizen_upload(waiting_case, CitizenFactory())

    case = Case.objects.get(pk=waiting_case.pk)
    assert not case.action_required
    assert case.action_answered
    assert case.citizen_documents_unseen_since is not None
    assert not Case.objects.action_required().filter(pk=case.pk).exists()
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.DOCUMENT_ADDED)
    assert event.actor_kind == "citizen"
    assert event.detail == {
        "document": str(document.public_id),
        "kind": "upload",
        "title": "Loonstrook",
    }


def test_a_new_status_asks_again(waiting_case):
    _citizen_upload(waiting_case, CitizenFactory())
    case = Case.objects.get(pk=waiting_case.pk)
    caseworker = CaseworkerFactory(agency=case.agency)
    set_status(
        case=case,
        status_type=case.current_status.status_type,
        actor=Actor.caseworker(caseworker, agency=case.agency),
        explanation="Er ontbreekt nog een bladzijde.",
    )
    assert Case.objects.get(pk=case.pk).action_required


def test_agency_documents_and_decisions_are_audited_without_signal(waiting_case):
    DocumentFactory(case=waiting_case)
    DocumentFactory(case=waiting_case, decision=True)
    kinds = list(
        CaseEvent.objects.filter(case=waiting_case, kind=CaseEventKind.DOCUMENT_ADDED)
        .order_by("id")
        .values_list("detail__kind", flat=True)
    )
    assert kinds == ["agency", "decision"]
    case = Case.objects.get(pk=waiting_case.pk)
    assert case.action_required
    assert case.citizen_documents_unseen_since is None


def test_rolled_back_store_leaves_no_event(waiting_case):
    with pytest.raises(RuntimeError), transaction.atomic():
        _citizen_upload(waiting_case, CitizenFactory())
        raise RuntimeError
    document_services.cleanup_uncommitted_files()
    assert not CaseEvent.objects.filter(kind=CaseEventKind.DOCUMENT_ADDED).exists()
    assert Case.objects.get(pk=waiting_case.pk).action_required


def test_dashboard_and_case_list_show_new_documents_until_the_case_is_opened(client, waiting_case):
    _citizen_upload(waiting_case, CitizenFactory())
    client.force_login(CaseworkerFactory(agency=waiting_case.agency))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 zaak met nieuwe documenten van inwoners" in dashboard
    assert "0 zaken wachten op de inwoner" in dashboard
    listing = client.get(reverse("cases_backoffice:list")).content.decode()
    assert "Nieuwe documenten van inwoner" in listing
    only_new = client.get(reverse("cases_backoffice:list") + "?new_documents=on")
    assert waiting_case.reference in only_new.content.decode()

    detail = client.get(reverse("cases_backoffice:detail", args=[waiting_case.pk]))
    assert "nieuwe documenten gestuurd" in detail.content.decode()
    listing = client.get(reverse("cases_backoffice:list")).content.decode()
    assert "Nieuwe documenten van inwoner" not in listing
    assert Case.objects.get(pk=waiting_case.pk).citizen_documents_unseen_since is None


def test_citizen_case_page_says_the_document_was_received(client, waiting_case):
    citizen = CitizenFactory(bsn=waiting_case.roles.first().bsn)
    _citizen_upload(waiting_case, citizen)
    client.force_login(citizen)
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    body = client.get(waiting_case.get_absolute_url()).content.decode()
    assert "Wij hebben uw document ontvangen" in body
    assert "Actie nodig van u" not in body


def test_case_list_speaks_dutch_to_an_english_browser(client, waiting_case):
    """Issue 15.11: status texts instead of codes, Dutch dates, in the back office."""
    from django.utils import formats, translation

    client.force_login(CaseworkerFactory(agency=waiting_case.agency))
    response = client.get(reverse("cases_backoffice:list"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    html = response.content.decode()
    with translation.override("nl"):
        received = formats.date_format(waiting_case.received_on, "DATE_FORMAT")
    assert received in html
    assert "Wij hebben meer informatie van u nodig" in html
    assert "aanvulling_nodig</option>" not in html and "<td>aanvulling_nodig" not in html
