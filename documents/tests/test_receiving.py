"""The one way to receive an upload (documents.receiving, docs/decisions/0029):
size cap before CSRF, rate limit, type by content, virus scan, nothing kept on failure."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from cases.tests.factories import CaseFactory
from documents import services
from documents.models import Document
from documents.receiving import (
    CITIZEN_UPLOADS,
    limit_upload_size,
    receive_upload,
    receives_upload,
    upload_too_large,
)
from documents.tests import samples
from documents.tests.conftest import stored_files
from documents.tests.fake_clamd import FakeClamd
from identity.actors import Actor
from identity.decorators import citizen_required
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

SEEN: list = []


@receives_upload
def capped_view(request):
    """Records what the view saw: whether the cap cut the file off."""
    SEEN.append({"too_large": upload_too_large(request), "files": list(request.FILES)})
    return HttpResponse("ok")


urlpatterns = [path("ontvang/", capped_view)]


@pytest.fixture
def citizen():
    return CitizenFactory(bsn="999993653")


def post_request(citizen, data: bytes, name: str = "stuk.pdf"):
    request = RequestFactory().post("/", {"file": SimpleUploadedFile(name, data)})
    request.user = citizen
    return request


# --- the decorator: size cap, then CSRF ---------------------------------------------


@pytest.mark.urls(__name__)
def test_the_size_cap_is_in_place_before_the_csrf_check(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    SEEN.clear()
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/ontvang/", {"file": SimpleUploadedFile("a.pdf", b"%" * 200_000)})
    # No token in the form: refused, and the view never ran ...
    assert response.status_code == 403
    assert SEEN == []
    # ... but the CSRF check read the body with the cap installed: the file was cut off.
    request = response.wsgi_request
    assert request.upload_too_large is True
    assert "file" not in request.FILES


@pytest.mark.urls(__name__)
def test_with_a_valid_token_the_view_learns_the_file_was_too_large(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    SEEN.clear()
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = token = "a" * 32
    response = client.post(
        "/ontvang/",
        # The token comes first, as in our forms: the cap stops reading at the file.
        {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("a.pdf", b"%" * 200_000)},
    )
    assert response.status_code == 200
    assert SEEN == [{"too_large": True, "files": []}]


def test_access_decorators_above_keep_the_csrf_exemption():
    view = citizen_required(receives_upload(lambda request: HttpResponse()))
    assert view.csrf_exempt is True


def test_the_cap_cannot_be_installed_after_the_body_was_read(citizen):
    request = post_request(citizen, samples.pdf())
    request.FILES  # noqa: B018
    with pytest.raises(RuntimeError):
        limit_upload_size(request)


def test_the_per_file_cap_names_only_the_file_that_was_too_large(citizen, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    request = RequestFactory().post(
        "/",
        {
            "groot": SimpleUploadedFile("a.pdf", b"%" * 5000),
            "klein": SimpleUploadedFile("b.png", samples.png()),
        },
    )
    limit_upload_size(request, file_inputs=2)
    assert upload_too_large(request, "groot")
    assert not upload_too_large(request, "klein")
    assert not upload_too_large(request)
    assert "klein" in request.FILES


# --- receive_upload: rate limit -> validation -> scan -> cleanup -----------------------


def test_a_good_file_is_received(citizen, no_scanner):
    request = post_request(citizen, samples.pdf())
    with receive_upload(request, request.FILES["file"], rate_limit=CITIZEN_UPLOADS) as upload:
        assert upload.content_type == "application/pdf"
        assert upload.file.read() == samples.pdf()
    assert upload.file.closed


def test_the_rate_limit_counts_before_the_file_is_read(citizen, settings, no_scanner):
    settings.DOCUMENT_UPLOADS_PER_HOUR = 1
    first = post_request(citizen, samples.pdf())
    receive_upload(first, first.FILES["file"], rate_limit=CITIZEN_UPLOADS).close()
    # Over the limit: refused as rate_limited, not for the bad content.
    second = post_request(citizen, samples.PLAIN_TEXT, "brief.txt")
    with pytest.raises(ValidationError) as info:
        receive_upload(second, second.FILES["file"], rate_limit=CITIZEN_UPLOADS)
    assert info.value.code == "rate_limited"
    # Another citizen has their own budget.
    other = post_request(CitizenFactory(bsn="999990019"), samples.png(), "a.png")
    receive_upload(other, other.FILES["file"], rate_limit=CITIZEN_UPLOADS).close()


def test_bad_magic_bytes_are_refused_whatever_the_name(citizen, no_scanner):
    request = post_request(citizen, samples.HTML_PAGE, "besluit.pdf")
    with pytest.raises(ValidationError) as info:
        receive_upload(request, request.FILES["file"])
    assert info.value.code == "html"


def test_a_virus_is_refused_and_nothing_is_stored(citizen, settings):
    infected = samples.pdf(body=b"% " + samples.EICAR + b"\n")
    before = stored_files()
    request = post_request(citizen, infected)
    with FakeClamd() as clamd:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = clamd.host, clamd.port
        with pytest.raises(ValidationError) as info:
            receive_upload(request, request.FILES["file"], rate_limit=CITIZEN_UPLOADS)
        assert clamd.streams == [infected]
    assert info.value.code == "infected"
    assert stored_files() == before
    assert not Document.objects.exists()


def test_the_callers_check_runs_before_the_scan(citizen, settings):
    def refuse(upload):
        raise ValidationError("not this one", code="callers_own")

    request = post_request(citizen, samples.pdf())
    with FakeClamd() as clamd:
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = clamd.host, clamd.port
        with pytest.raises(ValidationError) as info:
            receive_upload(request, request.FILES["file"], before_scan=refuse)
        assert clamd.streams == []  # never sent to the scanner
    assert info.value.code == "callers_own"


@pytest.mark.django_db(transaction=True)
def test_a_file_stored_by_a_rolled_back_transaction_is_removed_on_leaving(citizen, no_scanner):
    case = CaseFactory(bsn=citizen.bsn)
    services.cleanup_uncommitted_files()  # what earlier (rolled-back) tests left pending
    before = stored_files()
    request = post_request(citizen, samples.pdf())
    with (
        pytest.raises(RuntimeError),
        receive_upload(request, request.FILES["file"]) as upload,
        transaction.atomic(),
    ):
        services.store_upload(case=case, upload=upload, title="", actor=Actor.citizen(citizen))
        assert len(stored_files() - before) == 1
        raise RuntimeError("something later in the same transaction failed")
    assert upload.file.closed
    assert stored_files() == before
    assert not Document.objects.exists()
