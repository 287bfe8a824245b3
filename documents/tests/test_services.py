"""Services: storing without orphans, uploads, decisions (idempotent), receipts."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from pypdf import PdfReader

from cases.tests.factories import CaseFactory, CaseTypeFactory
from documents import services
from documents.models import DecisionRequest, DecisionTemplate, Document, DocumentKind
from documents.tests import samples
from documents.tests.conftest import stored_files
from documents.tests.factories import DecisionTemplateFactory, DocumentFactory
from documents.tests.fake_clamd import FakeClamd, unused_tcp_port
from identity.access_log import AccessLogEntry, data_subject_id
from identity.actors import Actor
from identity.tests.factories import CitizenFactory, LocalPersonFactory

pytestmark = pytest.mark.django_db

BSN = "999993653"


def chunks(data: bytes):
    return [data[i : i + 4096] for i in range(0, len(data), 4096)]


@pytest.fixture
def citizen():
    return CitizenFactory(bsn=BSN)


@pytest.fixture
def open_case():
    # The case type allows uploads and the status "Aanvulling nodig" opens them.
    return CaseFactory(
        bsn=BSN, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )


def test_store_document_writes_file_row_hash_and_access_log():
    before = stored_files()
    document = DocumentFactory(case=CaseFactory(bsn=BSN), title="Brief over uw aanvraag")
    new = stored_files() - before
    assert new == {document.file.name}
    assert document.file.name.startswith("documents/")
    assert str(document.public_id) in document.file.name
    assert document.content_type == "application/pdf"
    assert document.file.read() == samples.pdf()
    entry = AccessLogEntry.objects.get(object_kind="document")
    assert entry.data_subject_id == data_subject_id(BSN) and entry.action == "created"


def test_no_orphan_file_when_saving_the_row_fails():
    case = CaseFactory(bsn=BSN)
    before = stored_files()
    with (
        mock.patch("documents.services.log_case_access", side_effect=RuntimeError("db down")),
        pytest.raises(RuntimeError),
    ):
        DocumentFactory(case=case)
    assert stored_files() == before
    assert not Document.objects.exists()


def test_invalid_document_is_refused_before_any_file_is_written():
    case = CaseFactory(bsn=BSN)
    before = stored_files()
    with pytest.raises(ValidationError):
        services.store_document(
            case=case,
            file=io.BytesIO(samples.pdf()),
            file_type=services.PDF,
            size=10,
            sha256="0" * 64,
            title="Besluit zonder datum",
            kind=DocumentKind.DECISION,
            actor=Actor.system("test"),
        )
    assert stored_files() == before


@pytest.mark.django_db(transaction=True)
def test_no_orphan_file_when_an_outer_transaction_rolls_back():
    case = CaseFactory(bsn=BSN)
    services.cleanup_uncommitted_files()  # what earlier (rolled-back) tests left pending
    before = stored_files()
    with pytest.raises(RuntimeError), transaction.atomic():
        DocumentFactory(case=case)
        assert len(stored_files() - before) == 1
        raise RuntimeError("something later in the same transaction failed")
    assert services.cleanup_uncommitted_files() == 1
    assert stored_files() == before
    # A committed document's file stays.
    kept = DocumentFactory(case=case)
    assert services.cleanup_uncommitted_files() == 0
    assert kept.file.name in stored_files()


def test_upload_document_stores_a_checked_file(citizen, open_case, no_scanner):
    document = services.upload_document(
        case=open_case,
        chunks=chunks(samples.pdf()),
        filename="../../loonstrook\u202e.pdf",
        title="",
        actor=Actor.citizen(citizen),
    )
    assert document.kind == DocumentKind.UPLOAD
    assert document.original_filename == "loonstrook.pdf"
    assert document.title == "loonstrook.pdf"
    assert document.created_by == citizen
    assert document.confidentiality == open_case.confidentiality


def test_upload_refused_when_the_status_does_not_allow_it(citizen, no_scanner):
    case = CaseFactory(bsn=BSN, in_progress=True)
    with pytest.raises(ValidationError) as info:
        services.upload_document(
            case=case,
            chunks=[samples.pdf()],
            filename="a.pdf",
            title="",
            actor=Actor.citizen(citizen),
        )
    assert info.value.code == "uploads_closed"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (samples.SVG_WITH_SCRIPT, "svg"),
        (samples.HTML_PAGE, "html"),
        (samples.pdf("/OpenAction << /S /JavaScript /JS (x) >>"), "pdf_active_content"),
        (samples.WINDOWS_EXE, "executable"),
    ],
)
def test_bad_uploads_leave_nothing_behind(citizen, open_case, no_scanner, data, code):
    before = stored_files()
    with pytest.raises(ValidationError) as info:
        services.upload_document(
            case=open_case,
            chunks=chunks(data),
            filename="x.pdf",
            title="",
            actor=Actor.citizen(citizen),
        )
    assert info.value.code == code
    assert stored_files() == before
    assert not Document.objects.exists()


def test_eicar_is_refused_when_a_scanner_is_configured(citizen, open_case, settings):
    with FakeClamd() as clamd:
        settings.CLAMAV_SOCKET = ""
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = clamd.host, clamd.port
        # EICAR inside an otherwise acceptable PDF: only the scanner can catch it.
        infected = samples.pdf(body=b"% " + samples.EICAR + b"\n")
        before = stored_files()
        with pytest.raises(ValidationError) as info:
            services.upload_document(
                case=open_case,
                chunks=chunks(infected),
                filename="x.pdf",
                title="",
                actor=Actor.citizen(citizen),
            )
        assert info.value.code == "infected"
        assert clamd.streams == [infected]
        clean = services.upload_document(
            case=open_case,
            chunks=chunks(samples.pdf()),
            filename="y.pdf",
            title="",
            actor=Actor.citizen(citizen),
        )
    assert stored_files() - before == {clean.file.name}


def test_scanner_down_refuses_the_upload(citizen, open_case, settings):
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", unused_tcp_port()
    with pytest.raises(ValidationError) as info:
        services.upload_document(
            case=open_case,
            chunks=[samples.pdf()],
            filename="x.pdf",
            title="",
            actor=Actor.citizen(citizen),
        )
    assert info.value.code == "scanner_unavailable"
    assert not Document.objects.exists()


def pdf_text(document: Document) -> str:
    document.file.open("rb")
    reader = PdfReader(io.BytesIO(document.file.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_create_decision_renders_once_even_when_the_task_runs_twice(
    django_capture_on_commit_callbacks, settings
):
    LocalPersonFactory(bsn=BSN, first_names="Jan", surname="Jansen", gender="M")
    case = CaseFactory(bsn=BSN)
    template = DecisionTemplateFactory(case_type=case.case_type)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.create_decision(
            case=case,
            template=template,
            decision_text="Wij verlenen u de vergunning.",
            outcome="toegekend",
            actor=Actor.system("test"),
            decision_date=date(2026, 11, 20),
        )
    request.refresh_from_db()
    document = request.document
    assert document.kind == DocumentKind.DECISION
    assert document.decision_date == date(2026, 11, 20)
    assert document.objection_deadline == date(2027, 1, 1)
    # The task runs again (a retry, a second delivery): still one document.
    again = services.render_decision_document(decision_request_id=request.pk)
    assert again == document
    assert Document.objects.filter(case=case, kind=DocumentKind.DECISION).count() == 1
    text = pdf_text(document)
    assert "Geachte heer Jansen," in text
    assert "J. Jansen Dorpsstraat 12 2712 AB Zoetermeer" in text
    assert "Wij verlenen u de vergunning." in text
    assert "20 november 2026" in text
    assert "1 januari 2027" in text
    assert case.reference in text
    settings_url = f"{settings.PORTAL_BASE_URL}/controleer-een-document/"
    assert f"Controleer het op {settings_url}" in text


def test_placeholders_are_escaped_and_template_code_is_literal():
    case = CaseFactory(bsn=BSN)
    template = DecisionTemplateFactory(
        case_type=case.case_type,
        body="{besluittekst}\n\n{{ settings.SECRET_KEY }} {% debug %} {onbekend}",
    )
    request = DecisionRequest.objects.create(
        case=case,
        template=template,
        decision_text="<b>vet</b> & <script>alert(1)</script>",
        outcome="toegekend",
        decision_date=date(2026, 11, 20),
        objection_deadline=date(2027, 1, 1),
    )
    html = services._decision_html(request)
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html
    assert "{{ settings.SECRET_KEY }} {% debug %} {onbekend}" in html
    assert "test-only-key" not in html


def test_template_with_unknown_placeholder_is_invalid():
    template = DecisionTemplateFactory.build(
        case_type=CaseFactory().case_type, body="Beste {voornaam}, {besluittekst}"
    )
    with pytest.raises(ValidationError) as info:
        template.full_clean()
    assert "{voornaam}" in str(info.value)


def test_create_decision_refuses_a_template_of_another_case_type():
    case = CaseFactory(bsn=BSN)
    other = DecisionTemplateFactory()
    with pytest.raises(ValidationError):
        services.create_decision(
            case=case, template=other, decision_text="x", outcome="y", actor=Actor.system("t")
        )
    assert not DecisionRequest.objects.exists()
    assert DecisionTemplate.objects.count() == 1


def test_receipt_is_idempotent_per_key():
    case = CaseFactory(bsn=BSN)
    kwargs = {
        "case": case,
        "submitted_at": case.created_at,
        "answers": [("Kenteken", "AB-123-C")],
        "actor": Actor.system("requests"),
        "idempotency_key": "request:abc",
    }
    first = services.create_receipt(**kwargs)
    second = services.create_receipt(**kwargs)
    assert first == second
    assert first.kind == DocumentKind.RECEIPT
    text = pdf_text(first)
    assert "Ontvangstbevestiging" in text and "AB-123-C" in text


def test_preview_of_an_unsaved_decision_for_the_back_office():
    case = CaseFactory(bsn=BSN)
    request = DecisionRequest(
        case=case,
        template=DecisionTemplateFactory(case_type=case.case_type),
        decision_text="Voorbeeldtekst van het besluit.",
        outcome="toegekend",
        decision_date=date(2026, 11, 20),
        objection_deadline=date(2027, 1, 1),
    )
    reader = PdfReader(io.BytesIO(services.decision_preview_pdf(request=request)))
    assert "Voorbeeldtekst van het besluit." in reader.pages[0].extract_text()
    assert not Document.objects.exists()
