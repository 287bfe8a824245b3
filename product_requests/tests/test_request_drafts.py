"""Requests saved as "Concept" (issue 21): save, continue, send, delete, expire,
and their place on Mijn overzicht (cards and table, one query for all)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case
from cases.tests.factories import CaseFactory
from identity.access_log import AccessLogEntry, data_subject_id
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from product_requests.drafts import DRAFT_RETENTION, save_draft
from product_requests.models import PendingUpload, RequestDraft, RequestSubmission

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"
OVERVIEW = "/mijn/"


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


def _url(product):
    return reverse("product_requests:request", kwargs={"slug": product.slug})


def _fields(product):
    date_field, text_field = product.request_form_fields.order_by("sort_order")[:2]
    return f"vraag_{date_field.pk}", f"vraag_{text_field.pk}"


def _save(client, product, **answers):
    date_name, text_name = _fields(product)
    data = {date_name: "", text_name: "Met de kat.", "aanvraag_token": TOKEN, "stap": "concept"}
    data.update(answers)
    return client.post(_url(product), data)


def _draft_entries(bsn):
    return AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(bsn), object_kind="request_draft"
    )


def test_an_incomplete_form_is_saved_as_a_draft_and_opens_no_case(citizen, citizen_client, product):
    # The required date is empty: a draft is not checked.
    response = _save(citizen_client, product)
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    draft = RequestDraft.objects.get()
    assert draft.subject_bsn == citizen.bsn
    assert draft.product == product
    assert draft.idempotency_key == TOKEN
    _date_name, text_name = _fields(product)
    assert draft.answers == {text_name.removeprefix("vraag_"): "Met de kat."}
    assert not Case.objects.exists()
    assert list(_draft_entries(citizen.bsn).values_list("action", flat=True)) == ["created"]
    page = citizen_client.get(OVERVIEW).content.decode()
    assert "Uw aanvraag is opgeslagen als concept." in page


def test_saving_again_updates_the_one_draft_of_the_form(citizen_client, product):
    _save(citizen_client, product)
    _save(citizen_client, product, **{_fields(product)[1]: "Met de hond."})
    draft = RequestDraft.objects.get()
    assert list(draft.answers.values()) == ["Met de hond."]


def test_the_overview_shows_the_draft_as_concept_with_continue_and_delete(citizen_client, product):
    _save(citizen_client, product)
    draft = RequestDraft.objects.get()
    html = citizen_client.get(OVERVIEW).content.decode()
    assert "1 aanvraag nog niet verstuurd" in html
    assert "Verhuizing doorgeven" in html
    assert 'class="ol-group ol-group--concept">Concept<' in html
    assert f"{_url(product)}?concept={draft.public_id}" in html
    assert reverse("product_requests:delete_draft", kwargs={"public_id": draft.public_id}) in html
    assert f'datetime="{draft.saved_at:%Y}' in html
    # Never a case: the overview still says there are none.
    assert "U hebt nog geen zaken" in html


def test_continuing_fills_the_form_in_again_with_the_same_token(citizen, citizen_client, product):
    _save(citizen_client, product)
    draft = RequestDraft.objects.get()
    response = citizen_client.get(f"{_url(product)}?concept={draft.public_id}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Met de kat." in html
    assert f'name="aanvraag_token" value="{TOKEN}"' in html
    assert f'name="concept" value="{draft.public_id}"' in html
    assert "U gaat verder met uw concept" in html
    assert "viewed" in _draft_entries(citizen.bsn).values_list("action", flat=True)


def test_sending_a_draft_opens_one_case_and_deletes_the_draft(citizen_client, product):
    _save(citizen_client, product)
    draft = RequestDraft.objects.get()
    date_name, text_name = _fields(product)
    data = {
        date_name: "2026-12-01",
        text_name: "Met de kat.",
        "aanvraag_token": TOKEN,
        "concept": str(draft.public_id),
        "stap": "versturen",
    }
    first = citizen_client.post(_url(product), data)
    assert first.status_code == 302
    assert not RequestDraft.objects.exists()
    # A second click: the same case, no error although the draft is gone.
    second = citizen_client.post(_url(product), data)
    assert second["Location"] == first["Location"]
    assert Case.objects.count() == 1
    assert RequestSubmission.objects.get().idempotency_key == TOKEN


def test_a_failed_send_keeps_the_draft(citizen_client, product):
    _save(citizen_client, product)
    date_name, text_name = _fields(product)
    with mock.patch(
        "product_requests.services.attach_pending_uploads", side_effect=DatabaseError("disk full")
    ):
        response = citizen_client.post(
            _url(product),
            {
                date_name: "2026-12-01",
                text_name: "x",
                "aanvraag_token": TOKEN,
                "stap": "versturen",
            },
        )
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert RequestDraft.objects.count() == 1


def test_another_citizens_draft_is_not_found(client, citizen_client, product):
    _save(citizen_client, product)
    draft = RequestDraft.objects.get()
    other = log_in(client, CitizenFactory(bsn="999993653"))
    assert other.get(f"{_url(product)}?concept={draft.public_id}").status_code == 404
    delete = reverse("product_requests:delete_draft", kwargs={"public_id": draft.public_id})
    assert other.post(delete).status_code == 404
    assert RequestDraft.objects.filter(pk=draft.pk).exists()
    assert "Verhuizing doorgeven" not in other.get(OVERVIEW).content.decode()


def test_a_malformed_or_unknown_draft_id_is_not_found(citizen_client, product):
    assert citizen_client.get(f"{_url(product)}?concept=nope").status_code == 404
    unknown = "00000000-0000-4000-8000-000000000000"
    assert citizen_client.get(f"{_url(product)}?concept={unknown}").status_code == 404


def test_the_citizen_deletes_their_draft(citizen, citizen_client, product):
    _save(citizen_client, product)
    draft = RequestDraft.objects.get()
    delete = reverse("product_requests:delete_draft", kwargs={"public_id": draft.public_id})
    assert citizen_client.get(delete).status_code == 405
    response = citizen_client.post(delete)
    assert response["Location"] == OVERVIEW
    assert not RequestDraft.objects.exists()
    assert "is verwijderd" in citizen_client.get(OVERVIEW).content.decode()
    assert "changed" in _draft_entries(citizen.bsn).values_list("action", flat=True)


def test_an_expired_draft_is_gone_and_pruned(citizen_client, product):
    _save(citizen_client, product)
    old = RequestDraft.objects.get()
    RequestDraft.objects.filter(pk=old.pk).update(
        saved_at=timezone.now() - DRAFT_RETENTION - timedelta(minutes=1)
    )
    # Hidden at once, before the periodic prune runs.
    assert "Verhuizing doorgeven" not in citizen_client.get(OVERVIEW).content.decode()
    assert citizen_client.get(f"{_url(product)}?concept={old.public_id}").status_code == 404
    _save(citizen_client, product, aanvraag_token="f" * 32)
    call_command("prune_request_drafts")
    assert list(RequestDraft.objects.values_list("idempotency_key", flat=True)) == ["f" * 32]


def test_a_sent_form_cannot_become_a_draft_again(citizen, citizen_client, product):
    date_name, text_name = _fields(product)
    citizen_client.post(
        _url(product),
        {date_name: "2026-12-01", text_name: "x", "aanvraag_token": TOKEN, "stap": "versturen"},
    )
    # A second tab of the same form, still open, clicks "Opslaan als concept".
    response = _save(citizen_client, product)
    assert response.status_code == 302
    assert not RequestDraft.objects.exists()
    page = citizen_client.get(OVERVIEW).content.decode()
    assert "Deze aanvraag is al verstuurd." in page


def test_files_are_not_kept_with_a_draft(citizen, home_page):
    product = requestable_product(questions=False)
    question = RequestFormFieldFactory(
        page=product, field_type=RequestFieldType.FILE, label="Bewijs"
    )
    PendingUpload.objects.create(
        user=citizen,
        idempotency_key=TOKEN,
        question=question,
        file="request-uploads/x.pdf",
        original_filename="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    save_draft(user=citizen, product=product, idempotency_key=TOKEN, answers={})
    assert not PendingUpload.objects.exists()


def test_drafts_take_one_query_whatever_their_number(
    citizen, citizen_client, home_page, django_assert_num_queries
):
    # The overview's own count with drafts is cases/tests/test_views.py's (10).
    products = [requestable_product(title=f"Product {n}") for n in range(5)]
    save_draft(user=citizen, product=products[0], idempotency_key="a" * 32, answers={})
    citizen_client.get(OVERVIEW)
    with CaptureQueriesContext(connection) as one:
        citizen_client.get(OVERVIEW)
    drafts_queries = [
        q for q in one.captured_queries if "product_requests_requestdraft" in q["sql"]
    ]
    assert len(drafts_queries) == 1
    for n, product in enumerate(products[1:], start=1):
        save_draft(user=citizen, product=product, idempotency_key=f"{n}" * 32, answers={})
    with django_assert_num_queries(len(one.captured_queries)):
        html = citizen_client.get(OVERVIEW).content.decode()
    assert "5 aanvragen nog niet verstuurd" in html


def test_drafts_appear_in_the_table_form_too(citizen, citizen_client, product):
    for _ in range(10):
        CaseFactory(bsn=citizen.bsn)
    save_draft(user=citizen, product=product, idempotency_key=TOKEN, answers={})
    response = citizen_client.get(OVERVIEW)
    assert response.context["as_table"]
    assert response.context["total"] == 10  # drafts are not counted as cases
    html = response.content.decode()
    assert "Uw concept-aanvragen" in html
    assert '<th class="utrecht-table__header-cell" scope="row">Verhuizing doorgeven</th>' in html


def test_no_drafts_is_remembered_until_one_is_saved(
    citizen, citizen_client, product, django_capture_on_commit_callbacks
):
    """Most citizens have no drafts: the overview remembers that (portal.empty_reads)
    and asks no query for them, until one of theirs is saved or deleted."""

    def drafts_queries() -> int:
        # As in production, outside a transaction: what commits is remembered.
        with (
            django_capture_on_commit_callbacks(execute=True),
            CaptureQueriesContext(connection) as captured,
        ):
            html = citizen_client.get(OVERVIEW).content.decode()
        assert captured.captured_queries  # the page's own reads were captured
        found = [q for q in captured.captured_queries if "requestdraft" in q["sql"]]
        return len(found), html

    assert drafts_queries()[0] == 1  # read, and found none
    assert drafts_queries()[0] == 0  # remembered
    other = CitizenFactory(bsn="999991723")  # someone else's draft changes nothing here
    save_draft(user=other, product=product, idempotency_key="b" * 32, answers={})
    assert drafts_queries()[0] == 0
    draft = save_draft(user=citizen, product=product, idempotency_key=TOKEN, answers={})
    count, html = drafts_queries()
    assert count == 1
    assert "1 aanvraag nog niet verstuurd" in html
    citizen_client.post(
        reverse("product_requests:delete_draft", kwargs={"public_id": draft.public_id})
    )
    count, html = drafts_queries()
    assert count == 1 and "nog niet verstuurd" not in html
    assert drafts_queries()[0] == 0
