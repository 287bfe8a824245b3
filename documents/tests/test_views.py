"""Download, upload and "Controleer een document" through the web."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.tests.factories import CaseFactory, CaseTypeFactory
from documents.models import Document, DocumentKind
from documents.tests import samples
from documents.tests.conftest import stored_files
from documents.tests.factories import DocumentFactory
from identity.access_log import AccessLogEntry, data_subject_id
from identity.actors import Actor
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from messaging.models import Task
from messaging.services import cancel_task

pytestmark = pytest.mark.django_db

BSN, OTHER_BSN = "999993653", "999990019"


@pytest.fixture
def citizen():
    return CitizenFactory(bsn=BSN)


@pytest.fixture
def upload_case():
    return CaseFactory(
        bsn=BSN, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )


def upload_url(case) -> str:
    return reverse(
        "documents:upload", kwargs={"agency": case.agency.slug, "reference": case.reference}
    )


# --- download ---------------------------------------------------------------------


def test_download_streams_the_file_with_safe_headers_and_is_logged(citizen_client):
    document = DocumentFactory(case=CaseFactory(bsn=BSN), decision=True)
    response = citizen_client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="{document.download_name}"'
    assert document.download_name.startswith(f"besluit-{document.case.reference}-")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    entry = AccessLogEntry.objects.filter(action="downloaded").get()
    assert entry.data_subject_id == data_subject_id(BSN)
    assert entry.organisation == document.case.agency.name
    assert str(document.public_id) == entry.detail["document"]


def test_download_url_is_opaque():
    document = DocumentFactory(case=CaseFactory(bsn=BSN))
    url = document.get_absolute_url()
    assert url == f"/mijn/documenten/{document.public_id}/"
    assert f"/{document.pk}/" not in url


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: DocumentFactory(case=CaseFactory(bsn=OTHER_BSN)), id="other citizen"),
        pytest.param(
            lambda: DocumentFactory(case=CaseFactory(bsn=BSN), confidentiality="geheim"),
            id="document too confidential",
        ),
        pytest.param(
            lambda: DocumentFactory(
                case=CaseFactory(bsn=BSN, confidentiality="vertrouwelijk"),
                confidentiality="openbaar",
            ),
            id="case too confidential",
        ),
    ],
)
def test_download_is_404_for_documents_that_are_not_yours(citizen_client, make):
    document = make()
    response = citizen_client.get(document.get_absolute_url())
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action="downloaded").exists()


def test_download_unknown_or_malformed_id_is_404(citizen_client):
    assert (
        citizen_client.get("/mijn/documenten/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )
    assert citizen_client.get("/mijn/documenten/1/").status_code == 404


def test_download_needs_a_digid_login(client):
    document = DocumentFactory(case=CaseFactory(bsn=BSN))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_files_are_not_reachable_through_media_url(client):
    document = DocumentFactory(case=CaseFactory(bsn=BSN))
    assert client.get(f"/media/{document.file.name}").status_code == 404
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018  the private storage has no URLs


# --- the case page ----------------------------------------------------------------


def test_case_page_lists_documents_with_decision_marker(citizen_client, upload_case):
    decision = DocumentFactory(case=upload_case, decision=True, title="Besluit vergunning")
    DocumentFactory(case=upload_case, title="Geheim stuk", confidentiality="geheim")
    response = citizen_client.get(upload_case.get_absolute_url())
    html = response.content.decode()
    assert decision.get_absolute_url() in html
    assert "Besluit vergunning" in html
    assert 'class="ol-doc-marker">Besluit<' in html
    assert "Geheim stuk" not in html
    # The status's open upload task: its aanvulling is the one way to send the
    # documents (docs/decisions/0030), so the generic form is not shown...
    assert upload_url(upload_case) not in html
    # ...and is back once no task asks for them.
    for task in Task.objects.filter(case=upload_case):
        cancel_task(task=task, actor=Actor.system("test"))
    html = citizen_client.get(upload_case.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert upload_url(upload_case) in html


def test_case_page_has_no_upload_form_when_the_status_does_not_allow_it(citizen_client):
    case = CaseFactory(bsn=BSN, in_progress=True, case_type=CaseTypeFactory(citizen_uploads=True))
    html = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "Er zijn nog geen documenten." in html
    assert upload_url(case) not in html


# --- upload -----------------------------------------------------------------------


def post_file(client, case, data: bytes, name: str = "stuk.pdf", **extra):
    return client.post(
        upload_url(case), {"file": SimpleUploadedFile(name, data), "title": "", **extra}
    )


def test_upload_stores_the_document_and_returns_to_the_case(
    citizen_client, upload_case, no_scanner
):
    response = post_file(citizen_client, upload_case, samples.pdf(), "loonstrook mei.pdf")
    assert response.status_code == 302
    assert response["Location"] == upload_case.get_absolute_url() + "#documenten"
    document = Document.objects.get()
    assert document.kind == DocumentKind.UPLOAD
    assert document.sha256 == hashlib.sha256(samples.pdf()).hexdigest()
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Wij hebben uw document “loonstrook mei.pdf” ontvangen." in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.SVG_WITH_SCRIPT, "foto.svg", "SVG-afbeeldingen kunt u niet uploaden"),
        (samples.HTML_PAGE, "besluit.pdf", "Dit is een webpagina (HTML)"),
        (samples.PLAIN_TEXT, "brief.txt", "Dit soort bestand kunt u niet uploaden"),
        (samples.pdf_with_javascript(), "brief.pdf", "Deze PDF bevat scripts"),
        (samples.plain_zip(), "stukken.zip", "Gecomprimeerde bestanden"),
    ],
)
def test_bad_upload_shows_the_error_on_the_page_and_stores_nothing(
    citizen_client, upload_case, no_scanner, data, name, message
):
    before = stored_files()
    response = post_file(citizen_client, upload_case, data, name)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#id_file"' in html  # the error summary links to the field
    assert not Document.objects.exists()
    assert stored_files() == before


def test_oversized_upload_is_stopped_while_streaming(
    citizen_client, upload_case, settings, no_scanner
):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    response = post_file(citizen_client, upload_case, samples.pdf() + b"%" * 200_000)
    assert response.status_code == 400
    assert "Het bestand is te groot. Het mag maximaal 1,0\xa0KB zijn." in response.content.decode()
    assert not Document.objects.exists()


def test_upload_without_a_file_says_so(citizen_client, upload_case):
    response = citizen_client.post(upload_url(upload_case), {"title": "x"})
    assert response.status_code == 400
    assert "Kies een bestand om te sturen." in response.content.decode()


def test_upload_is_rate_limited_per_citizen(citizen_client, upload_case, settings, no_scanner):
    settings.DOCUMENT_UPLOADS_PER_HOUR = 2
    assert post_file(citizen_client, upload_case, samples.pdf()).status_code == 302
    assert post_file(citizen_client, upload_case, samples.png(), "a.png").status_code == 302
    response = post_file(citizen_client, upload_case, samples.jpeg(), "b.jpg")
    assert response.status_code == 400
    assert "veel bestanden gestuurd" in response.content.decode()
    assert Document.objects.count() == 2


def test_upload_closed_status_stores_nothing(citizen_client, no_scanner):
    case = CaseFactory(bsn=BSN, in_progress=True, case_type=CaseTypeFactory(citizen_uploads=True))
    response = post_file(citizen_client, case, samples.pdf())
    assert response.status_code == 200
    assert "Bij deze zaak kunt u nu geen documenten sturen." in response.content.decode()
    assert not Document.objects.exists()


def test_upload_to_someone_elses_case_is_404(citizen_client, no_scanner):
    case = CaseFactory(
        bsn=OTHER_BSN, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )
    assert post_file(citizen_client, case, samples.pdf()).status_code == 404
    assert not Document.objects.exists()


def test_upload_checks_csrf(citizen, upload_case, no_scanner):
    from django.test import Client

    client = log_in(Client(enforce_csrf_checks=True), citizen)
    assert post_file(client, upload_case, samples.pdf()).status_code == 403
    assert not Document.objects.exists()


# --- Controleer een document -------------------------------------------------------


VERIFY = "/controleer-een-document/"


def test_verify_by_hash_says_yes_with_date_and_agency_only(client):
    decision = DocumentFactory(
        case=CaseFactory(bsn=BSN, title="Kapvergunning Dorpsstraat"), decision=True
    )
    response = client.post(VERIFY, {"sha256": decision.sha256.upper()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ja, dit besluit is via dit loket verstuurd" in html
    assert decision.case.agency.name in html
    assert "Kapvergunning" not in html and decision.case.reference not in html


def test_verify_by_upload(client):
    DocumentFactory(case=CaseFactory(bsn=BSN), decision=True, content=samples.pdf("/Lang (nl)"))
    response = client.post(VERIFY, {"file": SimpleUploadedFile("b.pdf", samples.pdf("/Lang (nl)"))})
    assert "Ja, dit besluit is via dit loket verstuurd" in response.content.decode()


def test_verify_unknown_or_non_decision_says_no(client):
    upload = DocumentFactory(case=CaseFactory(bsn=BSN), upload=True)
    response = client.post(VERIFY, {"sha256": upload.sha256})
    assert "Nee, dit document kennen wij niet" in response.content.decode()


def test_verify_rejects_a_malformed_hash(client):
    response = client.post(VERIFY, {"sha256": "abc"})
    assert response.status_code == 400
    assert "64 tekens" in response.content.decode()
    assert client.post(VERIFY, {}).status_code == 400


def test_english_pages_are_not_cached_either(citizen_client, upload_case, no_scanner):
    document = DocumentFactory(case=upload_case)
    download, upload = document.get_absolute_url(), upload_url(upload_case)  # Dutch paths
    assert citizen_client.get(f"/en{download}")["Cache-Control"] == "no-store"
    response = citizen_client.get(f"/en{upload}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_field_errors_and_help_are_announced_with_the_input(citizen_client, upload_case):
    html = citizen_client.post(upload_url(upload_case), {"title": ""}).content.decode()
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert 'id="id_file_helptext"' in html
    assert 'id="id_file_error"' in html
    assert 'aria-invalid="true"' in html
