"""The receipt of a request is rendered by a task after the commit (issue 23), never
inside the request's transaction that holds the agency's case-number lock; the
confirmation page says it is being made, offers it when ready, and says plainly
when it failed that the request itself was received."""

import logging
from unittest import mock

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import translation

from documents import services as document_services
from documents.models import Document, DocumentKind
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.tests.factories import requestable_product
from product_requests import receipts
from product_requests.models import RequestSubmission
from product_requests.tasks import render_request_receipt

TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def citizen():
    user = CitizenFactory(bsn="999990019")
    LocalPersonFactory(bsn=user.bsn, first_names="Peter Jan", prefix="de", surname="Vries")
    return user


@pytest.fixture
def product(home_page):
    return requestable_product(title="Verhuizing doorgeven")


def _send(client, product):
    date_field, text_field = product.request_form_fields.order_by("sort_order")[:2]
    url = reverse("product_requests:request", kwargs={"slug": product.slug})
    data = {
        f"vraag_{date_field.pk}": "2026-12-01",
        f"vraag_{text_field.pk}": "Met de kat.",
        "aanvraag_token": TOKEN,
        "stap": "versturen",
    }
    return client.post(url, data)


@pytest.mark.django_db
def test_the_request_only_queues_the_receipt_on_commit(
    citizen_client, product, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(
            document_services, "render_pdf", wraps=document_services.render_pdf
        ) as render,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = _send(citizen_client, product)
    assert response.status_code == 302
    render.assert_not_called()
    assert not Document.objects.exists()
    submission = RequestSubmission.objects.get()
    assert submission.receipt is None

    with mock.patch.object(
        document_services, "render_pdf", wraps=document_services.render_pdf
    ) as render:
        for callback in callbacks:
            callback()
    render.assert_called_once()
    submission.refresh_from_db()
    assert submission.receipt.kind == DocumentKind.RECEIPT


@pytest.mark.django_db(transaction=True)
def test_the_pdf_renders_after_the_commit_and_the_lock_is_timed(client, citizen, product, caplog):
    """Through the real commit: WeasyPrint runs outside any transaction (no lock
    held), and on PostgreSQL the case-number lock's hold time is logged first."""
    from identity.tests.conftest import log_in

    events = []

    def render(*args, **kwargs):
        events.append(("render", connection.in_atomic_block))
        return real_render(*args, **kwargs)

    real_render = document_services.render_pdf
    caplog.set_level(logging.INFO, logger="product_requests.case_lock")
    log_in(client, citizen)
    with mock.patch.object(document_services, "render_pdf", side_effect=render):
        response = _send(client, product)
    assert response.status_code == 302
    assert events == [("render", False)]
    assert RequestSubmission.objects.get().receipt is not None
    held = [r.getMessage() for r in caplog.records if r.name == "product_requests.case_lock"]
    if connection.vendor == "postgresql":
        assert len(held) == 1
        assert held[0].startswith("case-number lock held ") and held[0].endswith(" (committed)")
    else:  # SQLite has no row lock to time
        assert held == []


@pytest.mark.django_db
def test_running_the_task_again_makes_no_second_receipt(
    citizen_client, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(citizen_client, product)
    submission = RequestSubmission.objects.get()
    first = submission.receipt
    result = render_request_receipt.enqueue(submission.pk)
    assert result.return_value == str(first.public_id)
    assert Document.objects.filter(kind=DocumentKind.RECEIPT).count() == 1
    # A document stored by a run that died before linking it is found, not rendered again.
    RequestSubmission.objects.update(receipt=None)
    with mock.patch.object(document_services, "render_pdf") as render:
        assert receipts.issue_request_receipt(submission_id=submission.pk) == first
    render.assert_not_called()
    assert Document.objects.filter(kind=DocumentKind.RECEIPT).count() == 1


@pytest.mark.django_db
def test_confirmation_page_while_the_receipt_is_being_made(
    citizen_client, product, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=False):
        response = _send(citizen_client, product)
    with django_assert_num_queries(QUERIES):
        page = citizen_client.get(response.url)
    body = page.content.decode()
    assert 'data-testid="receipt-pending"' in body
    assert "De ontvangstbevestiging (PDF) wordt gemaakt." in body
    assert "Uw aanvraag is al ontvangen." in body
    assert f'href="{response.url}">Vernieuwen</a>' in body
    assert 'http-equiv="refresh"' not in body
    assert "Download de ontvangstbevestiging" not in body


@pytest.mark.django_db
def test_confirmation_page_when_the_receipt_is_ready(
    citizen_client, product, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(citizen_client, product)
    receipt = RequestSubmission.objects.get().receipt
    with django_assert_num_queries(QUERIES):
        page = citizen_client.get(response.url)
    body = page.content.decode()
    download = reverse("documents:download", kwargs={"public_id": receipt.public_id})
    assert 'data-testid="receipt-ready"' in body
    assert f'href="{download}">Download de ontvangstbevestiging (PDF)</a>' in body
    assert "wordt gemaakt" not in body
    pdf = citizen_client.get(download)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_failing_render_is_retried_then_the_page_says_so(
    citizen_client, product, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(receipts, "create_receipt", side_effect=OSError("no fonts")) as render,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _send(citizen_client, product)
    # The test backend cannot defer, so the retries run at once.
    assert render.call_count == receipts.MAX_ATTEMPTS
    submission = RequestSubmission.objects.get()
    assert submission.receipt_attempts == receipts.MAX_ATTEMPTS
    assert submission.receipt_failed_at is not None
    assert not Document.objects.exists()
    body = citizen_client.get(response.url).content.decode()
    assert 'data-testid="receipt-failed"' in body
    assert "Het is niet gelukt de ontvangstbevestiging (PDF) te maken." in body
    assert "Uw aanvraag is wel goed ontvangen" in body
    assert submission.case.reference in body

    # Run again later (an operator re-queues it): the receipt is made and the page offers it.
    result = render_request_receipt.enqueue(submission.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    submission.refresh_from_db()
    assert submission.receipt is not None and submission.receipt_failed_at is None
    assert 'data-testid="receipt-ready"' in citizen_client.get(response.url).content.decode()


# The confirmation page: the submission with its case, agency, product and receipt
# in one join; the same count whether the receipt is there or not. 5 since the
# session is no longer written on every request (identity.session, decision 0051).
QUERIES = 5
