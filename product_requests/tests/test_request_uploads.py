"""Files in request forms: checked on arrival, kept per citizen and form, attached on send."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case
from documents.models import Document, DocumentKind
from documents.scanning import MESSAGES as SCAN_MESSAGES
from documents.services import cleanup_uncommitted_files
from documents.tests import samples
from documents.tests.conftest import stored_files
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from product_requests.models import PendingUpload, RequestSubmission
from product_requests.services import create_case_from_request
from product_requests.uploads import prune_pending_uploads, store_pending_upload

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"
OTHER_TOKEN = "fedcba9876543210fedcba9876543210"


@pytest.fixture(autouse=True)
def dutch_and_no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""
    cache.clear()  # the upload rate limit
    with translation.override("nl"):
        yield
    cache.clear()


@pytest.fixture
def citizen():
    user = CitizenFactory(bsn="999990019")
    LocalPersonFactory(bsn=user.bsn)
    return user


@pytest.fixture
def product(home_page):
    """Questions in this order: an optional file, then Verhuisdatum and Toelichting,
    so a test can see that answers after the file survive a refused file."""
    product = requestable_product(title="Verhuizing doorgeven", questions=False)
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.FILE,
        label="Huurcontract",
        required=False,
        sort_order=0,
    )
    RequestFormFieldFactory(
        page=product, field_type=RequestFieldType.DATE, label="Verhuisdatum", sort_order=1
    )
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.TEXTAREA,
        label="Toelichting",
        required=False,
        sort_order=2,
    )
    return product


def _questions(product):
    file_q, date_q, text_q = product.request_form_fields.order_by("sort_order")
    return file_q, date_q, text_q


def _url(product):
    return reverse("product_requests:request", kwargs={"slug": product.slug})


def _data(product, *, step="controleren", file=None, date="2026-12-01", **extra):
    file_q, date_q, text_q = _questions(product)
    data = {
        "aanvraag_token": TOKEN,
        f"vraag_{date_q.pk}": date,
        f"vraag_{text_q.pk}": "Met de kat.",
        "stap": step,
        **extra,
    }
    if file is not None:
        data[f"vraag_{file_q.pk}"] = file
    return data


def _pdf(name="huurcontract.pdf", content=None):
    return SimpleUploadedFile(name, content or samples.pdf(), content_type="application/pdf")


def test_a_valid_file_is_kept_while_other_answers_have_errors(citizen_client, citizen, product):
    file_q, _, _ = _questions(product)
    response = citizen_client.post(_url(product), _data(product, file=_pdf(), date="morgen"))
    body = response.content.decode()
    assert "Vul een geldige datum in" in body
    pending = PendingUpload.objects.get()
    assert (pending.user, pending.idempotency_key, pending.question) == (citizen, TOKEN, file_q)
    assert pending.original_filename == "huurcontract.pdf"
    assert pending.content_type == "application/pdf"
    assert pending.file.name in stored_files()
    # Shown as kept, with its id carried for the next step; the other answers stay.
    assert "Bewaard: huurcontract.pdf" in body
    assert f'value="{pending.public_id}"' in body
    assert "Met de kat." in body
    assert 'enctype="multipart/form-data"' in body


def test_a_refused_file_gets_a_translated_error_and_keeps_the_earlier_file(citizen_client, product):
    citizen_client.post(_url(product), _data(product, file=_pdf()))
    kept = PendingUpload.objects.get()
    html = SimpleUploadedFile("brief.pdf", b"<html><script>alert(1)</script></html>")
    body = citizen_client.post(
        _url(product),
        _data(product, file=html, **{kept_key(_questions(product)[0]): str(kept.public_id)}),
    ).content.decode()
    assert "Dit is een webpagina (HTML)" in body
    assert "Bewaard: huurcontract.pdf" in body
    assert PendingUpload.objects.get() == kept

    html.seek(0)
    with translation.override("en"):
        english = citizen_client.post(_url(product), _data(product, file=html))
    assert "This is a web page (HTML)" in english.content.decode()
    assert english.wsgi_request.path.startswith("/en/")


def test_pdf_with_active_content_and_viruses_are_refused(citizen_client, product):
    files_before = stored_files()
    active = _pdf(content=samples.pdf_with_javascript())
    body = citizen_client.post(_url(product), _data(product, file=active)).content.decode()
    assert "Deze PDF bevat scripts" in body
    infected = ValidationError(SCAN_MESSAGES["infected"], code="infected")
    with mock.patch("documents.scanning.check_upload", side_effect=infected):
        body = citizen_client.post(_url(product), _data(product, file=_pdf())).content.decode()
    assert "In dit bestand is een virus gevonden" in body
    assert PendingUpload.objects.count() == 0
    assert stored_files() == files_before


def test_a_too_large_file_is_refused_and_the_answers_after_it_arrive(
    citizen_client, product, settings
):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    big = _pdf(content=samples.pdf(body=b"%" + b"x" * 1500 + b"\n"))
    response = citizen_client.post(_url(product), _data(product, file=big))
    body = response.content.decode()
    assert "Het bestand is te groot" in body
    # The answers come after the file in the form, and still arrived.
    assert "Met de kat." in body
    assert 'value="2026-12-01"' in body
    assert PendingUpload.objects.count() == 0


def test_a_required_file_question_needs_a_file(citizen_client, product):
    file_q, _, _ = _questions(product)
    file_q.required = True
    file_q.save()
    body = citizen_client.post(_url(product), _data(product)).content.decode()
    assert "Kies een bestand: Huurcontract." in body
    assert f'href="#id_vraag_{file_q.pk}"' in body


def test_check_step_lists_the_file_and_send_attaches_it_once(
    citizen_client, citizen, product, django_capture_on_commit_callbacks
):
    body = citizen_client.post(_url(product), _data(product, file=_pdf())).content.decode()
    assert "Controleer uw aanvraag" in body
    assert "huurcontract.pdf (" in body
    pending = PendingUpload.objects.get()
    pending_file = pending.file.name
    file_q = pending.question
    kept = {f"vraag_{file_q.pk}_bewaard": str(pending.public_id)}

    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(_url(product), _data(product, step="versturen", **kept))
    assert response.status_code == 302
    case = Case.objects.get()
    upload = Document.objects.get(case=case, kind=DocumentKind.UPLOAD)
    assert upload.title == "Huurcontract"
    assert upload.original_filename == "huurcontract.pdf"
    assert upload.file.read() == samples.pdf()
    assert upload.file.name in stored_files()
    assert not PendingUpload.objects.exists()
    assert pending_file not in stored_files()
    submission = RequestSubmission.objects.get()
    assert submission.answers[0]["label"] == "Huurcontract"
    assert submission.answers[0]["value"].startswith("huurcontract.pdf (")

    # Double click / back + resend: the same case, no second document.
    again = citizen_client.post(_url(product), _data(product, step="versturen", **kept))
    assert again.url == response.url
    assert Case.objects.count() == 1
    assert Document.objects.filter(kind=DocumentKind.UPLOAD).count() == 1
    assert Document.objects.count() == 2  # the upload and the receipt

    # The citizen's case page lists it.
    case_page = citizen_client.get(case.get_absolute_url()).content.decode()
    assert "Huurcontract" in case_page


def test_someone_elses_pending_upload_is_not_found(client, citizen, product):
    file_q, _, _ = _questions(product)
    log_in(client, citizen)
    client.post(_url(product), _data(product, file=_pdf()))
    theirs = PendingUpload.objects.get()
    other = CitizenFactory(bsn="999993653")
    LocalPersonFactory(bsn=other.bsn)
    client.logout()
    log_in(client, other)
    kept = {kept_key(file_q): str(theirs.public_id)}
    for step in ("controleren", "versturen", "wijzigen"):
        response = client.post(_url(product), _data(product, step=step, **kept))
        assert response.status_code == 404
    # Nor through the same citizen's other form, nor a made-up id.
    client.logout()
    log_in(client, citizen)
    other_form = _data(product, **kept)
    other_form["aanvraag_token"] = OTHER_TOKEN
    assert client.post(_url(product), other_form).status_code == 404
    assert (
        client.post(_url(product), _data(product, **{kept_key(file_q): "nonsense"})).status_code
        == 404
    )
    assert Case.objects.count() == 0
    assert PendingUpload.objects.get() == theirs


def kept_key(question):
    return f"vraag_{question.pk}_bewaard"


def test_the_service_refuses_another_citizens_upload(citizen, product):
    file_q, _, _ = _questions(product)
    other = CitizenFactory(bsn="999993653")
    theirs = store_pending_upload(
        user=other,
        idempotency_key=TOKEN,
        question=file_q,
        chunks=[samples.pdf()],
        filename="x.pdf",
    )
    with pytest.raises(ValidationError):
        create_case_from_request(
            user=citizen,
            product=product,
            answers=[],
            applicant={},
            idempotency_key=TOKEN,
            uploads=[theirs],
        )
    assert Case.objects.count() == 0
    assert Document.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_leaves_nothing_and_keeps_the_file_for_a_retry(citizen_client, product):
    cleanup_uncommitted_files()  # what earlier (rolled-back) tests left pending
    citizen_client.post(_url(product), _data(product, file=_pdf()))
    pending = PendingUpload.objects.get()
    files_before = stored_files()
    with mock.patch(
        "product_requests.uploads.PendingUpload.delete", side_effect=DatabaseError("disk full")
    ):
        response = citizen_client.post(_url(product), _data(product, step="versturen"))
    body = response.content.decode()
    assert "Er is niets opgeslagen" in body
    assert "Bewaard: huurcontract.pdf" in body
    assert "Met de kat." in body
    assert Case.objects.count() == 0
    assert Document.objects.count() == 0
    assert RequestSubmission.objects.count() == 0
    # The receipt's and the copied upload's files were removed again; the pending one stays.
    assert stored_files() == files_before
    assert PendingUpload.objects.get() == pending

    response = citizen_client.post(_url(product), _data(product, step="versturen"))
    assert response.status_code == 302
    assert Document.objects.filter(kind=DocumentKind.UPLOAD).count() == 1


def test_an_optional_file_can_be_removed_again(
    citizen_client, product, django_capture_on_commit_callbacks
):
    file_q, _, _ = _questions(product)
    citizen_client.post(_url(product), _data(product, file=_pdf(), date=""))
    pending = PendingUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        body = citizen_client.post(
            _url(product),
            _data(product, step="wijzigen", **{f"vraag_{file_q.pk}_verwijderen": "1"}),
        ).content.decode()
    assert "Bewaard:" not in body
    assert not PendingUpload.objects.exists()
    assert pending.file.name not in stored_files()


def test_prune_removes_old_pending_uploads_and_their_files(
    citizen, product, django_capture_on_commit_callbacks
):
    file_q, _, _ = _questions(product)
    old = store_pending_upload(
        user=citizen, idempotency_key=TOKEN, question=file_q, chunks=[samples.pdf()], filename="a"
    )
    fresh = store_pending_upload(
        user=citizen,
        idempotency_key=OTHER_TOKEN,
        question=file_q,
        chunks=[samples.png()],
        filename="b.png",
    )
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_pending_uploads", stdout=out)
    assert "Removed 1 pending upload(s) older than 24 hours." in out.getvalue()
    assert list(PendingUpload.objects.all()) == [fresh]
    assert old.file.name not in stored_files()
    assert fresh.file.name in stored_files()
    assert prune_pending_uploads(older_than=timedelta(minutes=0)) == 1
    assert not PendingUpload.objects.exists()


def test_replacing_a_file_removes_the_earlier_one(
    citizen, product, django_capture_on_commit_callbacks
):
    file_q, _, _ = _questions(product)
    first = store_pending_upload(
        user=citizen, idempotency_key=TOKEN, question=file_q, chunks=[samples.pdf()], filename="a"
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = store_pending_upload(
            user=citizen,
            idempotency_key=TOKEN,
            question=file_q,
            chunks=[samples.png()],
            filename="b.png",
        )
    assert list(PendingUpload.objects.all()) == [second]
    assert first.file.name not in stored_files()


def test_pending_file_content_is_what_was_uploaded(citizen, product):
    file_q, _, _ = _questions(product)
    pending = store_pending_upload(
        user=citizen,
        idempotency_key=TOKEN,
        question=file_q,
        chunks=[ContentFile(samples.png()).read()],
        filename="foto.png",
    )
    assert pending.file.read() == samples.png()
    assert pending.size == len(samples.png())
