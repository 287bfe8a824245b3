"""Evidence with a correction request: checked like every upload, stored as a
document of the new case in the transaction that opens it, and never half
written: a refused file opens no case and keeps the other answers."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cases.models import Case
from corrections.models import CorrectionRequest
from corrections.services import request_correction
from documents.models import Document, DocumentKind
from documents.services import check_upload, cleanup_uncommitted_files
from documents.tests import samples
from documents.tests.conftest import stored_files
from documents.tests.fake_clamd import FakeClamd
from identity.tests.conftest import log_in
from identity.tests.factories import LocalPersonFactory, correction_case_type_at

pytestmark = pytest.mark.django_db

PATH = "/mijn/gegevens/correctie/?gegeven=address"
ADDRESS = {
    "street": "Stationsplein",
    "house_number": "3",
    "postcode": "2711 AB",
    "city": "Zoetermeer",
    "explanation": "Ik woon sinds maart op het Stationsplein.",
}


@pytest.fixture(autouse=True)
def _setup(settings, citizen):
    from django.core.cache import cache

    settings.CLAMAV_HOST = settings.CLAMAV_SOCKET = ""
    cache.clear()
    correction_case_type_at()
    LocalPersonFactory(bsn=citizen.bsn)
    yield
    cache.clear()


def post(client, data: bytes | None = None, name: str = "huurcontract.pdf", **fields):
    token = re.search(r'name="token" value="([^"]+)"', client.get(PATH).content.decode()).group(1)
    body = {"token": token, **ADDRESS, **fields}
    if data is not None:
        body["evidence"] = SimpleUploadedFile(name, data)
    return client.post(PATH, body)


def test_evidence_becomes_a_document_of_the_new_case(citizen_client):
    before = stored_files()
    response = post(citizen_client, samples.pdf())
    correction = CorrectionRequest.objects.get()
    assert response["Location"] == correction.case.get_absolute_url()
    document = correction.evidence
    assert document.case == correction.case
    assert (document.kind, document.title, document.content_type) == (
        DocumentKind.UPLOAD,
        "huurcontract.pdf",
        "application/pdf",
    )
    assert len(stored_files() - before) == 1
    # The citizen sees it on the case page, with a download link.
    page = citizen_client.get(correction.case.get_absolute_url()).content.decode()
    assert "huurcontract.pdf" in page
    assert document.get_absolute_url() in page


def test_without_evidence_the_request_is_filed_as_before(citizen_client):
    post(citizen_client)
    assert CorrectionRequest.objects.get().evidence is None
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.pdf_with_javascript(), "huurcontract.pdf", "Deze PDF bevat scripts"),
        (samples.HTML_PAGE, "huurcontract.pdf", "Dit is een webpagina (HTML)"),
        (samples.WINDOWS_EXE, "huurcontract.exe", "Programma&#x27;s kunt u niet uploaden"),
        (b"", "leeg.pdf", "Het bestand is leeg."),
    ],
)
def test_a_refused_file_opens_no_case_and_keeps_the_other_answers(
    citizen_client, data, name, message
):
    before = stored_files()
    response = post(citizen_client, data, name)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    # Linked from the error summary, announced on the input.
    assert 'href="#id_evidence"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_evidence"', html) or re.search(
        r'<input[^>]*id="id_evidence"[^>]*aria-invalid="true"', html
    )
    assert 'value="Stationsplein"' in html and "Ik woon sinds maart" in html
    assert "<title>Fout:" in html
    assert not Case.objects.exists()
    assert not Document.objects.exists()
    assert stored_files() == before


def test_an_infected_file_is_refused_by_the_virus_scanner(citizen_client, settings):
    infected = samples.pdf(body=b"% " + samples.EICAR + b"\n")
    with FakeClamd() as clamd:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = clamd.host, clamd.port
        response = post(citizen_client, infected)
        assert clamd.streams == [infected]
    assert 'href="#id_evidence"' in response.content.decode()
    assert not Case.objects.exists()


def test_an_oversized_file_is_stopped_while_streaming_and_answers_are_kept(
    citizen_client, settings
):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    response = post(citizen_client, samples.pdf() + b"%" * 200_000)
    html = response.content.decode()
    assert "Het bestand is te groot. Het mag maximaal 1,0\xa0KB zijn." in html
    assert 'value="Stationsplein"' in html
    assert not Case.objects.exists()


def test_other_errors_ask_to_choose_the_file_again_and_store_nothing(citizen_client):
    before = stored_files()
    response = post(citizen_client, samples.pdf(), postcode="12")
    html = response.content.decode()
    assert 'href="#id_postcode"' in html
    assert "Kies het opnieuw" in html
    assert not Case.objects.exists()
    assert stored_files() == before


def test_evidence_counts_towards_the_upload_limit(citizen_client, settings):
    settings.DOCUMENT_UPLOADS_PER_HOUR = 1
    post(citizen_client, samples.pdf())
    response = post(citizen_client, samples.png(), "foto.png", street="Markt")
    assert "veel bestanden gestuurd" in response.content.decode()
    assert Case.objects.count() == 1


def test_the_form_still_checks_csrf(citizen):
    client = log_in(Client(enforce_csrf_checks=True), citizen)
    response = client.post(PATH, {**ADDRESS, "evidence": SimpleUploadedFile("a.pdf", b"%PDF-")})
    assert response.status_code == 403
    assert not Case.objects.exists()


# Not inside a test transaction: the file's fate is decided when the outermost
# transaction ends, as in a real request.
@pytest.mark.django_db(transaction=True)
def test_a_failure_after_the_file_was_stored_leaves_no_case_and_no_file(citizen, monkeypatch):
    upload = check_upload(chunks=[samples.pdf()], filename="huurcontract.pdf")
    before = stored_files()

    def broken_save(self, *args, **kwargs):
        raise ValidationError("database says no")

    monkeypatch.setattr(CorrectionRequest, "save", broken_save)
    with pytest.raises(ValidationError):
        request_correction(
            user=citizen,
            field="nationality",
            value="Belgische",
            explanation="Ik ben Belg.",
            idempotency_key="k1",
            evidence=upload,
        )
    upload.close()
    cleanup_uncommitted_files()
    assert not Case.objects.exists()
    assert not Document.objects.exists()
    # (Other tests' leftovers may go too: compare only what is new.)
    assert not stored_files() - before


def test_a_double_submit_with_evidence_stores_it_once(citizen):
    def file_it():
        upload = check_upload(chunks=[samples.pdf()], filename="huurcontract.pdf")
        try:
            return request_correction(
                user=citizen,
                field="nationality",
                value="Belgische",
                explanation="Ik ben Belg.",
                idempotency_key="same",
                evidence=upload,
            )
        finally:
            upload.close()
            cleanup_uncommitted_files()

    assert file_it() == file_it()
    assert Document.objects.count() == 1
