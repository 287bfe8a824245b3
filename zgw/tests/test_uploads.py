"""A citizen sends a document on a ZGW zaak: our checks first (type, content,
virus scan), then the Documenten API (EnkelvoudigInformatieObject) and the
link in the Zaken API (ZaakInformatieObject); both requests are checked against
the VNG documents by the test server."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.tests import samples
from documents.tests.fake_clamd import FakeClamd
from identity.access_log import AccessLogEntry

pytestmark = pytest.mark.django_db
IOTYPE = (
    "http://zgw.test/catalogi/api/v1/informatieobjecttypen/5e1f7081-0000-4000-8000-000000000005"
)


@pytest.fixture
def uploads_on(water_board):
    water_board.upload_informatieobjecttype = IOTYPE
    water_board.save()
    return water_board


@pytest.fixture
def clamd(settings):
    with FakeClamd() as fake:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT, settings.CLAMAV_SOCKET = (
            fake.host,
            fake.port,
            "",
        )
        yield fake


def upload_url(zaak) -> str:
    return f"/mijn/zaken-zgw/hdsr/{zaak['uuid']}/document-sturen/"


def send(client, zaak, content: bytes, name="loonstrook.pdf"):
    return client.post(
        upload_url(zaak),
        {"title": "Loonstrook mei", "file": SimpleUploadedFile(name, content, "application/pdf")},
    )


def test_a_document_goes_to_the_documenten_api_and_onto_the_zaak(
    uploads_on, story, fake_zgw, citizen_client, clamd
):
    pdf = samples.pdf()
    response = send(citizen_client, story.open_zaak, pdf)
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/#documenten"
    )
    assert clamd.streams == [pdf]
    documents = fake_zgw.store[("documenten", "enkelvoudiginformatieobjecten")].values()
    sent = next(document for document in documents if document["titel"] == "Loonstrook mei")
    assert sent["informatieobjecttype"] == IOTYPE
    assert sent["bronorganisatie"] == fake_zgw.rsin
    assert sent["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert fake_zgw.contents[sent["url"].rsplit("/", 1)[-1]] == pdf
    links = fake_zgw.store[("zaken", "zaakinformatieobjecten")].values()
    assert any(
        link["informatieobject"] == sent["url"] and link["zaak"] == story.open_zaak["url"]
        for link in links
    )
    # The zaak page shows it (the cached answer was made stale).
    page = citizen_client.get(f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/").content.decode()
    assert "Loonstrook mei" in page
    assert AccessLogEntry.objects.filter(action="created", object_kind="document").exists()
    # Sent twice (a double click): once at the source.
    send(citizen_client, story.open_zaak, pdf)
    assert sum(document["titel"] == "Loonstrook mei" for document in documents) == 1


def test_a_refused_file_never_reaches_the_source(
    uploads_on, story, fake_zgw, citizen_client, clamd
):
    response = send(citizen_client, story.open_zaak, samples.HTML_PAGE)
    assert response.status_code == 400
    assert not any(line.startswith("POST") for line in fake_zgw.requests)
    infected = samples.pdf(body=b"% " + samples.EICAR + b"\n")
    response = send(citizen_client, story.open_zaak, infected)
    assert response.status_code == 400
    assert not any(line.startswith("POST") for line in fake_zgw.requests)


def test_no_uploads_without_an_informatieobjecttype_or_on_a_closed_zaak(
    water_board, story, fake_zgw, citizen_client, clamd
):
    page = citizen_client.get(f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/").content.decode()
    assert "document-sturen" not in page
    send(citizen_client, story.open_zaak, samples.pdf())
    water_board.upload_informatieobjecttype = IOTYPE
    water_board.save()
    send(citizen_client, story.closed_zaak, samples.pdf())
    assert not any(line.startswith("POST") for line in fake_zgw.requests)


def test_a_source_that_is_down_says_the_document_did_not_arrive(
    uploads_on, story, fake_zgw, citizen_client, clamd
):
    fake_zgw.fail_writes = 500
    response = send(citizen_client, story.open_zaak, samples.pdf())
    assert response.status_code == 400
    assert "Uw document is niet aangekomen" in response.content.decode()
    # Nothing was kept as "sent": once the source is back, the same file goes.
    fake_zgw.fail_writes = None
    assert send(citizen_client, story.open_zaak, samples.pdf()).status_code == 302


def test_opening_the_zaak_sets_laatst_geopend_when_switched_on(
    water_board, story, fake_zgw, citizen_client
):
    citizen_client.get(f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/")
    assert "laatstGeopend" not in story.open_zaak
    water_board.sets_last_opened = True
    water_board.save()
    citizen_client.get(f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/")
    assert story.open_zaak["laatstGeopend"].startswith("20")
