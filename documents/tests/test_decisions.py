"""The decision service addresses the letter itself, from the registry, and the
case says a decision was made (issues 14.6 and 15.4)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import CaseFactory, CaseTypeFactory
from documents import services
from documents.models import DecisionTemplate, Document, DocumentKind
from documents.tests.factories import DecisionTemplateFactory
from identity.access_log import AccessAction, AccessLogEntry, Purpose
from identity.actors import Actor
from identity.tests.factories import LocalAddressFactory, LocalPersonFactory

pytestmark = pytest.mark.django_db
BSN = "999993653"


def _text(document: Document) -> str:
    document.file.open("rb")
    reader = PdfReader(io.BytesIO(document.file.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _decide(case, template, actor=None, **kwargs):
    return services.create_decision(
        case=case,
        template=template,
        decision_text="Wij verlenen u de vergunning.",
        outcome="Vergunning verleend",
        actor=actor or Actor.system("test"),
        **kwargs,
    )


def test_decision_is_addressed_to_the_initiator_from_the_registry(
    django_capture_on_commit_callbacks,
):
    person = LocalPersonFactory(bsn=BSN, gender="V", address=None)
    LocalAddressFactory(person=person, street="Dorpsstraat", house_number=12)
    case = CaseFactory(bsn=BSN)
    template = DecisionTemplateFactory(case_type=case.case_type)
    caseworker = CaseworkerFactory(agency=case.agency)
    with django_capture_on_commit_callbacks(execute=True):
        request = _decide(case, template, Actor.caseworker(caseworker, agency=case.agency))
    request.refresh_from_db()
    assert (request.recipient_salutation, request.recipient_name) == (
        "Geachte mevrouw Moulin",
        "S.M. Moulin",
    )
    assert request.recipient_address == "Dorpsstraat 12\n2712 AB Zoetermeer"
    text = _text(request.document)
    assert "S.M. Moulin Dorpsstraat 12 2712 AB Zoetermeer" in text
    assert "Geachte mevrouw Moulin," in text
    assert "de Vries" not in text
    # Awb 3:45: to whom and how to object.
    assert "Waar en hoe maakt u bezwaar?" in text
    assert "Stuur uw bezwaarschrift aan het college" in text
    # The registry lookup for the letter is logged, in the agency's name.
    entry = AccessLogEntry.objects.for_subject(BSN).get(action=AccessAction.LOOKED_UP)
    assert (entry.purpose, entry.organisation, entry.actor_user) == (
        Purpose.DECISION,
        case.agency.name,
        caseworker,
    )


def test_create_decision_takes_no_recipient_from_its_caller():
    case = CaseFactory(bsn=BSN)
    template = DecisionTemplateFactory(case_type=case.case_type)
    with pytest.raises(TypeError):
        _decide(case, template, recipient_name="De heer J. de Vries")


def test_decision_moves_the_case_to_its_decision_status():
    LocalPersonFactory(bsn=BSN)
    case = CaseFactory(bsn=BSN)
    decided = case.case_type.status_types.filter(is_final=True).get()
    assert case.current_status.status_type != decided
    _decide(case, DecisionTemplateFactory(case_type=case.case_type))
    case.refresh_from_db()
    assert case.current_status.status_type == decided
    assert case.result_text == "Vergunning verleend"
    assert case.is_closed


def test_decision_leaves_a_case_without_decision_status_alone():
    LocalPersonFactory(bsn=BSN)
    case_type = CaseTypeFactory()
    case_type.status_types.filter(is_final=True).delete()
    case = CaseFactory(bsn=BSN, case_type=case_type)
    before = case.current_status_id
    _decide(case, DecisionTemplateFactory(case_type=case.case_type))
    case.refresh_from_db()
    assert case.current_status_id == before


def test_demo_seeds_a_template_per_agency_and_addresses_suzanne():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    agencies = set(DecisionTemplate.objects.values_list("case_type__agency__slug", flat=True))
    assert agencies == {"zoetermeer", "belastingdienst", "uwv", "rijnland"}
    assert all(t.objection_instructions.strip() for t in DecisionTemplate.objects.all())
    decision = Document.objects.get(kind=DocumentKind.DECISION, case__external_id="demo-3")
    assert decision.decision_date == decision.case.closed_on
    text = _text(decision)
    assert "S.M. Moulin Dorpsstraat 12 2712 AB Zoetermeer" in text
    assert "Geachte mevrouw Moulin," in text
    assert "J. de Vries" not in text and "Dorpsstraat 1 " not in text


def _citizen_page(client, case) -> str:
    from django.urls import reverse

    from identity.loa import SESSION_KEY, LevelOfAssurance
    from identity.tests.factories import CitizenFactory

    client.force_login(CitizenFactory(bsn=BSN))
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    url = reverse("cases:detail", kwargs={"agency": case.agency.slug, "reference": case.reference})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_case_page_dates_the_decision_and_says_the_objection_term_passed(client):
    LocalPersonFactory(bsn=BSN)
    case = CaseFactory(bsn=BSN)
    template = DecisionTemplateFactory(case_type=case.case_type)
    decided_on = timezone.localdate() - timedelta(days=100)
    request = _decide(case, template, decision_date=decided_on)
    services.render_decision_document(decision_request_id=request.pk)
    html = _citizen_page(client, case)
    deadline = decided_on + timedelta(weeks=6)
    assert f'datetime="{decided_on:%Y-%m-%d}"' in html
    assert "De bezwaartermijn is verlopen op" in html
    assert str(deadline.day) in html
    assert "bezwaar mogelijk tot en met" not in html


def test_open_objection_term_is_shown_as_open(client):
    LocalPersonFactory(bsn=BSN)
    case = CaseFactory(bsn=BSN)
    request = _decide(
        case, DecisionTemplateFactory(case_type=case.case_type), decision_date=date.today()
    )
    services.render_decision_document(decision_request_id=request.pk)
    html = _citizen_page(client, case)
    assert "U kunt bezwaar maken tot en met" in html
    assert "verlopen" not in html


def test_letterhead_lines_are_set_as_an_address_block():
    """The letterhead's lines follow each other at line height, not paragraph spacing."""
    from types import SimpleNamespace

    from documents.letters import decision_html
    from documents.pdf import render_pdf

    template = DecisionTemplateFactory.build(
        letterhead="Postbus 15\n2700 AA Zoetermeer\nTelefoon 14 079"
    )
    agency = SimpleNamespace(name="Gemeente Zoetermeer")
    case = SimpleNamespace(reference="ZTM-1", title="Schutting", agency=agency)
    html = decision_html(
        template=template,
        case=case,
        decision_text="Tekst.",
        decision_date=date(2026, 7, 9),
        objection_deadline=date(2026, 8, 20),
    )
    page = PdfReader(
        io.BytesIO(render_pdf(html, title="Besluit", language="nl", author="Zoetermeer"))
    ).pages[0]
    heights = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("Postbus 15", "2700 AA Zoetermeer", "Telefoon 14 079"):
            heights[text.strip()] = (tm[5] * cm[3] + cm[5], size * tm[3] * cm[3])

    page.extract_text(visitor_text=visit)
    (y1, size), (y2, _), (y3, _) = (
        heights[line] for line in ("Postbus 15", "2700 AA Zoetermeer", "Telefoon 14 079")
    )
    # 10 pt text: about 13 pt between lines; paragraphs (3 mm margin) were above 22 pt.
    assert 0 < y1 - y2 < 1.5 * abs(size) + 1
    assert abs((y1 - y2) - (y2 - y3)) < 0.5
